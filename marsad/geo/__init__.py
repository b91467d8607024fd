"""marsad.geo"""

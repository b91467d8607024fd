"""marsad.quotes"""

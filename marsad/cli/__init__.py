"""marsad.cli"""

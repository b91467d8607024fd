"""marsad.time"""

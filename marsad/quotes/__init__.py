"""marsad.quotes: who said what (the `marsad_quotes` component, see extract.py)."""

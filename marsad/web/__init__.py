"""marsad's web UI: static files served by the API process (`marsad serve`), usable offline.

Everything the browser loads is in `static/`: the page, its scripts, Leaflet (vendored
from its npm package), and a basemap of country and governorate outlines from Natural
Earth (built by `tools/build_basemap.py`). Nothing is fetched from another host unless
the user configures their own tiles (`marsad serve --tile-url`). See static/VENDOR.md.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

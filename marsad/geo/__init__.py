"""marsad.geo: the gazetteer and place resolution.

    from marsad.geo import resolve_name, get_gazetteer
    resolve_name("حماة")                       # the city of Hama (GazetteerEntry)
    resolve_name("صوران", context_admin1="Hama")

The spaCy component `marsad_places` (component.py) sets `doc._.places`.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, MemoryGazetteer, cache_path, get_gazetteer, load_or_build
from .resolve import resolve_name

__all__ = ["Gazetteer", "MemoryGazetteer", "cache_path", "get_gazetteer", "load_or_build", "resolve_name"]

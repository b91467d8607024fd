"""How the API and UI are configured: from `marsad serve`'s options or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

MAX_PAGE = 500


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """private: reads need a token too. tile_url: the user's own tiles ({z}/{x}/{y}), else offline outlines."""

    private: bool = False
    tile_url: str | None = None
    tile_attribution: str | None = None
    max_page: int = MAX_PAGE

    @classmethod
    def from_env(cls) -> Settings:
        """Return settings from MARSAD_PRIVATE, MARSAD_TILE_URL and MARSAD_TILE_ATTRIBUTION."""
        return cls(private=_flag("MARSAD_PRIVATE"), tile_url=os.environ.get("MARSAD_TILE_URL") or None,
                   tile_attribution=os.environ.get("MARSAD_TILE_ATTRIBUTION") or None)

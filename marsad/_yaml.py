"""YAML loading for marsad's data files, with libyaml's C parser when PyYAML has it.

The pure-Python loader spends over a second on the lexicons at every start-up; the C
loader reads the same files into the same objects in a fraction of that.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO) -> Any:
    """Parse YAML like `yaml.safe_load`, faster."""
    return yaml.load(stream, Loader=_LOADER)  # noqa: S506 - a safe loader

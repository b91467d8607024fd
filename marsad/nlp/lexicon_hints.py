"""Gather marsad's own lexicons into the hint lexicon of the NER (see `features`).

Three columns, each {hint label: [folded names]}:
  gaz    gazetteer names by the place's level (country, admin1, admin2, populated);
  actor  actor-catalogue aliases by the actor's kind (person, armed, state-body, media...);
  cue    cue words of marsad/data/entity_cues.yaml by list (title, given, org_head...).

Only marsad's own data goes in (it ships inside the trained model); the research
corpora's gazetteers (ANERGazet) do not.
"""

from __future__ import annotations

import functools
from importlib import resources

from .. import _yaml
from ..text.normalize import fold
from ..text.tokenizer import word_keys

# entity_cues.yaml list -> hint label
_CUE_LISTS = {"person_titles": "title", "title_modifiers": "title_mod", "given_names": "given",
              "unit_heads": "unit", "ordinals": "ordinal", "media_heads": "media", "facility_heads": "fac_head",
              "facility_modifiers": "fac_mod", "org_heads": "org_head"}
_LEVEL_ORDER = ("country", "admin1", "admin2", "populated")


def _gazetteer() -> dict[str, list[str]]:
    from ..geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    out: dict[str, set[str]] = {}
    for words, keys in gaz.arabic_names():
        levels = [gaz.get(k).level for k in keys if gaz.get(k) is not None]
        if not levels:
            continue
        level = min(levels, key=lambda lv: _LEVEL_ORDER.index(lv) if lv in _LEVEL_ORDER else 9)
        out.setdefault(level, set()).add(" ".join(words))
    return {k: sorted(v) for k, v in out.items()}


def _actors() -> dict[str, list[str]]:
    from ..events.actor_catalogue import load_catalogue

    cat = load_catalogue()
    out: dict[str, set[str]] = {}
    for entry in cat.entries.values():
        kind = entry.actor.kind
        if kind in ("civilians", "protesters"):
            continue  # "المدنيين", "المحتجين": groups of people, not names
        for alias in entry.aliases:
            key = cat.key(alias)
            if key:
                out.setdefault(kind, set()).add(" ".join(key))
    return {k: sorted(v) for k, v in out.items()}


def _cues() -> dict[str, list[str]]:
    with resources.files("marsad.data").joinpath("entity_cues.yaml").open(encoding="utf-8") as fh:
        data = _yaml.safe_load(fh)
    out: dict[str, list[str]] = {}
    for key, label in _CUE_LISTS.items():
        names = {" ".join(word_keys(fold(w))) for w in data.get(key) or []}
        out[label] = sorted(n for n in names if n)
    return out


@functools.lru_cache(maxsize=1)
def build_lexicon() -> dict[str, dict[str, list[str]]]:
    """Return the hint lexicon from the gazetteer, the actor catalogue and the entity cues."""
    return {"gaz": _gazetteer(), "actor": _actors(), "cue": _cues()}

"""Relative phrases about a place named earlier: "عند مدخل المدينة الشمالي", "أطراف البلدة".

News names a town once and then says "the city": "دخلت الفصائل مدينة حماة ... وانفجرت
سيارة عند مدخل المدينة الشمالي". The relation (entrance, outskirts, surroundings, near)
and its direction belong in the output like those of a named place ("northern entrance
of Hama"), and the place is the town the anaphor refers back to: the last town (or, for
"الحي", the last quarter) named before it, within `REACH_SENTENCES` sentences.
"""

from __future__ import annotations

from ..annotations import PlaceMention
from .phrase import DocView
from .words import PlaceWords, compass_adjective

REACH_SENTENCES = 3
# anaphor (folded) -> what it refers back to: a town, or a part of a town
_TOWN_NOUNS = {"المدينه", "البلده", "القريه", "المخيم"}
_QUARTER_NOUNS = {"الحي"}


def _relation_ending_at(view: DocView, words: PlaceWords, i: int):
    """Return (first token, relation) of a relation phrase that ends right before token `i`."""
    for rel in sorted(words.relations, key=lambda r: -len(r.words)):
        n = len(rel.words)
        if i - n >= 0 and tuple(view.norms[i - n:i]) == rel.words:
            return i - n, rel
    return None, None


def _antecedent(view: DocView, mentions: list[PlaceMention], i: int, quarter: bool) -> PlaceMention | None:
    """Return the last mention before token `i` that the anaphor can refer to."""
    for m in sorted(mentions, key=lambda m: m.start_token, reverse=True):
        if m.end_token > i or view.sent[i] - view.sent[m.start_token] > REACH_SENTENCES:
            continue
        if m.relation is not None or m.located is None or m.located.level != "populated":
            continue
        is_quarter = m.entry is None and m.area is not None
        if quarter == is_quarter or (not quarter and m.entry is not None):
            return m
    return None


def anaphoric_relations(view: DocView, words: PlaceWords, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Return mentions for "<relation> <anaphor> [direction]" phrases, located at their antecedent."""
    out: list[PlaceMention] = []
    taken = {(m.start_token, m.end_token) for m in mentions}
    for i, norm in enumerate(view.norms):
        if norm not in _TOWN_NOUNS and norm not in _QUARTER_NOUNS:
            continue
        start, rel = _relation_ending_at(view, words, i)
        if rel is None or rel.admin1_area:  # "ريف المدينة" is no governorate
            continue
        ante = _antecedent(view, mentions, i, quarter=norm in _QUARTER_NOUNS)
        if ante is None:
            continue
        end = i + 1
        relation = rel.en
        if end < len(view) and view.norms[end] in words.direction_adjs:
            relation = f"{compass_adjective(words.direction_adjs[view.norms[end]])} {rel.en}"
            end += 1
        if any(s < end and start < e for s, e in taken):
            continue
        doc = view.doc
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        place = ante.located
        out.append(PlaceMention(start=start_char, end=end_char, start_token=start, end_token=end,
                                text=view.text[start_char:end_char], entry=ante.entry or place,
                                area=place if ante.entry is None else None, relation=relation,
                                geo_precision=2, trigger_word=None, name=ante.name or ante.text))
    return out

"""The `marsad_places` spaCy component and the `places_of` output view.

    doc._.places = [PlaceMention, ...]   toponyms, resolved or located at an area

The component finds place phrases (matcher.py), resolves them against the gazetteer
with the article as context (resolve.py), and exposes `known_words()` so the clitic
tokenizer splits "وبحماة" into و ب حماة before matching.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..annotations import GazetteerEntry, PlaceMention
from ..schema import Place
from .gazetteer import Gazetteer, get_gazetteer
from .matcher import DocView, PhraseFinder
from .resolve import Resolver
from .words import place_words

# A gazetteer word the tokenizer learns must be this long: shorter stems ("عد", "ما")
# would split ordinary words ("بعد", "كما") into a preposition and a "place"; stems
# shorter than SAFE_KNOWN_LEN need a well-known place behind them (see known_words).
MIN_KNOWN_LEN = 3
SAFE_KNOWN_LEN = 5


def _short_ok(e: GazetteerEntry, arabic_countries: frozenset[str]) -> bool:
    if e.level == "country" or e.feature_code == "PPLC":
        return True
    return e.country_code in arabic_countries and (e.level == "admin1" or e.population >= 100_000)


class PlacesComponent:
    """Find and resolve the toponyms of a Doc; set `doc._.places`."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer
        self._finder: PhraseFinder | None = None
        self._resolver: Resolver | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    def _ready(self) -> tuple[PhraseFinder, Resolver]:
        if self._finder is None or self._resolver is None:
            words = place_words()
            self._finder = PhraseFinder(self.gazetteer.term_index(), words)
            self._resolver = Resolver(self.gazetteer, words)
        return self._finder, self._resolver

    def known_words(self) -> set[str]:
        """Return the folded words the clitic tokenizer should split proclitics from.

        Short stems are where splitting goes wrong: "فرقة" (a division) is not ف + رقة,
        "كامل" is not ك + امل. A word of fewer than `SAFE_KNOWN_LEN` letters is taught only
        when it names a country, a capital or a big city or admin1 of an Arabic-speaking
        country, and not when the place's own name carries the article (الرقة: text writes
        "والرقة", never "ورقة" for it).
        """
        words = place_words()
        gaz = self.gazetteer
        out: set[str] = set()
        for key, payloads in gaz.arabic_names():
            for w in key:
                if len(w) >= SAFE_KNOWN_LEN:
                    out.add(w)
                elif len(w) >= MIN_KNOWN_LEN and not w.startswith("ال") and len(key) == 1:
                    entries = [gaz.get(k) for k in payloads]
                    if any(e is not None and _short_ok(e, words.arabic_countries)
                           and ("ال" + w,) not in gaz.names_of(e.key) for e in entries):
                        out.add(w)
        out -= words.name_stops | words.prepositions | words.common_words
        return out | words.vocabulary()

    def __call__(self, doc: Doc) -> Doc:
        finder, resolver = self._ready()
        view = DocView(doc)
        doc._.places = resolver.resolve(view, finder.find(doc, view))
        return doc


@Language.factory("marsad_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Create the place component (the gazetteer is loaded lazily, once per process)."""
    return PlacesComponent()


def _place(m: PlaceMention) -> Place:
    """Name and identity from the named place (or the text, when unknown); position from `located`."""
    loc: GazetteerEntry | None = m.located
    named = m.entry
    return Place(text=m.text, start=m.start, end=m.end,
                 name_ar=named.name_ar if named is not None else m.text,
                 name_en=named.name_en if named is not None else None,
                 geonames_id=named.geonames_id if named is not None else None,
                 feature_code=named.feature_code if named is not None else None,
                 lat=loc.lat if loc else None, lon=loc.lon if loc else None,
                 country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
                 admin2=loc.admin2 if loc else None)


def places_of(doc: Doc) -> list[Place]:
    """Return the Doc's place mentions as output `Place`s (coordinates of what each is located at)."""
    return [_place(m) for m in (doc._.places or [])]

"""The marsad_actors component: mentions of actors in a Doc, with original offsets.

Catalogue actors are found through `actor_catalogue.ActorCatalogue` (leftmost-longest,
so "الطيران الحربي الروسي" is Russia's air force, not the regime's "الطيران الحربي").
The article's country, which settles aliases that several countries share, is the one
most of its located places lie in; without places, the home country of the actors it
names unambiguously ("الجيش اللبناني"); else the component's default ("Syria").

Two refinements over plain lookup: a one-word generic alias followed by a nisba
adjective is re-owned ("الجيش الليبي" is not the article's army), and anaphors take
the last group of their kind the article named ("التنظيم" after "تنظيم داعش").

Armed groups the catalogue lacks are kept as text: a head noun (قوات، فصائل، لواء...)
followed by a name ("لواء المعتصم") becomes an ActorMention whose ActorEntry has id
"text:<folded>", an empty name_en and side "unknown".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from ..annotations import ActorEntry, ActorMention
from ..text.lexicon import TermMatch
from .actor_catalogue import (CATALOGUE_PATH, DEFAULT_COUNTRY, ActorCatalogue, AliasSense, Anaphor,
                              load_catalogue)

__all__ = ["CATALOGUE_PATH", "ActorFinder", "actor_country", "actor_for_side", "article_country",
           "load_catalogue", "lookup_actor"]

_QUOTES_OPEN = {"«", '"', "“", "'", "‘", "„"}
_QUOTES_CLOSE = {"»", '"', "”", "'", "’", "“"}


def lookup_actor(text: str, on: dt.date | None = None, country: str | None = DEFAULT_COUNTRY) -> ActorEntry | None:
    """Return the catalogue actor named exactly by `text` on date `on` (None: the most recent)."""
    return load_catalogue().lookup(text, on, country)


def actor_for_side(side: str, country: str = DEFAULT_COUNTRY, on: dt.date | None = None) -> ActorEntry:
    """Return the generic actor of `side` (government, opposition, ...) in `country` on `on`."""
    return load_catalogue().for_side(side, country, on)


def actor_country(actor: ActorEntry) -> str | None:
    """Return the home country of a catalogue actor (None for text-only or international ones).

    Foreign forces carry their own side ("turkey", "israel"); in an event in their home
    country they are that country's government.
    """
    entry = load_catalogue().entries.get(actor.id)
    return entry.country if entry is not None else None


def article_country(doc: Doc, default: str | None = DEFAULT_COUNTRY) -> str | None:
    """Return the country most of the Doc's located places lie in, else `default`."""
    counts = Counter(p.located.country for p in (doc._.places or []) if p.located is not None)
    return counts.most_common(1)[0][0] if counts else default


class ActorFinder:
    """spaCy component: sets doc._.actors to the catalogue and generic actor mentions."""

    def __init__(self, catalogue: ActorCatalogue, default_country: str | None = DEFAULT_COUNTRY):
        self.catalogue = catalogue
        self.default_country = default_country

    def known_words(self) -> frozenset[str]:
        return self.catalogue.known_words()

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        on = record.published if record is not None else None
        matches = self._matches(doc)
        country = article_country(doc, None) or self._voted_country(matches) or self.default_country
        mentions, taken = self._resolve(doc, matches, on, country)
        taken.update(i for m in mentions for i in range(m.start_token, m.end_token))
        mentions += self._generic_mentions(doc, taken)
        doc._.actors = sorted(mentions, key=lambda m: m.start)
        return doc

    def _matches(self, doc: Doc) -> list[TermMatch]:
        """Return the alias index's matches, less open heads that a nisba re-owns."""
        cat = self.catalogue
        skip: set[int] = set()
        while True:
            matches = list(cat.index.finditer(doc, skip=skip))
            starts = {m.start for m in matches}
            for match in matches:
                opens = tuple(t.norm_ for t in doc[match.start:match.end]) in cat.open_heads \
                    or any(isinstance(p, Anaphor) for p in match.payloads)
                # a following alias ("الجيش الأهالي") is not an adjective of this one
                if opens and match.end < len(doc) and match.end not in starts and _is_nisba(doc[match.end].norm_):
                    skip.add(match.start)  # "الجيش الليبي", "الجبهة الشعبية": not this actor
                    break
            else:
                return matches

    def _voted_country(self, matches: list[TermMatch]) -> str | None:
        """Return the home country of most actors named unambiguously and only at home.

        Used when no place tells the article's country: "الجيش اللبناني" twice makes a bare
        "الجيش" in the same article the Lebanese army.
        """
        votes: Counter[str] = Counter()
        for match in matches:
            entries = {self.catalogue.entries[p.entry_id] for p in match.payloads if isinstance(p, AliasSense)}
            countries = {e.country for e in entries}
            if len(countries) == 1 and all(e.country and not e.seen_in and e.actor.kind != "media" for e in entries):
                votes[countries.pop()] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _resolve(self, doc: Doc, matches: list[TermMatch], on: dt.date | None,
                 country: str | None) -> tuple[list[ActorMention], set[int]]:
        """Return the catalogue's mentions and the tokens of not-actor phrases."""
        out: list[ActorMention] = []
        blocked: set[int] = set()
        mentioned: list[str] = []
        for match in matches:
            if all(p is None for p in match.payloads):
                blocked.update(range(match.start, match.end))
                continue
            anaphor = next((p for p in match.payloads if isinstance(p, Anaphor)), None)
            if anaphor is not None:
                antecedent = next((m.actor for m in reversed(out) if m.actor.id in anaphor.entry_ids), None)
                if antecedent is not None:
                    out.append(_mention(doc, match.start, match.end, antecedent))
                continue
            entry = self.catalogue.choose(match.payloads, on, country, mentioned)
            if entry is not None:
                mentioned.append(entry.actor.id)
                out.append(_mention(doc, match.start, match.end, entry.actor))
        return out, blocked

    def _generic_mentions(self, doc: Doc, taken: set[int]) -> list[ActorMention]:
        """Return groups the catalogue lacks, kept as text: a head noun and a name after it."""
        cat = self.catalogue
        out: list[ActorMention] = []
        for match in cat.generic_heads.finditer(doc, skip=taken):
            if any(i in taken for i in range(match.start, match.end)):
                continue
            head = tuple(t.norm_ for t in doc[match.start:match.end])
            definite = head[0].startswith("ال")
            end = _name_end(doc, match.end, taken, cat, definite)
            inter = match.payloads[0]
            if end is None and definite and head in cat.state_heads and match.end < len(doc) \
                    and match.end not in taken and _is_nisba(doc[match.end].norm_) \
                    and doc[match.end].norm_ not in cat.not_names:
                end, inter = match.end + 1, 1  # "الجيش الليبي": a state's forces
            if end is None:
                continue
            span = doc[match.start:end]
            folded = " ".join(t.norm_ for t in span if not (t.is_punct or t.is_space))
            actor = ActorEntry(id=f"text:{folded}", name_en="", name_ar=span.text, inter=inter,
                               side="unknown", kind="armed")
            out.append(_mention(doc, span.start, span.end, actor))
            taken.update(range(span.start, span.end))
        return out


def _mention(doc: Doc, start: int, end: int, actor: ActorEntry) -> ActorMention:
    span = doc[start:end]
    return ActorMention(start=span.start_char, end=span.end_char, start_token=start, end_token=end,
                        text=span.text, actor=actor)


def _name_end(doc: Doc, i: int, taken: set[int], cat: ActorCatalogue, definite: bool) -> int | None:
    """Return the token end of a group name starting at token i, or None if none starts there.

    After a definite head ("الفرقة") only a number or a quoted name counts: a following
    word is then usually an adjective ("الحركة الاحتجاجية") or a person ("اللواء محمد").
    """
    if i < len(doc) and doc[i].text in _QUOTES_OPEN:
        for j in range(i + 1, min(i + 7, len(doc))):
            if doc[j].text in _QUOTES_CLOSE and j > i + 1:
                return j + 1
            if j in taken or not _is_word(doc[j].norm_):
                break
    if i < len(doc) and doc[i].like_num and i not in taken:
        return i + 1  # a numbered unit: "الفرقة 25", "لواء 313"
    if definite:
        return None
    end, count, chained = None, 0, False
    while i < len(doc) and count < 4 and i not in taken:
        norm = doc[i].norm_
        if not _is_word(norm) or norm in cat.not_names:
            break
        has_article = norm.startswith("ال") and len(norm) > 3
        adjective = has_article and norm.startswith("الم") and norm.endswith("ه")  # المسلحه، الموالية
        if chained or norm in cat.name_starters or norm in cat.connectors:
            ok = True
        else:
            ok = has_article and not adjective
        if not ok:
            break
        chained = norm in cat.name_starters or norm in cat.connectors
        count += 1
        i += 1
        if not chained:
            end = i
    return end


def _is_nisba(norm: str) -> bool:
    """Whether a folded word has the shape of a definite nisba adjective (السوري، الليبيه)."""
    return norm.startswith("ال") and len(norm) > 4 and (norm.endswith("ي") or norm.endswith("يه"))


def _is_word(norm: str) -> bool:
    """Whether a token NORM is an Arabic word that can be part of a name (not a clitic)."""
    return len(norm) > 1 and "\u0621" <= norm[0] <= "\u064a"


@Language.factory("marsad_actors", default_config={"default_country": DEFAULT_COUNTRY, "catalogue": None})
def make_actors(nlp: Language, name: str, default_country: str | None, catalogue: str | None) -> ActorFinder:
    """Build the actor component; `catalogue` is a path to another actors.yaml."""
    return ActorFinder(load_catalogue(catalogue), default_country)

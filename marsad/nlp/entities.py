"""Named entities (PER, ORG, LOC, FAC): the trained model, the other stages, name patterns.

The trained NER (marsad/nlp/ner.py, the model shipped in marsad/nlp/model) proposes
PER / ORG / LOC / FAC spans from context, names no list has seen included. Beside them
this component gathers:
  - places found by the geo stage (LOC), including villages the gazetteer lacks;
  - catalogue actors (ORG; PER for the few people in the catalogue);
  - names after titles and roles ("القيادي حسن ...", "الرئيس السوري ..."), names that start
    with a common given name or a kunya (أبو ...), and quoted speakers' names (PER);
  - military units (الفرقة 25، الفيلق الخامس), outlets after media nouns (مراسل
    التلفزيون العربي), organisations after head nouns (وزارة ...), facilities
    (سجن حماة المركزي، مطار ...) (ORG / FAC);
and then every later standalone mention of a person's family name ("... بيسكوف").
Overlaps resolve by a fixed priority, longest first: catalogue actors, units, facilities,
outlets and organisations after head nouns, people from the name patterns, then the
model's spans, then the geo stage's places — except that a model span gives way to a
place it overlaps when it says LOC or lies inside the place's name. So the model adds
what the lexicons and patterns miss and does not undo what they found. The name patterns
can be switched off (`rules=False`) and so can the model (`model=False`), in the
factory's settings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import _yaml
from ..schema import Entity
from ..text.lexicon import TermIndex, doc_norms
from ..text.normalize import fold
from ..text.tokenizer import word_keys
from ..text.tokens import doc_flags, doc_texts
from .ner import SPANS_KEY, shared_model

_CLITICS = {"و", "ف", "ب", "ل", "ك"}
_PRIORITY = {"actor": 0, "unit": 1, "fac": 2, "media": 2, "org": 3, "per": 4, "model": 5, "loc": 6}


@dataclass(frozen=True)
class Cues:
    titles: TermIndex[str]
    title_modifiers: frozenset[str]
    given: TermIndex[str]
    stops: frozenset[str]
    unit_heads: frozenset[str]
    ordinals: TermIndex[str]
    media_heads: frozenset[str]
    facility_heads: frozenset[str]
    facility_modifiers: frozenset[str]
    org_heads: TermIndex[str]

    def known_words(self) -> set[str]:
        words = set(self.title_modifiers) | set(self.stops) | set(self.unit_heads) | set(self.media_heads) | set(self.facility_heads)
        for idx in (self.titles, self.given, self.org_heads):
            words |= set(idx.words())
        return words


def _index(words: list[str]) -> TermIndex[str]:
    idx: TermIndex[str] = TermIndex(article_optional=False)
    for w in words:
        idx.add(w, fold(w))
    return idx


def _set(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(word_keys(w)) for w in words)


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """Load marsad/data/entity_cues.yaml once."""
    with resources.files("marsad.data").joinpath("entity_cues.yaml").open(encoding="utf-8") as fh:
        d = _yaml.safe_load(fh)
    return Cues(
        titles=_index(d["person_titles"]), title_modifiers=_set(d["title_modifiers"]), given=_index(d["given_names"]),
        stops=_set(d["name_stops"]), unit_heads=_set(d["unit_heads"]), ordinals=_index(d["ordinals"]),
        media_heads=_set(d["media_heads"]), facility_heads=_set(d["facility_heads"]),
        facility_modifiers=_set(d["facility_modifiers"]), org_heads=_index(d["org_heads"]))


def _title_tokens(doc: Doc, c: Cues) -> set[int]:
    """Token indices covered by a title or role word (they end a name)."""
    if "title_tokens" not in doc.user_data:
        doc.user_data["title_tokens"] = {i for m in c.titles.finditer(doc) for i in range(m.start, m.end)}
    return doc.user_data["title_tokens"]


def _given_tokens(doc: Doc, c: Cues) -> set[int]:
    """Token indices where a given name or kunya starts."""
    if "given_tokens" not in doc.user_data:
        doc.user_data["given_tokens"] = {m.start for m in c.given.finditer(doc)}
    return doc.user_data["given_tokens"]


def _name_after(doc: Doc, i: int, c: Cues, blocked: set[int], max_len: int = 3) -> int:
    """Return the end token of a name starting at i (i itself when there is none)."""
    norms = doc_norms(doc)
    spaces, puncts, nums = doc_flags(doc, IS_SPACE), doc_flags(doc, IS_PUNCT), doc_flags(doc, LIKE_NUM)
    j = i
    limit = max_len
    while j < len(norms) and j - i < limit:
        norm = norms[j]
        if spaces[j] or puncts[j] or nums[j] or not norm.isalpha():
            break
        if norm in _CLITICS or norm in c.stops or j in blocked or j in _title_tokens(doc, c):
            break
        if j > i and norm in ("ابو", "ام") and i not in _given_tokens(doc, c):
            break  # a kunya starts a new name: "هيئة تحرير الشام أبو محمد"
        if j > i and norm.startswith("و") and j not in _given_tokens(doc, c):
            break  # "... وشقيقه": a conjunction the tokenizer could not split off
        if norm in ("عبد", "ابو", "ابن", "بن", "ام", "ال"):
            limit += 1
        j += 1
    return j


def _persons(doc: Doc, c: Cues, blocked: set[int], actor_tokens: set[int]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    norms = doc_norms(doc)
    given = _given_tokens(doc, c)
    for m in c.titles.finditer(doc):
        j = m.end
        while j < len(doc) and norms[j] in c.title_modifiers:
            j += 1
        if j < len(doc) and norms[j] in ("باسم", "في"):
            # "الناطق باسم الجبهة الجنوبية عصام الريس", "السفير البريطاني في لبنان توم فلتشر":
            # the name follows the body or place, and starts with a given name
            body = next((a for a in doc._.actors or [] if a.start_token == j + 1), None)
            nxt = body.end_token if body is not None and norms[j] == "باسم" else \
                next((k for k in range(j + 1, min(len(doc), j + 6)) if k in given), None)
            if nxt is None:
                continue
            j = nxt
        end = _name_after(doc, j, c, blocked | _org_head_tokens(doc, c))
        first = norms[j] if j < len(doc) else ""
        # an indefinite accusative after a title is not a name: "انتخاب رئيس وصولا ..."
        if end > j and j not in _given_tokens(doc, c) and first.endswith("ا") and len(first) >= 4:
            continue
        if end > j:
            out.append((j, end, "per"))
    for m in c.given.finditer(doc):
        if norms[m.start] in c.stops:
            continue
        if m.start in blocked and (m.end >= len(doc) or m.end in blocked):
            continue  # a place, unless a name word follows ("جون كيري" though Joun is a village)
        end = _name_after(doc, m.end, c, actor_tokens, max_len=2)  # a family name may look like a village
        if end > m.end:
            out.append((m.start, end, "per"))
    return out


_APPOSITION = {"وهو", "وهي", "وهما", "هو", "هي"}


def _appositions(doc: Doc, c: Cues, blocked: set[int]) -> list[tuple[int, int, str]]:
    """"قال سامر، وهو من أبناء القرية": a short name before «، وهو/وهي» after a verb of saying."""
    out = []
    texts, norms = doc_texts(doc), doc_norms(doc)
    for i, text in enumerate(texts):
        if text not in ("،", ",") or i + 1 >= len(doc) or norms[i + 1] not in _APPOSITION:
            continue
        start = i
        while start > 0 and i - start < 3 and norms[start - 1].isalpha() and norms[start - 1] not in c.stops \
                and start - 1 not in blocked:
            start -= 1
        if start < i and start > 0 and (norms[start - 1] in _SAYING or start - 1 in _title_tokens(doc, c)):
            out.append((start, i, "per"))
    return out


_SAYING = {"قال", "قالت", "اضاف", "اضافت", "اوضح", "اوضحت", "ذكر", "ذكرت", "اكد", "اكدت", "روي", "روت", "يقول",
           "تقول", "افاد", "افادت", "صرح", "صرحت", "اشار", "اشارت"}


def _units(doc: Doc, c: Cues) -> list[tuple[int, int, str]]:
    out = []
    nums = doc_flags(doc, LIKE_NUM)
    for i, norm in enumerate(doc_norms(doc)):
        if norm not in c.unit_heads:
            continue
        nxt = i + 1
        if nxt < len(doc) and nums[nxt]:
            out.append((i, nxt + 1, "unit"))
            continue
        for m in c.ordinals.finditer(doc, nxt, min(len(doc), nxt + 4)):
            if m.start == nxt:
                out.append((i, m.end, "unit"))
            break
    return out


def _headed(doc: Doc, heads: frozenset[str], label: str, c: Cues, blocked: set[int],
            modifiers: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    out = []
    norms = doc_norms(doc)
    for i, norm in enumerate(norms):
        if norm not in heads:
            continue
        start = i + 1 if label == "media" and norm.startswith("مراسل") else i
        quoted = _quoted_after(doc, i + 1)
        if quoted > i + 1:  # "موقع «مراسل سوري»", "قناة \"الخبر\""
            out.append((i + 1, quoted, label))  # the name inside the marks
            continue
        end = _name_after(doc, i + 1, c, set(), max_len=3)
        while end < len(doc) and norms[end] in modifiers:
            end += 1
        if end > i + 1:
            out.append((start, end, label))
    return out


def _org_head_tokens(doc: Doc, c: Cues) -> set[int]:
    """Token indices covered by an organisation head noun (computed once per Doc)."""
    if "org_head_tokens" not in doc.user_data:
        doc.user_data["org_head_tokens"] = {i for m in c.org_heads.finditer(doc) for i in range(m.start, m.end)}
    return doc.user_data["org_head_tokens"]


def _quoted_after(doc: Doc, i: int) -> int:
    """End of a name in quote marks right after token i ("حزب «القوات اللبنانية»"), else i."""
    texts = doc_texts(doc)
    if i < len(doc) and texts[i] in ("«", '"', "“"):
        for j in range(i + 1, min(len(doc), i + 8)):
            if texts[j] in ("»", '"', "”"):
                return j + 1
    return i


def _told_to(doc: Doc) -> list[tuple[int, int, str]]:
    """Outlets in quote marks after the preposition ل: "قال لـ«الشرق الأوسط»" (told to)."""
    out = []
    texts, norms = doc_texts(doc), doc_norms(doc)
    for i, norm in enumerate(norms):
        if norm == "ل" or texts[i] in ("لـ", "ل"):
            k = i + 1
            while k < len(doc) and texts[k] in ("ـ",):
                k += 1
            end = _quoted_after(doc, k)
            if end > k and end - k <= 6:
                out.append((k, end, "media"))
    return out


def _orgs(doc: Doc, c: Cues) -> list[tuple[int, int, str]]:
    """Organisations after head nouns; the name must reach a definite word (an idafa):
    "وزارة الدفاع الروسية", "هيئة تحرير الشام" — not "حكومة جديدة"."""
    out = []
    for m in c.org_heads.finditer(doc):
        quoted = _quoted_after(doc, m.end)
        if quoted > m.end:
            out.append((m.start, quoted, "org"))
            continue
        end = _name_after(doc, m.end, c, set(), max_len=3)
        words = doc_norms(doc)[m.end:end]
        definite = [k for k, w in enumerate(words) if w.startswith("ال")]
        if definite:
            last = definite[0]
            while last + 1 < len(words) and words[last + 1].startswith("ال"):
                last += 1
            out.append((m.start, m.end + last + 1, "org"))
        elif m.end - m.start > 1:
            out.append((m.start, m.end, "org"))
    return out


_MARKS = {"«", "»", '"', "“", "”", "'", "(", ")"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop quote marks and brackets at the edges of a name span."""
    texts = doc_texts(doc)
    while start < end and texts[start] in _MARKS:
        start += 1
    while end > start and texts[end - 1] in _MARKS:
        end -= 1
    return start, end


_LABELS = {"actor": "ORG", "unit": "ORG", "fac": "FAC", "media": "ORG", "org": "ORG", "per": "PER", "loc": "LOC"}


def recognise(doc: Doc, model_spans: list[Span] | None = None, rules: bool = True) -> list[Span]:
    """Return the entity spans of a Doc (non-overlapping, in order).

    `model_spans` are the trained model's entities; `rules=False` leaves out the name
    patterns (titles, given names, head nouns, quoted speakers, family names).
    """
    c = cues()
    cands: list[tuple[int, int, str]] = []
    labels: dict[tuple[int, int], str] = {}
    actor_tokens: set[int] = set()
    for m in doc._.actors or []:
        kind = m.actor.kind
        if kind in ("civilians", "protesters") or m.actor.id.startswith("text:") and kind != "armed":
            continue
        cands.append((m.start_token, m.end_token, "per" if kind == "person" else "actor"))
        actor_tokens.update(range(m.start_token, m.end_token))
    place_tokens: set[int] = set()
    for p in doc._.places or []:
        cands.append((p.start_token, p.end_token, "loc"))
        place_tokens.update(range(p.start_token, p.end_token))
    places = [(p.start_token, p.end_token) for p in doc._.places or []]
    for span in model_spans or []:
        start, end = _trim(doc, span.start, span.end)
        if _yields_to_place(start, end, span.label_, places):
            continue
        cands.append((start, end, "model"))
        labels[(start, end)] = span.label_
    if rules:
        cands += _pattern_candidates(doc, c, actor_tokens, place_tokens)
    cands = [_trim(doc, s, e) + (k,) for s, e, k in cands]
    cands = [(s, e, k) for s, e, k in cands if e > s]
    # by priority, then longest first; a span overlapping one already taken is dropped
    chosen: list[Span] = []
    used: set[int] = set()
    for s, e, k in sorted(cands, key=lambda x: (_PRIORITY[x[2]], x[0] - x[1], x[0])):
        if used.isdisjoint(range(s, e)):
            label = labels.get((s, e), "ORG") if k == "model" else _LABELS[k]
            chosen.append(Span(doc, s, e, label=label))
            used.update(range(s, e))
    if not rules:
        return sorted(chosen, key=lambda s: s.start)
    # later mentions of a known person's family name: "قال بيسكوف"
    norms = doc_norms(doc)
    surnames = {norms[s.end - 1] for s in chosen if s.label_ == "PER" and len(s) >= 2
                and len(norms[s.end - 1]) >= 3 and norms[s.end - 1] not in c.stops}
    taken = {i for s in chosen for i in range(s.start, s.end)}
    extra = [Span(doc, i, i + 1, label="PER") for i, norm in enumerate(norms) if norm in surnames and i not in taken]
    return sorted(filter_spans(chosen + extra), key=lambda s: s.start)


def _yields_to_place(start: int, end: int, label: str, places: list[tuple[int, int]]) -> bool:
    """Whether a model span gives way to a place the geo stage found: a LOC it overlaps (the
    geo stage's extent is the one it resolved: "ريف دمشق الغربي", not "دمشق"), or a person
    or organisation that lies wholly inside a known place name ("كوباني" alone stays a town;
    "علي عجمي" is a man even though عجمي is a village)."""
    for ps, pe in places:
        if ps < end and start < pe and (label == "LOC" or (ps <= start and end <= pe)):
            return True
    return False


def _pattern_candidates(doc: Doc, c: Cues, actor_tokens: set[int], place_tokens: set[int]) -> list[tuple[int, int, str]]:
    """Return the name-pattern candidates: units, facilities, outlets, organisations, people."""
    cands = _units(doc, c)
    cands += _headed(doc, c.facility_heads, "fac", c, set(), c.facility_modifiers)
    cands += _headed(doc, c.media_heads, "media", c, set())
    cands += _orgs(doc, c)
    cands += _told_to(doc)
    cands += _persons(doc, c, actor_tokens | place_tokens, actor_tokens)
    cands += _appositions(doc, c, actor_tokens | place_tokens)
    for q in doc._.quotes or []:
        if q.speaker_name_ar and q.speaker_start is not None:
            span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
            if span is not None:
                k = span.text.find(q.speaker_name_ar)
                if k >= 0:
                    s = doc.char_span(span.start_char + k, span.start_char + k + len(q.speaker_name_ar),
                                      alignment_mode="expand")
                    if s is not None:
                        cands.append((s.start, s.end, "per"))
    return cands


class EntityRecogniser:
    """spaCy component: sets doc.ents from the model, the stages before it, name patterns."""

    def __init__(self, model: bool = True, rules: bool = True, model_path: str | None = None):
        self.model = model
        self.rules = rules
        self.model_path = model_path

    def __call__(self, doc: Doc) -> Doc:
        spans = None
        if self.model:
            # a "marsad_ner" component earlier in the pipeline may have tagged the Doc already
            spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else \
                shared_model(self.model_path).spans(doc)
        doc.ents = recognise(doc, spans, rules=self.rules)
        return doc

    def known_words(self) -> set[str]:
        return cues().known_words()


@Language.factory("marsad_entities", default_config={"model": True, "rules": True, "model_path": None})
def make_entities(nlp: Language, name: str, model: bool, rules: bool, model_path: str | None) -> EntityRecogniser:
    return EntityRecogniser(model=model, rules=rules, model_path=model_path)


def entities_of(doc: Doc) -> list[Entity]:
    """Return the Doc's entities in the output schema."""
    return [Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents]

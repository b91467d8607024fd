"""The marsad_dates component: date expressions resolved against the publication date.

Sets `doc._.dates` to DateMentions sorted by offset; each mention's start/end are
offsets into the original text and `text == doc.text[start:end]`.

The reference date is `doc._.record.published`. When it is missing, the component
infers one only from what the text states outright: the latest full date with a year
("5 كانون الأول 2024", "2024-12-05"), as a dateline or a "today, Thursday 5 December"
gives it. Without one, relative words (أمس، الخميس، الشهر الماضي) stay unresolved and
produce no mention, rather than a guess; dates with a year are still reported. The
date used is kept in `doc.user_data["marsad.time.reference"]` (see `reference_date`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .. import _yaml
from ..annotations import DateMention
from ..text.lexicon import doc_norms
from ..text.normalize import fold
from ..text.tokens import doc_flags, doc_text
from .expressions import Expr, find_expressions
from .lexicon import TimeLexicon, build_lexicon, default_lexicon
from .resolve import Resolved, resolve

REFERENCE_KEY = "marsad.time.reference"
_RANGE_OPENERS = {fold(w) for w in ("بين", "من", "منذ")}
_RANGE_JOINERS = {fold(w) for w in ("و", "إلى", "حتى", "-", "–")}


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def infer_reference(exprs: list[Expr], lex: TimeLexicon) -> dt.date | None:
    """Return the latest full date with a stated year among `exprs`, or None."""
    best: dt.date | None = None
    for e in exprs:
        if e.form != "date" or e.year is None or e.since:
            continue
        r = resolve(e, None, lex)
        if r is not None and r.precision == 1 and (best is None or r.date > best):
            best = r.date
    return best


def reference_date(doc: Doc) -> dt.date | None:
    """Return the date `doc`'s relative expressions were resolved against (published or inferred)."""
    if REFERENCE_KEY in doc.user_data:
        return doc.user_data[REFERENCE_KEY]
    record = doc._.record
    return _as_date(record.published) if record is not None else None


def _mention(doc: Doc, text: str, start_tok: int, end_tok: int, r: Resolved) -> DateMention:
    start = doc[start_tok].idx
    last = doc[end_tok - 1]
    end = last.idx + len(last.text)
    return DateMention(start=start, end=end, start_token=start_tok, end_token=end_tok, text=text[start:end],
                       date=r.date, date_end=r.date_end, time_precision=r.precision, kind=r.kind)


def _merge_ranges(doc: Doc, text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join "بين 5 ديسمبر و7 ديسمبر", "من الخميس إلى السبت" into one range mention."""
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.kind != "future" and m.kind != "future" and prev.date <= m.date:
            spaces, norms = doc_flags(doc, IS_SPACE), doc_norms(doc)
            between = [k for k in range(*slice(prev.end_token, m.start_token).indices(len(norms))) if not spaces[k]]
            k = prev.start_token - 1
            while k >= 0 and spaces[k]:
                k -= 1
            opener = prev.text.split()[0] if prev.kind == "since" else (norms[k] if k >= 0 else "")
            if (len(between) == 1 and norms[between[0]] in _RANGE_JOINERS and fold(opener) in _RANGE_OPENERS):
                end = m.date_end or m.date
                span = (end - prev.date).days
                merged = DateMention(start=prev.start, end=m.end, start_token=prev.start_token, end_token=m.end_token,
                                     text=text[prev.start:m.end], date=prev.date, date_end=end,
                                     time_precision=2 if span <= 7 and max(prev.time_precision, m.time_precision) <= 2
                                     else 3, kind="range")
                out[-1] = merged
                continue
        out.append(m)
    return out


class DateRecognizer:
    """Find date expressions in a Doc and resolve them against the publication date."""

    def __init__(self, lexicon: TimeLexicon | None = None):
        self.lexicon = lexicon or default_lexicon()

    def known_words(self) -> set[str]:
        """Folded time words the clitic tokenizer should split off their proclitics."""
        return self.lexicon.known_words()

    def mentions(self, doc: Doc, ref: dt.date | None) -> list[DateMention]:
        """Return the resolved mentions of `doc` against `ref` (no Doc changes)."""
        out: list[DateMention] = []
        previous: Resolved | None = None
        text = doc_text(doc)
        for e in find_expressions(doc, self.lexicon):
            r = resolve(e, ref, self.lexicon, previous)
            if r is None:
                continue
            out.append(_mention(doc, text, e.start, e.end, r))
            if r.precision <= 2 and r.kind not in ("future", "ongoing"):
                previous = r
        return _merge_ranges(doc, text, sorted(out, key=lambda m: m.start))

    def __call__(self, doc: Doc) -> Doc:
        record = doc._.record
        ref = _as_date(record.published) if record is not None else None
        if ref is None:
            ref = infer_reference(find_expressions(doc, self.lexicon), self.lexicon)
        doc.user_data[REFERENCE_KEY] = ref
        doc._.dates = self.mentions(doc, ref)
        return doc


@Language.factory("marsad_dates", default_config={"lexicon_path": None})
def make_dates(nlp: Language, name: str, lexicon_path: str | None) -> DateRecognizer:
    """Build the date component; `lexicon_path` replaces the packaged time_words.yaml."""
    if lexicon_path:
        data = _yaml.safe_load(Path(lexicon_path).read_text(encoding="utf-8"))
        return DateRecognizer(build_lexicon(data))
    return DateRecognizer()

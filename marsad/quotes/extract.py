"""The `marsad_quotes` component: who said what, direct or reported.

    marks.py     pair quotation marks in the raw text («» “” „“ "), repairing slips
    words.py     a word view of the Doc: folded words, proclitics, sentences, marks
    cues.py      speech candidates (verbs, participles, attributions) and complements
    speakers.py  the speaker noun phrase after a verb of saying
    subjects.py  speakers elsewhere: before the verb, the sentence subject, entities
    naming.py    role, name and channel of a speaker
    finder.py    the walk over one Doc that turns all this into QuoteMentions

doc._.quotes is a list of `QuoteMention` (marsad/annotations.py) in text order:
`text` is doc.text[start:end] — the words inside the marks of a direct quote, else the
reported clause after its complementizer; `speaker_text` is doc.text[speaker_start:
speaker_end], the speaker as the text names it (for a carried speaker, its earlier
mention); `cue` is the lemma of the verb of saying, or the attribution phrase
("بحسب"); `channel` and `speaker_role` are English labels from
marsad/data/quote_cues.yaml. `direct` is True for words in quotation marks and for
unquoted words after a colon. `extra` may hold: "carried" (the speaker was not named in
the quote's clause), "cue_text" (the cue as written), "attribution" (the phrase that
introduced it), "antecedent" ({start, end, text} of the fuller earlier mention a bare
"المصادر" or a surname repeats; it lends its name and role), "according_to" (the
source the reporter cites for this quote: "…، وفق ما أكد أحد قادتها"), "nested" (a
quote reported inside another quote).

`quotes_of(doc)` gives the schema's `Quote`s.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..annotations import QuoteMention
from ..schema import Quote, Speaker
from .finder import QuoteFinder
from .lexicon import QuoteLexicon, lexicon


def find_quotes(doc: Doc, lex: QuoteLexicon | None = None) -> list[QuoteMention]:
    """Return the quotes of `doc` with their speakers, in text order."""
    return QuoteFinder(doc, lex or lexicon()).run()


class QuotesComponent:
    """spaCy component: sets doc._.quotes; teaches the tokenizer the cue words."""

    def __init__(self, lex: QuoteLexicon):
        self.lex = lex

    def known_words(self) -> set[str]:
        return self.lex.known_words()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, self.lex)
        return doc


@Language.factory("marsad_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """Build the quotes component over the packaged lexicon (marsad/data/quote_cues.yaml)."""
    return QuotesComponent(lexicon())


def quotes_of(doc: Doc) -> list[Quote]:
    """Return doc._.quotes as schema `Quote`s (speaker, text, offsets, cue, channel)."""
    out: list[Quote] = []
    for q in doc._.quotes or []:
        speaker = Speaker(text=q.speaker_text, name_ar=q.speaker_name_ar, name_en=q.speaker_name_en,
                          role=q.speaker_role)
        out.append(Quote(speaker=speaker, text=q.text, start=q.start, end=q.end, direct=q.direct,
                         cue=q.cue, channel=q.channel))
    return out

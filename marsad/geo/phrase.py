"""The unit the place finder hands to the resolver, and the Doc view both read.

A `Phrase` is a place name's token range with its gazetteer candidates and its frame
(place noun, relation, list membership); `DocView` holds the token norms, sentence and
paragraph numbers of a Doc, computed once per Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .words import Relation

ENDERS = {".", "!", "?", "؟", "…", "\n"}
QUOTES = {'"', "«", "»", "“", "”", "'", "‘", "’"}


@dataclass
class Phrase:
    """A place phrase: the name's tokens, its candidate keys and its frame."""

    start: int  # name tokens [start, end)
    end: int
    start_char: int  # name characters (may start inside a token: "وشرعايا")
    end_char: int
    keys: tuple[str, ...]  # gazetteer entry keys; () for an unknown name
    sentence: int
    trigger: str | None = None  # folded place noun
    trigger_level: str | None = None
    trigger_strong: bool = False
    trigger_plural: bool = False
    trigger_part: bool = False  # the noun names a part of a town (حي، دوار)
    feature: bool = False  # the place noun is part of the name (سد، مطار، تلة)
    trigger_tok: int | None = None  # the place noun's token
    trigger_start: int | None = None  # token / char of a feature noun kept in the name
    trigger_char: int | None = None
    relation: Relation | None = None
    relation_en: str | None = None  # the English relation, direction included
    phrase_start: int | None = None  # first token of the relation, when there is one
    suffix_end: int | None = None  # token after a trailing direction adjective
    in_list: bool = False  # an item of a coordinated list after a place noun
    list_head: int | None = None  # token of the noun or relation that heads its list
    list_relation: Relation | None = None  # the relation heading the list ("محيط X وY")
    quoted: bool = False  # written in quotes after its place noun: «المشيك»
    cue_prep_area: bool = False  # في/ب + name with an area phrase right after
    person: bool = False  # framed as a person's or an organisation's name (أبو X، صحيفة X)
    adjectival: bool = False  # reads as an adjective of the word before ("الحلول السلمية")
    norms: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cued(self) -> bool:
        """True when the frame says this is a place whatever the name is."""
        return bool(self.trigger or self.relation_en or self.in_list or self.cue_prep_area or self.list_relation)


class DocView:
    """Token norms, sentence and paragraph numbers of a Doc, computed once."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text from the tokens on every access
        self.norms = [t.norm_ for t in doc]
        self.sent = [0] * len(doc)
        self.para = [0] * len(doc)
        if doc.has_annotation("SENT_START"):
            for n, s in enumerate(doc.sents):
                for i in range(s.start, s.end):
                    self.sent[i] = n
        else:
            n = 0
            for i, tok in enumerate(doc):
                self.sent[i] = n
                if tok.text in ENDERS or "\n" in tok.text:
                    n += 1
        p = 0
        for i, tok in enumerate(doc):
            self.para[i] = p
            if "\n" in tok.text or "\n" in tok.whitespace_:
                p += 1

    def __len__(self) -> int:
        return len(self.norms)

    def is_word(self, i: int) -> bool:
        tok = self.doc[i]
        return not tok.is_space and not tok.is_punct and any("\u0621" <= c <= "\u064a" for c in tok.text)

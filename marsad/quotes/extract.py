"""PLACEHOLDER until the quotes stage lands: registers marsad_quotes, finds nothing."""
from __future__ import annotations
from spacy.language import Language
from spacy.tokens import Doc
from ..schema import Quote


@Language.factory("marsad_quotes")
def make_quotes(nlp: Language, name: str):
    def quotes(doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
    return quotes


def quotes_of(doc: Doc) -> list[Quote]:
    return []

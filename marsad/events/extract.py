"""PLACEHOLDER: registers marsad_events."""
from __future__ import annotations
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("marsad_events")
def make_events(nlp: Language, name: str):
    def events(doc: Doc) -> Doc:
        doc._.events = []
        return doc
    return events

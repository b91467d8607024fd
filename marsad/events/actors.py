"""PLACEHOLDER: registers marsad_actors."""
from __future__ import annotations
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("marsad_actors")
def make_actors(nlp: Language, name: str):
    def actors(doc: Doc) -> Doc:
        doc._.actors = []
        return doc
    return actors

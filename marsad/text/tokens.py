"""Per-Doc lists of token strings and flags, read once per Doc.

spaCy builds a new `Token` object on every `doc[i]` or `for tok in doc`, and the stages
read the same few attributes of every token many times over (a Doc of a thousand tokens
is walked dozens of times). These helpers read one attribute of all tokens in a single
`Doc.to_array` call and keep the list in `doc.user_data`, so later stages get it free.
Tokens are never changed after the tokenizer made them, so texts and lexeme flags stay
valid for the Doc's life; NORMs are cached by `marsad.text.lexicon.doc_norms`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH
from spacy.tokens import Doc

T = TypeVar("T")
_FLAG_KEYS = {IS_SPACE: "marsad.is_space", IS_PUNCT: "marsad.is_punct", LIKE_NUM: "marsad.like_num"}


def doc_strings(doc: Doc, attr: int) -> list[str]:
    """Return one string attribute (ORTH, NORM, SHAPE...) of every token, without making
    Token objects."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(attr).tolist()] if len(doc) else []


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], list[T]]) -> list[T]:
    """Return `compute(doc)`, computed once per Doc and kept in `doc.user_data[key]` (a Doc
    re-tokenised to another length recomputes it)."""
    found = doc.user_data.get(key)
    if found is None or len(found) != len(doc):
        found = compute(doc)
        doc.user_data[key] = found
    return found


def doc_texts(doc: Doc) -> list[str]:
    """Return the text of every token, computed once per Doc."""
    return per_doc(doc, "marsad.texts", lambda d: doc_strings(d, ORTH))


def doc_flags(doc: Doc, attr: int) -> list[bool]:
    """Return a lexeme flag (IS_SPACE, IS_PUNCT or LIKE_NUM) of every token, computed once per Doc."""
    return per_doc(doc, _FLAG_KEYS[attr],
                   lambda d: [bool(x) for x in d.to_array(attr).tolist()] if len(d) else [])


def doc_offsets(doc: Doc) -> list[int]:
    """Return the character offset of every token (Token.idx), computed once per Doc."""
    return per_doc(doc, "marsad.idx", lambda d: d.to_array(IDX).tolist() if len(d) else [])


def doc_text(doc: Doc) -> str:
    """Return doc.text, built once per Doc (spaCy joins every token's text on each access)."""
    cached = doc.user_data.get("marsad.text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["marsad.text"] = cached
    return cached[1]

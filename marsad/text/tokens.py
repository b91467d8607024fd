"""Per-Doc lists of token strings and flags, read once per Doc.

spaCy builds a new `Token` object on every `doc[i]` or `for tok in doc`, and the stages
read the same few attributes of every token many times over (a Doc of a thousand tokens
is walked dozens of times). These helpers read one attribute of all tokens in a single
`Doc.to_array` call and keep the list in `doc.user_data`, so later stages get it free.
Tokens are never changed after the tokenizer made them, so texts and lexeme flags stay
valid for the Doc's life; NORMs are cached by `marsad.text.lexicon.doc_norms`.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH
from spacy.tokens import Doc

_FLAG_KEYS = {IS_SPACE: "marsad.is_space", IS_PUNCT: "marsad.is_punct", LIKE_NUM: "marsad.like_num"}


def doc_strings(doc: Doc, attr: int) -> list[str]:
    """Return one string attribute (ORTH, NORM, SHAPE...) of every token, without making
    Token objects."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(attr).tolist()] if len(doc) else []


def doc_texts(doc: Doc) -> list[str]:
    """Return the text of every token, computed once per Doc."""
    texts = doc.user_data.get("marsad.texts")
    if texts is None or len(texts) != len(doc):
        texts = doc_strings(doc, ORTH)
        doc.user_data["marsad.texts"] = texts
    return texts


def doc_flags(doc: Doc, attr: int) -> list[bool]:
    """Return a lexeme flag (IS_SPACE, IS_PUNCT or LIKE_NUM) of every token, computed once per Doc."""
    key = _FLAG_KEYS[attr]
    flags = doc.user_data.get(key)
    if flags is None or len(flags) != len(doc):
        flags = [bool(x) for x in doc.to_array(attr).tolist()] if len(doc) else []
        doc.user_data[key] = flags
    return flags


def doc_offsets(doc: Doc) -> list[int]:
    """Return the character offset of every token (Token.idx), computed once per Doc."""
    idx = doc.user_data.get("marsad.idx")
    if idx is None or len(idx) != len(doc):
        idx = doc.to_array(IDX).tolist() if len(doc) else []
        doc.user_data["marsad.idx"] = idx
    return idx


def doc_text(doc: Doc) -> str:
    """Return doc.text, built once per Doc (spaCy joins every token's text on each access)."""
    cached = doc.user_data.get("marsad.text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["marsad.text"] = cached
    return cached[1]

"""The event trigger grammar and modality words, loaded from marsad/data.

`event_triggers.yaml` lists lemma-like forms; this module expands them into the surface
forms Arabic text uses (verb endings for gender and number, possessive suffixes on
nouns) and indexes them for leftmost-longest matching.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from .. import _yaml
from ..text.lexicon import TermIndex
from ..text.normalize import fold
from ..text.tokenizer import word_keys

_POSSESSIVES = ("ها", "هم", "هما", "نا", "ه")


@dataclass(frozen=True)
class Trigger:
    """One trigger entry of the grammar (shared by all its surface forms)."""

    frame: str
    lemma: str
    pos: str  # verb, present, noun, phrase
    blocked_before: frozenset[str] = frozenset()
    needs_near: frozenset[str] = frozenset()
    needs_actor: bool = False
    needs_place: bool = False
    near_in_clause: bool = False  # needs_near words may stand anywhere in the clause
    weak: bool = False


def _verb_forms(past: str) -> set[str]:
    """Perfect-tense forms: 3ms, 3fs, 3mp, dual, 3fp ('سيطر' -> 'سيطرت', 'سيطروا'...)."""
    k = fold(past)
    if k.endswith("ي"):  # final alif maqsura: استولى -> استولت، استولوا
        stem = k[:-1]
        return {k, stem + "ت", stem + "وا", stem + "يا", stem + "ين"}
    return {k, k + "ت", k + "وا", k + "ا", k + "ن", k + "تا", k + "نا"}  # ...and 1st person plural


def _present_forms(present: str) -> set[str]:
    """Imperfect forms from the 3ms ('يقصف' -> 'تقصف', 'يقصفون', 'يقصفان'...)."""
    k = fold(present)
    stem = k[1:]
    out = {k}
    for prefix in ("ي", "ت", "ن"):
        out |= {prefix + stem, prefix + stem + "ون", prefix + stem + "ان"}
    return out


def _noun_forms(noun: str) -> set[str]:
    """A noun and its possessive forms ('سيطرة' -> 'سيطرتها', 'سيطرتهم')."""
    k = fold(noun)
    out = {k}
    if " " in k:
        return out
    base = k[2:] if k.startswith("ال") else k
    stem = base[:-1] + "ت" if base.endswith("ه") else base
    out |= {stem + p for p in _POSSESSIVES}
    if not base.endswith(("ه", "ا", "ي", "ء")):
        out.add(base + "ا")  # the indefinite accusative: "نفذوا اعتصاماً", "شنوا هجوماً"
    return out


@dataclass(frozen=True)
class Grammar:
    """The trigger index plus the word lists extract.py consults."""

    triggers: TermIndex[Trigger]
    means: dict[str, TermIndex[str]]
    civilians: frozenset[str]
    protest_intervention: TermIndex[str]
    protest_excessive_force: TermIndex[str]
    negation: frozenset[str]
    not_negation_after: frozenset[str]
    modal_particles: frozenset[str]
    future: TermIndex[str]
    expected: TermIndex[str]
    habitual: TermIndex[str]
    cumulative: TermIndex[str]
    accusation: frozenset[str]
    pluperfect: frozenset[str]
    attempt: TermIndex[str]
    conditional: TermIndex[str]
    claim_verbs: frozenset[str]
    source_cues: TermIndex[str]
    clause_breaks: TermIndex[str]

    def known_words(self) -> set[str]:
        """Every folded word the clitic tokenizer should be able to split off a proclitic."""
        words = set(self.triggers.words()) | set(self.civilians) | set(self.negation) | set(self.claim_verbs)
        for specs in self.triggers.payloads():
            for spec in specs:
                words |= {w for w in spec.needs_near | spec.blocked_before if " " not in w}
        words |= set(self.accusation)
        for index in (*self.means.values(), self.future, self.expected, self.habitual, self.cumulative, self.attempt, self.conditional, self.source_cues, self.clause_breaks,
                      self.protest_intervention, self.protest_excessive_force):
            words |= set(index.words())
        return words


def _load(name: str) -> dict:
    with resources.files("marsad.data").joinpath(name).open(encoding="utf-8") as fh:
        return _yaml.safe_load(fh)


def _index(words: list[str], label: str = "") -> TermIndex[str]:
    idx: TermIndex[str] = TermIndex()
    for w in words:
        idx.add(w, label or fold(w))
    return idx


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(word_keys(w)) for w in words)


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Load and expand the trigger grammar once per process."""
    spec = _load("event_triggers.yaml")
    modality = _load("event_modality.yaml")
    triggers: TermIndex[Trigger] = TermIndex()
    for entry in spec["triggers"]:
        common = dict(frame=entry["frame"], blocked_before=_keys(entry.get("blocked_before", [])),
                      needs_near=_keys(entry.get("needs_near", [])), needs_actor=entry.get("needs_actor", False),
                      needs_place=entry.get("needs_place", False), weak=entry.get("weak", False),
                      near_in_clause=entry.get("near_in_clause", False))
        for verb in entry.get("verbs", []):
            trig = Trigger(lemma=verb, pos="verb", **common)
            for form in _verb_forms(verb):
                triggers.add(form, trig)
        for verb in entry.get("present", []):
            trig = Trigger(lemma=verb, pos="present", **common)
            for form in _present_forms(verb):
                triggers.add(form, trig)
        for noun in entry.get("nouns", []):
            trig = Trigger(lemma=noun, pos="noun", **common)
            for form in _noun_forms(noun):
                triggers.add(form, trig)
        for phrase in entry.get("phrases", []):
            triggers.add(phrase, Trigger(lemma=phrase, pos="phrase", **common))
    return Grammar(
        triggers=triggers,
        means={kind: _index(words, kind) for kind, words in spec["means"].items()},
        civilians=_keys(spec["civilians"]),
        protest_intervention=_index(spec["protest_intervention"]),
        protest_excessive_force=_index(spec["protest_excessive_force"]),
        negation=_keys(modality["negation"]),
        not_negation_after=_keys(modality["not_negation_after"]),
        modal_particles=_keys(modality["modal_particles"]),
        future=_index(modality["future"]),
        expected=_index(modality["expected"]),
        habitual=_index(modality["habitual"]),
        cumulative=_index(modality["cumulative"]),
        accusation=_keys(modality["accusation"]),
        pluperfect=_keys(modality["pluperfect"]),
        attempt=_index(modality["attempt"]),
        conditional=_index(modality["conditional"]),
        claim_verbs=_keys(modality["claim_verbs"]),
        source_cues=_index(modality["source_cues"]),
        clause_breaks=_index(modality["clause_breaks"]),
    )

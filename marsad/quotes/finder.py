"""QuoteFinder: the running state of quote finding over one Doc.

Candidates (cues.py) are visited in text order. A verb's speaker is the noun phrase
after it (speakers.py), else its subject before it or the speaker it carries
(subjects.py); its complement says where the reported words begin, and the next
clause-starting candidate or the sentence end where they stop — unless a quotation
mark closes them later. Attributions ("حسبما أفاد X", "بحسب X") quote the clause they
stand after or before. Each quote is emitted as a `QuoteMention`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..annotations import QuoteMention
from .cues import Candidate, Complement, clause_initial, find_candidates, find_complement
from .lexicon import QuoteLexicon
from .naming import channel_of, looks_like_speaker, name_of, role_of
from .speakers import ends_clause, scan_np, skip_adjuncts, trim
from .subjects import KANA, entity_before, sentence_subject, subject_before
from .words import WordView

_RELATIVES = {"الذي", "التي", "الذين"}
_CONNECTIVES = {"غير", "الا", "بيد", "كما", "علما"}


@dataclass(frozen=True)
class Analysis:
    """A verb cue's speaker phrase [np_start, np_end), the channel phrase before an عن
    source (`via`), and its complement."""

    np_start: int
    np_end: int
    via: int | None
    comp: Complement | None


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as the text names it: word range, role, name range, antecedent."""

    start: int
    end: int
    role: str | None = None
    name: tuple[int, int] | None = None
    antecedent: "SpeakerRef | None" = None
    carried: bool = False


class QuoteFinder:
    """Find the quotes of one Doc; holds the running state (last speaker, quotes)."""

    def __init__(self, doc: Doc, lex: QuoteLexicon):
        self.doc = doc
        self.lex = lex
        self.v = WordView(doc, lex)
        self.cands = find_candidates(self.v, lex)
        self.cue_words = {c.cue_word for c in self.cands} | {c.start for c in self.cands}
        self._settle()
        self.last: SpeakerRef | None = None
        self.by_sentence: dict[int, SpeakerRef] = {}
        self.speakers: list[SpeakerRef] = []
        self.quotes: list[QuoteMention] = []
        self.channels: dict[tuple[int, int], str] = {}
        self.quote_words: list[tuple[int, int]] = []
        self._quote_end_word: dict[int, int] = {}  # sentence -> last quote end (word index)

    # --- boundaries -------------------------------------------------------------------
    def _limit(self, pos: int, colon: bool = False) -> int:
        """End of the clause that starts at word `pos`: the next hard candidate after it
        in the same sentence, else the sentence end. After a colon the speaker's words
        run on past a subjectless "ويرجح أنه" too."""
        _, sent_end = self.v.sentence_bounds(pos)
        for cand in self.cands:
            if cand.start >= sent_end:
                break
            if cand.start > pos and cand.hard:
                if colon and cand.kind == "verb" and self._np_empty(cand):
                    continue
                return cand.start
        return sent_end

    def _np_empty(self, cand: Candidate) -> bool:
        a, b = scan_np(self.v, self.lex, cand.cue_end, self.v.sentence_bounds(cand.start)[1], self.cue_words)
        return a == b

    def _in_quote(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.quote_words)

    # --- speakers ---------------------------------------------------------------------
    def _make_speaker(self, rng: tuple[int, int] | None) -> SpeakerRef | None:
        if rng is None:
            return None
        start, end = trim(self.v, *rng)
        if end <= start:
            return None
        role = role_of(self.v, self.lex, start, end)
        ref = SpeakerRef(start, end, role.role if role else None,
                         name_of(self.v, self.lex, self.doc, start, end, role))
        return replace(ref, antecedent=self._antecedent(ref))

    def _antecedent(self, ref: SpeakerRef) -> SpeakerRef | None:
        """The earlier, fuller speaker a bare definite noun repeats: its head ("المصادر"
        after "مصادر بالمعارضة") or the surname of its name ("الجولاني")."""
        if ref.end - ref.start != 1:
            return None
        w = self.v[ref.start]
        if not w.stem.startswith("ال"):
            return None
        head = w.stem[2:]
        for prev in reversed(self.speakers):
            if prev.end - prev.start < 2:
                continue
            # "المصادر" after "مصادر بالمعارضة"; "الجولاني" after "... أبو محمد الجولاني"
            surname = self.v[prev.name[1] - 1].norm if prev.name and prev.name[1] - prev.name[0] > 1 else None
            if self.v[prev.start].stem.removeprefix("ال") == head or w.norm == surname:
                return prev.antecedent or prev
        return None

    def _carried(self, cand: Candidate) -> SpeakerRef | None:
        """The speaker of a cue with no subject: the sentence's speaker so far, the
        subject of its first verb, its last person entity, else the last speaker."""
        v, lex, doc = self.v, self.lex, self.doc
        ref = self.by_sentence.get(v[cand.start].sent)
        if ref is None:
            ref = self._make_speaker(sentence_subject(v, lex, doc, cand.start, self.cue_words)
                                     or entity_before(v, doc, cand.start))
        ref = ref or self.last
        return replace(ref, carried=True) if ref is not None else None

    def _remember(self, ref: SpeakerRef, cand: Candidate) -> None:
        if not ref.carried:
            self.speakers.append(ref)
        self.last = replace(ref, carried=False)
        self.by_sentence[self.v[cand.start].sent] = self.last

    # --- quotes -----------------------------------------------------------------------
    def _quote_range(self, comp: Complement, limit: int) -> tuple[int, int, bool]:
        """Return (start, end, direct) of the reported words in word indices."""
        v = self.v
        c = comp.content
        span = v.spans.get(c)
        if span is not None and c < limit:
            if span.close is None:
                return span.inner_start, span.inner_end, True
            tail = self._limit(span.close)
            after = span.close + 1
            more = any(k in v.spans for k in range(after, tail))
            if ends_clause(v, after, tail) or (after < tail and v[after].text in {",", "،"} and not more):
                # "«...»، في رد على أسئلة الصحافيين": what follows the comma is the reporter's
                return span.inner_start, span.inner_end, True
            return c, tail, False
        end = limit
        for k in range(c, limit):
            inner = v.spans.get(k)
            if inner is not None:
                end = max(end, inner.close + 1 if inner.close is not None else inner.inner_end)
        return c, end, comp.kind == "colon"

    def _emit(self, cand: Candidate, ref: SpeakerRef | None, start: int, end: int, direct: bool,
              nested: bool = False) -> bool:
        v = self.v
        if ref is None:
            return False
        start, end = trim(v, start, end)
        if end <= start or not any(v[k].is_word for k in range(start, end)):
            return False
        a, b, text = v.text_of(start, end)
        if any(q.start == a and q.end == b for q in self.quotes):
            return False
        s, _ = v.sentence_bounds(cand.start)
        channel = channel_of(v, self.lex, s, start, skip=None if ref.carried else (ref.start, ref.end))
        key = (ref.start, ref.end)
        if channel is None and ref.carried:
            channel = self.channels.get(key)
        if channel is not None:
            self.channels.setdefault(key, channel)
        spk_a, spk_b, spk_text = v.text_of(ref.start, ref.end)
        # an anaphor lends its antecedent's name and, lacking its own, its role
        ant = ref.antecedent
        name_ref = ant.name if ant is not None and ant.name is not None else ref.name
        role = ref.role or (ant.role if ant is not None else None)
        extra: dict = {"cue_text": v[cand.cue_word].text if cand.form else None, "carried": ref.carried}
        if cand.marker:
            extra["attribution"] = cand.marker
        if nested:
            extra["nested"] = True
        if ref.antecedent is not None:
            ant = ref.antecedent
            extra["antecedent"] = dict(zip(("start", "end", "text"), v.text_of(ant.start, ant.end)))
        self.quotes.append(QuoteMention(
            start=a, end=b, text=text, direct=direct, speaker_text=spk_text, speaker_start=spk_a,
            speaker_end=spk_b, speaker_role=role,
            cue=cand.form.cue.lemma if cand.form else cand.marker, channel=channel,
            speaker_name_ar=v.text_of(*name_ref)[2] if name_ref else None, extra=extra))
        if not nested:
            self.quote_words.append((start, end))
        sent = v[start].sent
        self._quote_end_word[sent] = max(self._quote_end_word.get(sent, 0), end)
        return True

    def _analyse(self, cand: Candidate, limit: int) -> Analysis | None:
        """Find the speaker phrase (or, for a participle, its object) and the complement."""
        v, lex = self.v, self.lex
        np_start, np_end = scan_np(v, lex, cand.cue_end, limit, self.cue_words)
        via: int | None = None  # "نقل التلفزيون عن الوزير": the channel's first word
        source = cand.form.cue.source_prep
        if source and cand.kind != "participle":
            k = cand.cue_end if cand.cue_end < limit and v[cand.cue_end].stem == source \
                else skip_adjuncts(v, lex, np_end, limit)
            if k < limit and v[k].stem == source:
                via = np_start if np_end > np_start else None
                np_start, np_end = scan_np(v, lex, k + 1, limit, self.cue_words)
            elif cand.form.cue.source_only:
                return None
        comp = find_complement(v, lex, cand, np_start, np_end, limit)
        if comp is not None and np_start <= comp.at < np_end:
            np_end = comp.at
        if cand.kind == "participle":
            np_end = np_start  # what follows a participle is its object, never its subject
        return Analysis(np_start, np_end, via, comp)

    def _plausible(self, cand: Candidate) -> bool:
        """An ambiguous form (بين، ذكر، رأي ...) is a verb of saying only with a clear
        complement and a speaker that names someone (or none, after و/ف)."""
        v = self.v
        _, sent_end = v.sentence_bounds(cand.start)
        limit = next((c.start for c in self.cands if cand.start < c.start < sent_end and c.hard
                      and not (c.form and c.form.ambiguous)), sent_end)
        an = self._analyse(cand, limit)
        if an is None or an.comp is None or an.comp.kind not in ("an", "colon", "mark"):
            return False
        if v[cand.cue_word].clitics or cand.start == v.sentence_bounds(cand.start)[0]:
            return True  # "وذكر مسيحيون ... أن": a clause of its own, with its complement
        return an.np_end > an.np_start and looks_like_speaker(v, self.lex, self.doc, an.np_start, an.np_end,
                                                               strict=True)

    def _opens_clause(self, cand: Candidate) -> bool:
        """A verb after its own subject still starts a clause when the subject does:
        "لكن موسكو تؤكد", "هشام مروة، نائب ... قال", "الجيش، الذي قال"."""
        v = self.v
        i = cand.cue_word
        if i >= 2 and v[i - 1].norm in _RELATIVES and v[i - 2].text in {",", "،"}:
            return True
        subj = subject_before(v, self.lex, self.doc, i, self.cue_words)
        if subj is None:
            return False
        k = subj[0]
        s, _ = v.sentence_bounds(k)
        if k == s or clause_initial(v, self.lex, k) or v[k - 1].norm in KANA:
            return True
        # "غير أن مصدرا ... نفى": أن after غير/إلا/بيد is a connective, not a complement
        return k >= 2 and v[k - 1].stem in self.lex.complementizers and v[k - 2].norm in _CONNECTIVES

    def _settle(self) -> None:
        """Decide which candidates start clauses and drop implausible ambiguous forms."""
        settled: list[Candidate] = []
        for cand in self.cands:
            if cand.kind == "verb" and not cand.initial and not self.v[cand.cue_word].clitics \
                    and self._opens_clause(cand):
                cand = replace(cand, initial=True)
            settled.append(cand)
        self.cands = settled  # _plausible reads the settled clause boundaries
        self.cands = [c for c in settled if not (c.kind == "verb" and c.form.ambiguous and not self._plausible(c))]
        self.cue_words = {c.cue_word for c in self.cands} | {c.start for c in self.cands}

    def _verb(self, cand: Candidate) -> None:
        v, lex, doc = self.v, self.lex, self.doc
        participle = cand.kind == "participle"
        # reported speech inside a reported clause ("قال X إن زعيم الجيش اعتبر أن ..."):
        # a quote of its own when its subject is named, nested in the outer one
        nested = not cand.hard and self._in_quote(cand.start)
        if nested and participle:
            return
        limit = self._limit(cand.cue_end - 1)
        an = self._analyse(cand, limit)
        if an is None:
            return
        np_start, np_end, comp = an.np_start, an.np_end, an.comp
        if comp is not None and comp.kind == "colon":
            limit = self._limit(cand.cue_end - 1, colon=True)
        explicit = np_end > np_start
        sent = v[cand.start].sent
        if nested:
            subject = subject_before(v, lex, doc, cand.cue_word, self.cue_words)
            if subject is not None and not looks_like_speaker(v, lex, doc, *subject, strict=True):
                subject = None
            if subject is None and explicit and looks_like_speaker(v, lex, doc, np_start, np_end, strict=True):
                subject = (np_start, np_end)
            if subject is None or comp is None:
                return
            self._emit(cand, self._make_speaker(subject), *self._quote_range(comp, limit), nested=True)
            return
        if participle or (explicit and cand.form.cue.addressee and v[cand.cue_word].clitics
                          and sent in self.by_sentence and v.sentence_bounds(cand.start)[0] < cand.start):
            # "، ودعت المجتمع الدولي إلى": the noun is the addressee; the subject is the sentence's
            ref = self._carried(cand)
        elif explicit:
            if cand.form.cue.addressee:
                # "خاطب الجولاني أهالي المدينة": the people addressed follow the speaker
                for j in range(np_start + 1, np_end):
                    hit = lex.roles.match(v.words, j, np_end)
                    if hit is not None and hit[1][1] == "anonymous":
                        np_end = j
                        break
            ref = self._make_speaker((an.via if an.via is not None else np_start, np_end))
            if not cand.initial and not looks_like_speaker(v, lex, doc, np_start, np_end, strict=True):
                return  # "شريط فيديو يؤكد فيه قيامه ...": the verb's subject is not named here
        else:
            ref = None
            if not v[cand.cue_word].clitics:
                ref = self._make_speaker(subject_before(v, lex, doc, cand.cue_word, self.cue_words))
            if ref is None and not cand.initial:
                return
            ref = ref or self._carried(cand)
        if ref is None:
            return
        if comp is not None:
            self._emit(cand, ref, *self._quote_range(comp, limit))
        if participle:
            return
        if comp is not None or (explicit and (ref.antecedent is not None
                                              or looks_like_speaker(v, lex, doc, ref.start, ref.end))):
            self._remember(ref, cand)

    def _attribution(self, cand: Candidate) -> None:
        v, lex = self.v, self.lex
        limit = self._limit(cand.cue_end - 1) if cand.cue_end < len(v) else len(v)
        if cand.cue_end >= limit or v[cand.cue_end].is_punct:
            return  # "كما يقول، ...": the speaker is only implied
        np_start, np_end = scan_np(v, lex, cand.cue_end, limit, self.cue_words)
        if np_end <= np_start or v[np_start].stem in lex.pronoun_attributions:
            return
        if cand.form is not None and find_complement(v, lex, cand, np_start, np_end, limit) is not None:
            self._verb(Candidate("verb", cand.start, cand.cue_end, cand.form, cand.marker))
            return
        first = v[np_start]
        if cand.form is None:
            # "وفق عبدالرحمن بمقتل ...": the speaker ends before the reported ب-phrase
            for k in range(np_start + 1, np_end):
                if (v[k].clitics == "ب" or (v[k].norm.startswith("ب") and len(v[k].norm) > 3 and not v[k].clitics
                                            and v[k].norm not in {"باسم"})) and v[k].stem not in lex.place_nouns:
                    np_end = k
                    break
            if not (np_end - np_start == 1 and not first.norm.startswith("ال")) \
                    and not looks_like_speaker(v, lex, self.doc, np_start, np_end, strict=True):
                return  # "وفق المعايير", "حسب درجة النمو": in accordance with, not according to
        s, _ = v.sentence_bounds(cand.start)
        sent = v[cand.start].sent
        before_start = max(s, self._quote_end_word.get(sent, s))
        for c in self.cands:
            if s <= c.start < cand.start and c.hard:
                before_start = max(before_start, c.cue_end)
        before_start = skip_adjuncts(v, lex, before_start, cand.start)
        before = sum(1 for k in range(before_start, cand.start) if v[k].is_word)
        after_start = np_end
        while after_start < limit and (v[after_start].text in {",", "،", ":"}
                                       or v[after_start].norm in {"فان", "فانه", "فانها", "فانهم"}):
            after_start += 1
        after = sum(1 for k in range(after_start, limit) if v[k].is_word)
        ref = self._make_speaker((np_start, np_end))
        if ref is None:
            return
        if self._quote_end_word.get(sent, -1) >= cand.start - 1 and after < 2:
            # "أشارت الفصائل إلى أن ...، وفق ما أكد أحد قادتها": the source the reporter
            # cites for that quote, kept on it rather than made a quote of its own
            a, b, text = v.text_of(ref.start, ref.end)
            last = max((q for q in self.quotes if q.end <= v[cand.start].start), key=lambda q: q.end, default=None)
            if last is not None:
                last.extra.setdefault("according_to", {"start": a, "end": b, "text": text})
            return
        if before >= 3 and after >= 2:
            rng = (before_start, limit, False)
        elif before >= 3:
            rng = (before_start, cand.start, False)
        elif after >= 2:
            rng = self._quote_range(Complement("prep", after_start, after_start), limit)
        else:
            return
        if self._emit(cand, ref, *rng):
            self._remember(ref, cand)

    def run(self) -> list[QuoteMention]:
        for cand in self.cands:
            if cand.kind == "attribution":
                self._attribution(cand)
            else:
                self._verb(cand)
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes



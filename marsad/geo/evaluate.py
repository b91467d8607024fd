"""Score toponym resolution against hand-checked place mentions (eval/toponyms/mentions.tsv).

    report = evaluate()                      # the repository's TSV over ../shared/corpus
    print(format_report(report, verbose=True))

Each gold row names a span of a real article and the true place (GeoNames id, OCHA
P-code, point, admin1; see eval/toponyms/README.md). The place stage runs once per
article; a gold row is matched to the system's `PlaceMention` that overlaps it most
(none: a missed mention) and scored on

* exact id: the named entry (for a relative phrase, its entry or its area) has the gold
  GeoNames id, or its key's last part is the gold P-code ("ocha:SY070400"); a country
  row also counts when the entry is that country;
* within 10 km: the located point (`PlaceMention.located`) against the gold point;
* admin1: the located record's admin1 against the gold admin1.

Rows of kind `unlisted` (places no gazetteer has) are also split into a confident wrong
point, a fall-back to the right area, and the rest. Nothing here depends on which
gazetteer the place stage uses: presence checks go through the `Gazetteer` interface.
"""

from __future__ import annotations

import csv
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..annotations import ArticleRecord, GazetteerEntry, PlaceMention

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MENTIONS = REPO_ROOT / "eval" / "toponyms" / "mentions.tsv"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

COLUMNS = ("doc", "start", "end", "kind", "geonames_id", "pcode", "lat", "lon", "admin1", "country", "note")
KINDS = ("country", "admin1", "admin2", "admin3", "town", "neighbourhood", "feature", "relative", "unlisted")
NEAR_KM = 10.0

# The gazetteer level a row's place has (a relative row: its reference place, by P-code).
_KIND_LEVEL = {"country": "country", "admin1": "admin1", "admin2": "admin2", "admin3": "admin3"}
_PCODE_LEVEL = {2: "country", 4: "admin1", 6: "admin2", 8: "admin3"}  # "SY", "SY07", "SY0704", "SY070400"


@dataclass(frozen=True)
class GoldMention:
    """One hand-checked place mention: a span of an article and the true place."""

    doc: str  # path under the corpus root without ".txt", or "FILE.jsonl#ID"
    start: int
    end: int
    kind: str
    geonames_id: int | None
    pcode: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    note: str

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None

    @property
    def level(self) -> str:
        """The gazetteer level of the true place (for a relative row, of its reference place)."""
        if self.kind in _KIND_LEVEL:
            return _KIND_LEVEL[self.kind]
        if self.pcode and len(self.pcode) in _PCODE_LEVEL:
            return _PCODE_LEVEL[len(self.pcode)]
        return "populated"


def _opt(value: str, convert: Any) -> Any:
    value = value.strip()
    return convert(value) if value else None


def read_mentions(path: Path | str = DEFAULT_MENTIONS) -> list[GoldMention]:
    """Return the rows of a mentions TSV (header `COLUMNS`), checking kinds and numbers."""
    rows: list[GoldMention] = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            raise ValueError(f"{path}: header must be {' '.join(COLUMNS)}, got {header}")
        for n, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(COLUMNS):
                raise ValueError(f"{path}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
            r = dict(zip(COLUMNS, cells))
            if r["kind"] not in KINDS:
                raise ValueError(f"{path}:{n}: unknown kind {r['kind']!r}")
            rows.append(GoldMention(
                doc=r["doc"], start=int(r["start"]), end=int(r["end"]), kind=r["kind"],
                geonames_id=_opt(r["geonames_id"], int), pcode=_opt(r["pcode"], str),
                lat=_opt(r["lat"], float), lon=_opt(r["lon"], float),
                admin1=_opt(r["admin1"], str), country=_opt(r["country"], str), note=r["note"]))
    return rows


class ArticleTexts:
    """Article texts by `doc` reference under a corpus root (jsonl files read once)."""

    def __init__(self, root: Path | str = DEFAULT_CORPUS):
        self.root = Path(root)
        self._jsonl: dict[str, dict[str, str]] = {}

    def __call__(self, doc: str) -> str:
        if "#" in doc:
            name, record_id = doc.split("#", 1)
            if name not in self._jsonl:
                with (self.root / name).open(encoding="utf-8") as fh:
                    records = (json.loads(line) for line in fh if line.strip())
                    self._jsonl[name] = {str(r["id"]): r["text"] for r in records}
            try:
                return self._jsonl[name][record_id]
            except KeyError:
                raise KeyError(f"no record {record_id!r} in {self.root / name}") from None
        return (self.root / f"{doc}.txt").read_text(encoding="utf-8")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle (haversine) distance between two (lat, lon) points in km."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _fold_admin1(name: str | None) -> str:
    """Compare admin1 names without case, spaces or hyphens ("Deir ez-Zor" = "Deir-ez-Zor")."""
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


def _overlap(g: GoldMention, m: PlaceMention) -> int:
    return min(g.end, m.end) - max(g.start, m.start)


def best_match(gold: GoldMention, mentions: list[PlaceMention]) -> PlaceMention | None:
    """Return the system mention overlapping the gold span most (the shorter one on a tie)."""
    scored = [(_overlap(gold, m), -(m.end - m.start), -m.start, i) for i, m in enumerate(mentions)]
    scored = [s for s in scored if s[0] > 0]
    return mentions[max(scored)[3]] if scored else None


def _is_gold(e: GazetteerEntry | None, g: GoldMention) -> bool:
    if e is None:
        return False
    if g.geonames_id is not None and e.geonames_id == g.geonames_id:
        return True
    if g.pcode and e.key.rsplit(":", 1)[-1] == g.pcode:
        return True
    return g.kind == "country" and e.level == "country" and (e.country or "").lower() == (g.country or "").lower()


@dataclass
class MentionResult:
    """How one gold mention fared: the matched system mention and each check (None: n/a)."""

    gold: GoldMention
    found: PlaceMention | None
    exact: bool | None = None
    distance_km: float | None = None
    within_10km: bool | None = None
    admin1_ok: bool | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.found is not None and all(c is not False for c in (self.exact, self.within_10km, self.admin1_ok))


class _Presence:
    """Whether the gold place is in the gazetteer, through the `Gazetteer` interface only."""

    def __init__(self, gazetteer: Any):
        self.gaz = gazetteer
        self._by_gid: dict[int, GazetteerEntry] | None = None

    def _entries(self) -> list[GazetteerEntry]:
        """Every record, where the gazetteer can list them (`all_entries()` or an `entries` dict)."""
        if hasattr(self.gaz, "all_entries"):
            return list(self.gaz.all_entries())
        return list((getattr(self.gaz, "entries", None) or {}).values())

    def __call__(self, g: GoldMention) -> bool | None:
        if g.geonames_id is None and not g.pcode:
            return None if g.kind != "unlisted" else False
        if self.gaz is None:
            return None
        if g.pcode and self.gaz.get(f"ocha:{g.pcode}") is not None:
            return True
        if g.geonames_id is not None:
            if self.gaz.get(f"gn:{g.geonames_id}") is not None:
                return True
            if self._by_gid is None:  # admin records are keyed otherwise ("adm1:SY-HM")
                self._by_gid = {e.geonames_id: e for e in self._entries() if e.geonames_id}
            return g.geonames_id in self._by_gid
        return False


def score_mention(g: GoldMention, m: PlaceMention | None, present: bool | None) -> MentionResult:
    """Return the checks and, when one fails, the error class of one gold mention."""
    res = MentionResult(gold=g, found=m)
    if m is None:
        res.error = "missed mention"
        return res
    loc = m.located
    if g.geonames_id is not None or g.pcode or g.kind == "country":
        named = [m.entry, m.area] if g.kind == "relative" else [m.entry]
        res.exact = any(_is_gold(e, g) for e in named)
    if g.point is not None:
        if loc is not None and loc.lat is not None and loc.lon is not None:
            res.distance_km = km(g.point, (loc.lat, loc.lon))
        res.within_10km = res.distance_km is not None and res.distance_km <= NEAR_KM
    if g.admin1:
        res.admin1_ok = loc is not None and _fold_admin1(loc.admin1) == _fold_admin1(g.admin1)
    if not res.ok:
        res.error = _error_class(res, present)
    return res


def _error_class(res: MentionResult, present: bool | None) -> str:
    g, m = res.gold, res.found
    assert m is not None
    if 2 * _overlap(g, m) < g.end - g.start:  # only a name inside the phrase (Damascus of "the Ghouta of Damascus")
        return "partial mention"
    loc = m.located
    if loc is None:
        return "unlocated"
    place_ok = res.admin1_ok is not False and (g.kind == "country" or g.country is None
                                               or (loc.country or "").lower() == g.country.lower())
    if m.entry is not None and (m.relation is None or g.kind == "relative"):
        if not place_ok or (res.within_10km is False and m.geo_precision == 1):
            return "wrong namesake"
        if m.entry.level != g.level and not (g.kind == "relative" and m.area is not None and m.area.level == g.level):
            return "wrong level"
        if res.within_10km is False:
            return "too far"
        return "other place nearby" if present else "not in gazetteer"
    if not place_ok:
        return "wrong area"
    if present:
        return "area fallback"
    return "not in gazetteer" if res.within_10km is False or g.kind != "unlisted" else "area fallback"


def unlisted_outcome(res: MentionResult) -> str:
    """Classify an `unlisted` row: confident wrong point, right area, wrong area, unlocated, missed."""
    m = res.found
    if m is None:
        return "missed"
    loc = m.located
    if loc is None:
        return "unlocated"
    if m.geo_precision == 1 and m.entry is not None and (res.admin1_ok is False or res.within_10km is False):
        return "confident wrong point"
    return "right area" if res.admin1_ok is not False else "wrong area"


@dataclass
class ToponymReport:
    """The results of one evaluation run, with the timings of the place stage."""

    results: list[MentionResult]
    articles: int
    system_mentions: int
    build_seconds: float
    place_seconds: float
    by_kind: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    @staticmethod
    def _rate(values: list[bool | None]) -> list[int]:
        done = [v for v in values if v is not None]
        return [sum(done), len(done)]

    def summary(self) -> dict[str, Any]:
        """Return the numbers as plain data (what `--json` prints)."""
        res = self.results
        kinds: dict[str, dict[str, list[int]]] = {}
        for kind in KINDS:
            rows = [r for r in res if r.gold.kind == kind]
            if rows:
                kinds[kind] = {"found": [sum(r.found is not None for r in rows), len(rows)],
                               "exact_id": self._rate([r.exact for r in rows]),
                               "within_10km": self._rate([r.within_10km for r in rows]),
                               "admin1": self._rate([r.admin1_ok for r in rows]),
                               "all_checks": [sum(r.ok for r in rows), len(rows)]}
        unlisted = Counter(unlisted_outcome(r) for r in res if r.gold.kind == "unlisted")
        n = len(res)
        return {
            "mentions": n, "articles": self.articles,
            "found": [sum(r.found is not None for r in res), n],
            "exact_id": self._rate([r.exact for r in res]),
            "within_10km": self._rate([r.within_10km for r in res]),
            "admin1": self._rate([r.admin1_ok for r in res]),
            "all_checks": [sum(r.ok for r in res), n],
            "by_kind": kinds,
            "unlisted": dict(unlisted),
            "errors": dict(Counter(r.error for r in res if r.error).most_common()),
            "timing": {"pipeline_build_s": round(self.build_seconds, 3),
                       "place_stage_s": round(self.place_seconds, 3),
                       "ms_per_article": round(1000 * self.place_seconds / max(self.articles, 1), 2),
                       "ms_per_system_mention": round(1000 * self.place_seconds / max(self.system_mentions, 1), 3),
                       "system_mentions": self.system_mentions},
        }

    def error_list(self) -> list[dict[str, Any]]:
        """Return one record per failed gold mention: where, the truth, what the system said."""
        out = []
        for r in self.results:
            if r.error is None:
                continue
            g, m = r.gold, r.found
            loc = m.located if m else None
            out.append({"doc": g.doc, "start": g.start, "end": g.end, "kind": g.kind, "truth": g.note,
                        "error": r.error, "system_text": m.text if m else None,
                        "entry": m.entry.key if m and m.entry else None,
                        "located": f"{loc.name_en} ({loc.admin1 or loc.country})" if loc else None,
                        "precision": m.geo_precision if m else None,
                        "distance_km": None if r.distance_km is None else round(r.distance_km, 1)})
        return out


def evaluate(mentions: Path | str | list[GoldMention] = DEFAULT_MENTIONS,
             corpus: Path | str = DEFAULT_CORPUS, nlp: Any = None) -> ToponymReport:
    """Run the place stage once per article of the gold rows and score every row."""
    from ..pipeline import build_pipeline, make_doc  # the pipeline imports every stage

    rows = read_mentions(mentions) if not isinstance(mentions, list) else mentions
    texts = ArticleTexts(corpus)
    t0 = time.perf_counter()
    if nlp is None:
        nlp = build_pipeline(["marsad_sentences", "marsad_places"])
    places = nlp.get_pipe("marsad_places") if "marsad_places" in nlp.pipe_names else None
    gazetteer = getattr(places, "gazetteer", None)
    build_seconds = time.perf_counter() - t0
    present = _Presence(gazetteer)
    by_doc: dict[str, list[GoldMention]] = {}
    for g in rows:
        by_doc.setdefault(g.doc, []).append(g)
    results: list[MentionResult] = []
    place_seconds, system_mentions = 0.0, 0
    for doc_ref, golds in by_doc.items():
        doc = make_doc(nlp, ArticleRecord(id=doc_ref, text=texts(doc_ref)))
        t0 = time.perf_counter()
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        place_seconds += time.perf_counter() - t0
        mentions_found = list(doc._.places or [])
        system_mentions += len(mentions_found)
        results += [score_mention(g, best_match(g, mentions_found), present(g)) for g in golds]
    return ToponymReport(results=results, articles=len(by_doc), system_mentions=system_mentions,
                         build_seconds=build_seconds, place_seconds=place_seconds)


def _pct(pair: list[int]) -> str:
    c, t = pair
    return f"{c}/{t} {100 * c / t:5.1f}%" if t else "-"


_TABLE = ("found", "exact_id", "within_10km", "admin1", "all_checks")


def format_report(report: ToponymReport, verbose: bool = False) -> str:
    """Return a short table of the numbers (and, verbose, one line per error)."""
    s = report.summary()
    head = f"{'kind':<14}" + "".join(f"{h:>16}" for h in ("found", "exact id", "<= 10 km", "admin1", "all checks"))
    rule = "-" * len(head)
    lines = [f"{s['mentions']} gold mentions in {s['articles']} articles", "", head, rule]
    for kind, k in s["by_kind"].items():
        lines.append(f"{kind:<14}" + "".join(f"{_pct(k[c]):>16}" for c in _TABLE))
    lines += [rule, f"{'all':<14}" + "".join(f"{_pct(s[c]):>16}" for c in _TABLE)]
    if s["unlisted"]:
        total = sum(s["unlisted"].values())
        shares = sorted(s["unlisted"].items(), key=lambda kv: -kv[1])
        parts = ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in shares)
        lines += ["", f"unlisted places ({total}): {parts}"]
    lines += ["", "errors: " + ", ".join(f"{k} {v}" for k, v in s["errors"].items())]
    t = s["timing"]
    lines += ["", (f"place stage: {t['ms_per_article']:.1f} ms/article, {t['ms_per_system_mention']:.2f} ms per "
                   f"system mention ({t['system_mentions']} mentions); pipeline build {t['pipeline_build_s']:.2f} s")]
    if verbose:
        lines.append("")
        for e in report.error_list():
            got = "-" if e["system_text"] is None else f"{e['system_text']} -> {e['located']} p{e['precision']}"
            dist = "" if e["distance_km"] is None else f" {e['distance_km']} km"
            lines.append(f"{e['error']:<20} {e['doc']} {e['start']}-{e['end']} {e['kind']}: {e['truth']} | {got}{dist}")
    return "\n".join(lines)

"""One event per real-world event across outlets (reports we wrote)."""

from __future__ import annotations

import datetime as dt

from marsad.annotations import ArticleRecord
from marsad.events.dedup import DedupSettings, deduplicate, similarity
from marsad.pipeline import extract

DAY = dt.date(2024, 3, 7)

ONE_STRIKE = [
    ("wire-a", "وكالة أ", "شنت طائرات حربية أمس غارة على مدينة سراقب في ريف إدلب الشرقي، ما أدى إلى مقتل ثلاثة مدنيين."),
    ("wire-b", "قناة ب", "قتل ثلاثة مدنيين وأصيب آخرون جراء غارة جوية استهدفت سوقا في مدينة سراقب يوم الأربعاء."),
    ("wire-c", "موقع ج", "أفاد الدفاع المدني بأن الطيران الحربي قصف أمس أحياء في سراقب، وأن الحصيلة ارتفعت إلى أربعة قتلى."),
]


def reports(items):
    for article_id, source, text in items:
        out = extract(ArticleRecord(id=article_id, text=text, published=DAY, source=source))
        for event in out.events:
            yield article_id, source, event


def test_three_outlets_reporting_one_strike_give_one_event_with_three_sources():
    clusters = deduplicate(reports(ONE_STRIKE))
    strikes = [c for c in clusters if c.event.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    cluster = strikes[0]
    assert sorted(cluster.sources) == ["قناة ب", "موقع ج", "وكالة أ"]
    assert {a for a, _ in cluster.members} == {"wire-a", "wire-b", "wire-c"}
    assert {ev.article for ev in cluster.event.evidence} == {"wire-a", "wire-b", "wire-c"}
    assert cluster.event.fatalities == 3  # the lowest count a source gives
    assert cluster.event.event_date == dt.date(2024, 3, 6)


def test_two_strikes_on_one_town_on_one_day_are_one_acled_event():
    items = [
        ("wire-a", "وكالة أ", "قصفت طائرات حربية صباح أمس مدرسة في مدينة سراقب."),
        ("wire-b", "قناة ب", "وفي مساء أمس استهدفت غارة ثانية مخبزا في مدينة سراقب."),
    ]
    clusters = [c for c in deduplicate(reports(items)) if c.event.sub_event_type == "Air/drone strike"]
    assert len(clusters) == 1 and len(clusters[0].members) == 2


def test_strikes_on_different_days_or_towns_stay_apart():
    items = [
        ("wire-a", "وكالة أ", "قصفت طائرات حربية أمس مدينة سراقب."),
        ("wire-b", "قناة ب", "قصفت طائرات حربية يوم الأحد مدينة سراقب."),
        ("wire-c", "موقع ج", "قصفت طائرات حربية أمس مدينة أريحا في ريف إدلب."),
    ]
    clusters = [c for c in deduplicate(reports(items)) if c.event.sub_event_type == "Air/drone strike"]
    assert len(clusters) == 3


def test_the_threshold_is_a_setting():
    items = [("wire-a", "وكالة أ", "قصفت طائرات حربية أمس مدينة سراقب."),
             ("wire-b", "قناة ب", "قصفت طائرات حربية يوم الثلاثاء مدينة سراقب.")]
    a, b = [e for _, _, e in reports(items)]
    score = similarity(a, b)  # one day apart: within the window, not the same day
    assert DedupSettings().threshold <= score < 1.0
    assert len(deduplicate([("x", "s1", a), ("y", "s2", b)])) == 1
    assert len(deduplicate([("x", "s1", a), ("y", "s2", b)], DedupSettings(threshold=score + 0.01))) == 2


def test_events_dedup_in_the_cli_lists_one_event_with_every_source(tmp_path):
    import json

    from click.testing import CliRunner

    from marsad.cli.main import cli

    for article_id, source, text in ONE_STRIKE:
        (tmp_path / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{article_id}.meta.json").write_text(json.dumps(
            {"id": article_id, "source": source, "published": DAY.isoformat()}), encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    assert CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db]).exit_code == 0
    plain = json.loads(CliRunner().invoke(cli, ["events", "--db", db, "--format", "json"]).stdout)
    merged = json.loads(CliRunner().invoke(cli, ["events", "--db", db, "--format", "json", "--dedup"]).stdout)
    strikes = [e for e in merged if e["sub_event_type"] == "Air/drone strike"]
    assert len([e for e in plain if e["sub_event_type"] == "Air/drone strike"]) == 3
    assert len(strikes) == 1

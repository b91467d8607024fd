"""The `marsad` command on its real entry point: formats, errors, exit codes, the store, the schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from bidi import get_display
from cli_helpers import SAMPLES, fixed_output
from click.testing import CliRunner

from marsad.annotations import ArticleRecord
from marsad.cli.main import cli
from marsad.schema import json_schema
from marsad.store import ENV_VAR, Store


REPO = Path(__file__).resolve().parents[2]
AR = "قالت مصادر محلية إن دورية عسكرية تعرضت لهجوم قرب بلدة جاسم في ريف درعا مساء أمس."
AR_2 = "نظم طلاب جامعيون وقفة احتجاجية أمام مبنى المحافظة في مدينة درعا."


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(content, bytes) else lambda c: path.write_text(c, encoding="utf-8"))(content)
    return path


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("marsad: error: ")]


# -- schema ------------------------------------------------------------------------------


def test_committed_schema_file_is_in_sync() -> None:
    committed = json.loads((REPO / "schema" / "marsad.article-1.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `make schema` and commit schema/marsad.article-1.schema.json"


def test_schema_command_prints_and_writes_the_schema(runner: CliRunner, tmp_path: Path) -> None:
    printed = runner.invoke(cli, ["schema"])
    assert printed.exit_code == 0 and json.loads(printed.stdout) == json_schema()
    target = tmp_path / "s.json"
    written = runner.invoke(cli, ["schema", "--output", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == printed.stdout


# -- extract -------------------------------------------------------------------------------


def test_extract_json_is_one_object_for_one_file(runner: CliRunner, fake_extract) -> None:
    result = runner.invoke(cli, ["extract", str(SAMPLES / "03_sweida_protest.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert isinstance(out, dict) and out["schema"] == "marsad.article/1"
    assert out["article"]["id"] == "sample-03-sweida-protest"
    assert out["article"]["published"] == "2023-09-15"
    assert "السويداء" in result.stdout  # ensure_ascii=False: Arabic written as is
    assert result.stderr == ""


def test_extract_json_is_an_array_for_several_and_jsonl_one_per_line(runner: CliRunner, fake_extract) -> None:
    as_json = runner.invoke(cli, ["extract", str(SAMPLES)])
    assert as_json.exit_code == 0, as_json.output
    array = json.loads(as_json.stdout)
    assert [a["article"]["id"] for a in array] == [f"sample-{p.stem.replace('_', '-')}"
                                                    for p in sorted(SAMPLES.glob("*.txt"))]
    as_jsonl = runner.invoke(cli, ["extract", str(SAMPLES), "--format", "jsonl"])
    lines = as_jsonl.stdout.splitlines()
    assert len(lines) == len(array) and [json.loads(line) for line in lines] == array


def test_extract_options_override_metadata(runner: CliRunner, fake_extract) -> None:
    result = runner.invoke(cli, ["extract", str(SAMPLES / "04_daraa_arrests.txt"),
                                 "--published", "2024-05-08", "--source", "Horan Net"])
    out = json.loads(result.stdout)
    assert (out["article"]["published"], out["article"]["source"]) == ("2024-05-08", "Horan Net")
    assert fake_extract.calls[0].published == dt.date(2024, 5, 8)


def test_extract_reads_standard_input(runner: CliRunner, fake_extract) -> None:
    result = runner.invoke(cli, ["extract", "-", "--published", "2024-01-02"], input=AR.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert fake_extract.calls[0].text == AR
    assert json.loads(result.stdout)["article"]["published"] == "2024-01-02"


def test_each_bad_input_is_one_error_line_and_the_rest_is_processed(runner: CliRunner, fake_extract,
                                                                     tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", AR)
    bad = {
        "empty": _write(tmp_path / "empty.txt", b""),
        "binary": _write(tmp_path / "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 20),
        "utf8": _write(tmp_path / "legacy.txt", AR_2.encode("cp1256")),
        "english": _write(tmp_path / "english.txt", "Officials said the new bridge will open next spring."),
        "missing": tmp_path / "missing.txt",
    }
    feed = _write(tmp_path / "feed.jsonl", "\n".join([
        json.dumps({"id": "ok", "text": AR_2, "published": "2024-03-01"}, ensure_ascii=False),
        '{"id": "cut", "text": "نص',
        json.dumps({"id": "nodate", "text": AR_2, "published": "March 1st"}, ensure_ascii=False),
        json.dumps({"id": "notext", "title": "عنوان"}, ensure_ascii=False),
    ]))
    args = ["extract", "--format", "jsonl", str(bad["empty"]), str(good), str(bad["binary"]), str(bad["utf8"]),
            str(bad["english"]), str(bad["missing"]), str(feed)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["good", "ok"]
    errors = _error_lines(result.stderr)
    assert len(errors) == len(result.stderr.splitlines()) == 8
    assert errors[:5] == [
        f"marsad: error: {bad['empty']}: empty file",
        f"marsad: error: {bad['binary']}: binary file (contains NUL bytes), not text",
        errors[2], errors[3],
        f"marsad: error: {bad['missing']}: no such file or folder",
    ]
    assert errors[2].startswith(f"marsad: error: {bad['utf8']}: not valid UTF-8: byte 0x") and "byte offset 0" in errors[2]
    assert errors[3].startswith(f"marsad: error: {bad['english']}: not Arabic")
    assert errors[5].startswith(f"marsad: error: {feed}:2: malformed JSON")
    assert errors[6].startswith(f"marsad: error: {feed}:3: published 'March 1st' is not a date")
    assert errors[7] == f"marsad: error: {feed}:4: record has no 'text'"


def test_exit_code_is_1_when_nothing_could_be_read(runner: CliRunner, fake_extract, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(_write(tmp_path / "e.txt", b"")), str(tmp_path / "none.json")])
    assert result.exit_code == 1
    assert result.stdout == "" and len(_error_lines(result.stderr)) == 2


def test_a_failing_extraction_is_reported_and_the_rest_goes_on(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    def flaky(record: ArticleRecord):  # noqa: ANN202
        if record.id == "boom":
            raise ValueError("bad token")
        return fixed_output(record)

    monkeypatch.setattr("marsad.cli.main.extract_article", flaky)
    files = [str(_write(tmp_path / "boom.txt", AR)), str(_write(tmp_path / "fine.txt", AR_2))]
    result = runner.invoke(cli, ["extract", *files])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["id"] == "fine"
    assert _error_lines(result.stderr) == [
        f"marsad: error: {files[0]}: extraction of article boom failed: ValueError: bad token "
        "(run with --debug for the traceback)"]
    debug = runner.invoke(cli, ["--debug", "extract", *files])
    assert isinstance(debug.exception, ValueError)


def test_bad_option_value_is_a_usage_error(runner: CliRunner, fake_extract) -> None:
    result = runner.invoke(cli, ["extract", str(SAMPLES), "--published", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_table_shows_arabic_in_visual_order(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.cli.main.extract_article", fixed_output)
    sample = str(SAMPLES / "06_hama_shelling.txt")
    result = runner.invoke(cli, ["extract", sample, "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "sample-06-hama-shelling" in result.stdout and "2019-05-14" in result.stdout
    assert "Shelling/artillery/missile" in result.stdout and "Hama" in result.stdout
    assert get_display("كفر زيتا") in result.stdout
    assert "كفر زيتا" not in result.stdout  # logical order would read backwards on a terminal
    plain = runner.invoke(cli, ["extract", sample, "--format", "table", "--no-bidi"])
    assert "كفر زيتا" in plain.stdout


# -- ingest and events ----------------------------------------------------------------------


def test_ingest_twice_stores_once(runner: CliRunner, fake_extract, tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    first = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("marsad: read 6 articles, stored 6, skipped 0 duplicates, 0 errors, 0 events")
    second = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", str(db)])
    assert second.exit_code == 0
    assert "read 6 articles, stored 0, skipped 6 duplicates" in second.stdout
    assert len(fake_extract.calls) == 6  # duplicates are not extracted again
    with Store(db) as store:
        assert store.count_articles() == 6


def test_ingest_counts_errors_and_exits_1_when_nothing_is_read(runner: CliRunner, fake_extract,
                                                               tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    empty = _write(tmp_path / "in" / "empty.txt", b"")
    mixed = runner.invoke(cli, ["ingest", str(SAMPLES / "01_idlib_airstrike.txt"), str(empty), "--db", str(db)])
    assert mixed.exit_code == 0
    assert "read 1 article, stored 1, skipped 0 duplicates, 1 error," in mixed.stdout
    assert _error_lines(mixed.stderr) == [f"marsad: error: {empty}: empty file"]
    nothing = runner.invoke(cli, ["ingest", str(empty), "--db", str(db)])
    assert nothing.exit_code == 1


def test_ingest_and_events_use_marsad_db_from_the_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    monkeypatch.setattr("marsad.engine._batch.extract_article", fixed_output)
    db = tmp_path / "env.sqlite"
    env = {ENV_VAR: str(db)}
    assert runner.invoke(cli, ["ingest", str(SAMPLES / "06_hama_shelling.txt")], env=env).exit_code == 0
    assert db.exists()
    listed = runner.invoke(cli, ["events", "--format", "json"], env=env)
    assert [e["article"]["id"] for e in json.loads(listed.stdout)] == ["sample-06-hama-shelling"]


@pytest.fixture
def events_db(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A store with one fixed event per sample, at 'كفر زيتا' in Hama except for Deir ez-Zor's and Idlib's."""
    def extract(record: ArticleRecord):  # noqa: ANN202
        out = fixed_output(record)
        if "deir" in record.id:
            ev = out.events[0].model_copy(update={"event_type": "Battles", "sub_event_type": "Armed clash"})
            ev.location.admin1 = "Deir ez-Zor"
            out.events[0] = ev
        elif "idlib" in record.id:
            out.events[0].location.admin1 = "Idlib"
            out.events[0].sub_event_type = "Air/drone strike"
        return out

    monkeypatch.setattr("marsad.cli.main.extract_article", extract)
    monkeypatch.setattr("marsad.engine._batch.extract_article", extract)
    db = tmp_path / "events.sqlite"
    result = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", str(db)])
    assert "6 events stored" in result.stdout, result.output
    return db


def _event_ids(runner: CliRunner, db: Path, *args: str) -> list[str]:
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [e["article"]["id"].removeprefix("sample-") for e in json.loads(result.stdout)]


def test_events_filters(runner: CliRunner, events_db: Path) -> None:
    assert _event_ids(runner, events_db) == ["06-hama-shelling", "03-sweida-protest", "01-idlib-airstrike",
                                             "02-deir-ez-zor-clashes", "04-daraa-arrests", "05-aleppo-takeover"]
    assert _event_ids(runner, events_db, "--admin1", "deir ez-zor") == ["02-deir-ez-zor-clashes"]
    assert _event_ids(runner, events_db, "--type", "battles") == ["02-deir-ez-zor-clashes"]
    assert _event_ids(runner, events_db, "--type", "Air/drone strike") == ["01-idlib-airstrike"]
    assert _event_ids(runner, events_db, "--since", "2024-01-01") == ["02-deir-ez-zor-clashes", "04-daraa-arrests",
                                                                      "05-aleppo-takeover"]
    assert _event_ids(runner, events_db, "--since", "2023-01-01", "--until", "2023-12-31",
                      "--admin1", "Hama") == ["03-sweida-protest"]
    assert _event_ids(runner, events_db, "--limit", "2") == ["06-hama-shelling", "03-sweida-protest"]


def test_events_csv_and_table(runner: CliRunner, events_db: Path) -> None:
    as_csv = runner.invoke(cli, ["events", "--db", str(events_db), "--format", "csv", "--admin1", "Idlib"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 1
    assert (rows[0]["event_date"], rows[0]["sub_event_type"], rows[0]["admin1"]) == ("2023-10-10",
                                                                                      "Air/drone strike", "Idlib")
    assert rows[0]["location_ar"] == "كفر زيتا"  # CSV keeps logical order
    table = runner.invoke(cli, ["events", "--db", str(events_db)])
    assert table.exit_code == 0 and get_display("كفر زيتا") in table.stdout and "Deir ez-Zor" in table.stdout
    none = runner.invoke(cli, ["events", "--db", str(events_db), "--admin1", "Tartus"])
    assert "No events match." in none.stdout


def test_events_without_a_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["events", "--db", str(tmp_path / "nothing.sqlite")])
    assert result.exit_code == 1
    assert "no such store" in result.stderr and "marsad ingest" in result.stderr
    assert not (tmp_path / "nothing.sqlite").exists()


def test_events_since_after_until_is_a_usage_error(runner: CliRunner, events_db: Path) -> None:
    result = runner.invoke(cli, ["events", "--db", str(events_db), "--since", "2024-02-01", "--until", "2024-01-01"])
    assert result.exit_code == 2


def test_rules_only_entities_give_the_same_events(tmp_path, monkeypatch):
    """`--entities rules` (bulk runs) drops the trained model: same events, no model spans."""
    from marsad.pipeline import default_pipeline

    sample = next((Path(__file__).resolve().parents[2] / "marsad" / "data" / "samples").glob("*.txt"))
    outs = {}
    for mode in ("model", "rules"):
        monkeypatch.setenv("MARSAD_ENTITIES", "model")  # restored after the test
        default_pipeline.cache_clear()
        result = CliRunner().invoke(cli, ["--entities", mode, "extract", str(sample), "--format", "json"])
        assert result.exit_code == 0, result.output
        outs[mode] = json.loads(result.output)
    default_pipeline.cache_clear()
    assert outs["rules"]["events"] == outs["model"]["events"] and outs["rules"]["events"]
    assert outs["rules"]["quotes"] == outs["model"]["quotes"]
    assert len(outs["rules"]["entities"]) <= len(outs["model"]["entities"])
    monkeypatch.setenv("MARSAD_ENTITIES", "some")
    result = CliRunner().invoke(cli, ["extract", str(sample)])
    assert result.exit_code != 0 and "some" in result.output

"""Exports: ACLED CSV read back with pandas, GeoJSON checked by the `geojson` library, JSON Lines,
and `marsad export` on the command line; all streamed from the store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import geojson
import pandas as pd
import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.export import ACLED_COLUMNS, FORMATS, export_chunks, interaction
from marsad.store import EventFilter, Store

# ACLED's export columns, in ACLED's order (ACLED Codebook, "Data columns").
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
         "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
         "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
         "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def _text(store: Store, fmt: str, flt: EventFilter | None = None) -> str:
    return "".join(export_chunks(store.iter_events(flt), fmt))


def test_acled_csv_opens_with_pandas_with_acled_columns(filled: Store) -> None:
    frame = pd.read_csv(io.StringIO(_text(filled, "acled-csv")))
    assert list(frame.columns) == ACLED == list(ACLED_COLUMNS)
    assert len(frame) == 6
    strike = frame[frame.event_id_cnty == "strike-1"].iloc[0]
    assert strike.event_date == "2024-11-30" and strike.year == 2024
    assert strike.disorder_type == "Political violence" and strike.sub_event_type == "Air/drone strike"
    assert (strike.inter1, strike.inter2, strike.interaction) == (8, 7, 78)
    assert strike.civilian_targeting == "Civilian targeting"
    assert (strike.iso, strike.region, strike.country, strike.admin1) == (760, "Middle East", "Syria", "Idlib")
    assert (strike.latitude, strike.longitude, strike.fatalities) == (35.8647, 36.8047, 4)
    assert strike.source == "test-wire" and "confidence=0.80" in strike.tags and strike.timestamp > 1.6e9
    protest = frame[frame.event_id_cnty == "protest-1"].iloc[0]
    assert protest.disorder_type == "Demonstrations" and protest.interaction == 60
    assert pd.isna(protest.civilian_targeting) and protest.fatalities == 0
    assert frame.admin3.isna().all() and frame.assoc_actor_1.isna().all()


def test_interaction_codes() -> None:
    assert interaction(1, 2) == 12 and interaction(2, 1) == 12
    assert interaction(6, None) == 60 and interaction(None, None) is None


def test_geojson_is_valid_with_points_in_lon_lat(filled: Store) -> None:
    text = _text(filled, "geojson")
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 6
    strike = next(f for f in collection["features"] if f["id"] == "strike-1")
    assert strike["geometry"]["coordinates"] == [36.8047, 35.8647]
    assert strike["properties"]["location_ar"] == "سراقب"  # logical order, not escaped
    assert strike["properties"]["evidence"][0]["text"] == "شنّت طائرات حربية روسية غارات"
    empty = geojson.loads(_text(filled, "geojson", EventFilter(admin1="Tartus")))
    assert empty.is_valid and empty["features"] == []


def test_unplaced_event_has_null_geometry_and_stays_valid() -> None:
    from marsad.export import feature
    from marsad.store import StoredEvent

    import factory

    out = factory.corpus()[3][0]
    ev = out.events[0].model_copy(update={"location": out.events[0].location.model_copy(
        update={"lat": None, "lon": None, "geo_precision": 3})})
    item = feature(StoredEvent(event=ev, article_id="a", source=None, published=None, title=None, url=None))
    obj = geojson.loads(json.dumps(item))
    assert obj["geometry"] is None and obj.is_valid


def test_jsonl_is_one_event_a_line(filled: Store) -> None:
    lines = _text(filled, "jsonl", EventFilter(admin1="Idlib")).splitlines()
    objs = [json.loads(line) for line in lines]
    assert [o["id"] for o in objs] == ["take-1", "clash-1", "take-2", "strike-1"]
    assert objs[-1]["article"]["id"] == "wire-strike" and objs[-1]["article"]["sha256"]


def test_exports_stream_chunk_by_chunk(filled: Store) -> None:
    for fmt in FORMATS:
        taken: list[str] = []

        def events():  # noqa: ANN202 - counts how far the writer has read
            for item in filled.iter_events():
                taken.append(item.event.id)
                yield item
        chunks = export_chunks(events(), fmt)
        next(chunks)
        next(chunks)
        assert len(taken) <= 2, fmt  # two chunks written after reading at most two of six events
        assert len(list(chunks)) >= 4 and len(taken) == 6


def test_unknown_format_is_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_chunks(filled.iter_events(), "xlsx")


def test_cli_export_to_a_file_with_filters(filled: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "idlib.csv"
    result = runner.invoke(cli, ["export", "--db", filled.url, "--format", "acled-csv", "--admin1", "Idlib",
                                 "--since", "2024-11-10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 2 events" in result.stderr
    frame = pd.read_csv(out)
    assert list(frame.event_id_cnty) == ["take-2", "strike-1"]
    geo = runner.invoke(cli, ["export", "--db", filled.url, "--format", "geojson", "--q", "سراقب",
                              "--bbox", "36,35,37,36"])
    assert geo.exit_code == 0 and [f["id"] for f in geojson.loads(geo.stdout)["features"]] == ["strike-1"]
    bad = runner.invoke(cli, ["export", "--db", filled.url, "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "WEST,SOUTH,EAST,NORTH" in bad.stderr
    newest = runner.invoke(cli, ["export", "--db", filled.url, "--format", "jsonl", "--sort", "-event_date"])
    assert json.loads(newest.stdout.splitlines()[0])["id"] == "strike-1"

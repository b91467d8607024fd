"""The HTTP API under /api/v1, through FastAPI's TestClient, on a real store (SQLite, then PostgreSQL)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import geojson
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from marsad.api import Settings, create_app
from marsad.store import Store

# Written for this test: a drone strike on a village near Jisr al-Shughur.
NEW_REPORT = ("استهدفت طائرة مسيّرة تابعة لقوات النظام سيارة مدنية قرب بلدة بداما في ريف جسر الشغور غربي إدلب "
              "مساء الثلاثاء، ما أدى إلى إصابة شخصين.")


@pytest.fixture
def client(filled: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=filled)) as test_client:
        yield test_client


def _ids(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/v1/events", params=params)
    assert response.status_code == 200, response.text
    return [item["event"]["id"] for item in response.json()["items"]]


def test_openapi_documents_the_versioned_endpoints(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/articles", "/api/v1/articles/{key}", "/api/v1/events", "/api/v1/events/{event_id}",
                 "/api/v1/quotes", "/api/v1/actors", "/api/v1/places", "/api/v1/control",
                 "/api/v1/exports/events.{fmt}"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/v1/articles"]
    assert client.get("/docs").status_code == 200


def test_config_tells_the_ui_the_span_of_days(client: TestClient) -> None:
    cfg = client.get("/api/v1/config").json()
    assert (cfg["first_day"], cfg["last_day"], cfg["events"], cfg["articles"]) == ("2019-05-12", "2024-11-30", 6, 4)
    assert cfg["private"] is False and cfg["tile_url"] is None


def test_event_filters(client: TestClient) -> None:
    assert _ids(client, since="2024-11-10", until="2024-11-30") == ["take-2", "strike-1"]
    assert _ids(client, type="battles", admin1="IDLIB") == ["take-1", "clash-1", "take-2"]
    assert _ids(client, sub_type="Air/drone strike") == ["strike-1"]
    assert _ids(client, admin2="As-Suqaylabiyah") == ["shell-1"]
    assert _ids(client, actor="هيئة تحرير", sort="-event_date") == ["take-2", "take-1", "clash-1"]
    assert _ids(client, source="other-wire", type="Government regains territory") == ["take-2"]
    assert _ids(client, bbox="36.5,32.5,36.7,32.9") == ["protest-1"]
    assert _ids(client, q="السويداء") == ["protest-1"]
    assert _ids(client, q="سويداء") == ["protest-1"]  # without the article
    assert _ids(client, q="protest") == ["protest-1"]


def test_event_paging_and_sorting(client: TestClient) -> None:
    page = client.get("/api/v1/events", params={"offset": 1, "limit": 2, "sort": "-event_date"}).json()
    assert (page["total"], page["offset"], page["limit"]) == (6, 1, 2)
    assert [i["event"]["id"] for i in page["items"]] == ["take-2", "take-1"]
    assert page["items"][0]["article"]["title"] == "خان شيخون تتبدل"


@pytest.mark.parametrize("params", [{"bbox": "1,2,3"}, {"bbox": "5,5,1,1"}, {"sort": "title"}, {"limit": "0"},
                                    {"since": "2024-12-01", "until": "2024-01-01"}, {"since": "yesterday"}])
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/v1/events", params=params).status_code == 422


def test_one_event_and_missing_ones(client: TestClient) -> None:
    one = client.get("/api/v1/events/strike-1").json()
    assert one["event"]["fatalities"] == 4 and one["article"]["url"] == "https://news.example/strike"
    assert client.get("/api/v1/events/none-such").status_code == 404
    assert client.get("/api/v1/articles/none-such").status_code == 404


def test_articles_list_and_detail(client: TestClient) -> None:
    listing = client.get("/api/v1/articles", params={"limit": 10}).json()
    assert listing["total"] == 4 and listing["items"][0]["id"] == "wire-strike"
    sha = listing["items"][0]["sha256"]
    detail = client.get(f"/api/v1/articles/{sha}").json()
    text, evidence = detail["text"], detail["output"]["events"][0]["evidence"][0]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]  # offsets point into the stored text
    assert client.get("/api/v1/articles/wire-strike").json()["article"]["sha256"] == sha


def test_quotes_actors_places(client: TestClient) -> None:
    quotes = client.get("/api/v1/quotes", params={"speaker": "الدفاع"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["quote"]["text"] == "أربعة مدنيين قُتلوا"
    actors = client.get("/api/v1/actors", params={"q": "russia"}).json()
    assert actors == [{"name_en": "Military Forces of Russia (2000-)", "name_ar": "الطيران الروسي", "inter": 8,
                       "side": "russia", "events": 1}]
    places = client.get("/api/v1/places", params={"admin1": "Hama"}).json()
    assert [(p["name_en"], p["geonames_id"], p["mentions"]) for p in places] == [("Kafr Nabudah", 169923, 1)]


def test_control_on_a_day_and_its_history(client: TestClient) -> None:
    before = client.get("/api/v1/control", params={"date": "2024-10-01"}).json()
    assert before["places"] == []
    during = client.get("/api/v1/control", params={"date": "2024-11-05", "history": "true"}).json()
    assert [(p["name_en"], p["side"]) for p in during["places"]] == [("Khan Shaykhun", "opposition")]
    assert [c["event_id"] for c in during["changes"]] == ["take-1"]
    latest = client.get("/api/v1/control").json()
    assert latest["places"][0]["holder_en"] == "Military Forces of Syria (2000-2024)"
    assert latest["changes"] is None


def test_exports_stream_files(client: TestClient) -> None:
    csv = client.get("/api/v1/exports/events.acled-csv", params={"admin1": "Idlib"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert 'filename="marsad-events.csv"' in csv.headers["content-disposition"]
    frame = pd.read_csv(io.StringIO(csv.text))
    assert list(frame.columns)[:3] == ["event_id_cnty", "event_date", "year"] and len(frame) == 4
    geo = client.get("/api/v1/exports/events.geojson", params={"q": "strike"})
    assert geo.headers["content-type"] == "application/geo+json"
    collection = geojson.loads(geo.text)
    assert collection.is_valid and [f["id"] for f in collection["features"]] == ["strike-1"]
    lines = client.get("/api/v1/exports/events.jsonl").text.splitlines()
    assert len(lines) == 6
    assert client.get("/api/v1/exports/events.xlsx").status_code == 404


def test_writing_needs_a_valid_token_and_is_idempotent(client: TestClient, filled: Store) -> None:
    body = {"text": NEW_REPORT, "id": "wire-drone", "title": "مسيّرة قرب بداما", "source": "test-wire",
            "published": "2024-10-15"}
    assert client.post("/api/v1/articles", json=body).status_code == 401
    bad = client.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer marsad_not-a-token"})
    assert bad.status_code == 401
    token = filled.create_token("tests")
    auth = {"Authorization": f"Bearer {token}"}
    first = client.post("/api/v1/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    result = first.json()
    assert result["stored"] is True and result["article"]["text"] == NEW_REPORT
    assert result["article"]["article"]["published"] == "2024-10-15"
    assert result["events"] == len(result["article"]["output"]["events"])
    again = client.post("/api/v1/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["stored"] is False
    assert client.get("/api/v1/articles").json()["total"] == 5
    assert client.post("/api/v1/articles", json={"text": ""}, headers=auth).status_code == 422


def test_a_private_desk_closes_reads_but_not_its_config(filled: Store) -> None:
    token = filled.create_token("reader")
    with TestClient(create_app(Settings(private=True), store=filled)) as private:
        assert private.get("/api/v1/events").status_code == 401
        assert private.get("/api/v1/control").status_code == 401
        assert private.get("/api/v1/exports/events.jsonl").status_code == 401
        cfg = private.get("/api/v1/config").json()
        assert cfg["private"] is True and cfg["events"] == 0  # says nothing about the data
        ok = private.get("/api/v1/events", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200 and ok.json()["total"] == 6

"""The desk's static files: vendored, offline, with their licences, and a valid basemap."""

from __future__ import annotations

import json
import re

import geojson
import yaml

from marsad.web import STATIC


def test_leaflet_and_licences_are_vendored() -> None:
    for path in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/LICENSE",
                 "vendor/leaflet/images/marker-icon.png", "data/LICENSE.world-atlas", "VENDOR.md"):
        assert (STATIC / path).is_file(), path
    assert "Leaflet 1.9.4" in (STATIC / "vendor/leaflet/leaflet.js").read_text(encoding="utf-8")[:300]


def test_the_page_loads_nothing_from_another_host() -> None:
    remote = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//""", re.I)
    for path in [STATIC / "index.html", *sorted((STATIC / "js").glob("*.js"))]:
        assert not remote.search(path.read_text(encoding="utf-8")), path.name


def test_no_script_builds_html_from_strings() -> None:
    for path in sorted((STATIC / "js").glob("*.js")):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("//"))
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{path.name} uses {sink}"


def test_basemap_is_valid_geojson_with_acled_governorates() -> None:
    collection = geojson.loads((STATIC / "data/basemap.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert kinds == {"country", "admin1"}
    countries = {f["properties"]["name_en"] for f in collection["features"] if f["properties"]["kind"] == "country"}
    assert {"Syria", "Iraq", "Lebanon", "Turkey", "Jordan"} <= countries
    from importlib import resources

    acled = yaml.safe_load(resources.files("marsad.data").joinpath("acled_admin1.yaml").read_text(encoding="utf-8"))
    syrian = {name for code, name in acled["admin1"].items() if code.startswith("SY-")}
    mapped = {f["properties"]["admin1"] for f in collection["features"] if f["properties"].get("admin1")}
    assert mapped == syrian - {"Damascus"}  # Damascus city lies inside Rural Damascus in this source
    # every governorate outline lies in Syria's box
    for f in collection["features"]:
        if f["properties"].get("admin1"):
            xs = [x for poly in f["geometry"]["coordinates"] for ring in poly for x, _ in ring]
            assert 35.5 < min(xs) and max(xs) < 42.5, f["properties"]["admin1"]
    assert json.loads((STATIC / "data/basemap.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"

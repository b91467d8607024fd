"""Kill `marsad ingest` (SIGKILL) mid-run, start it again: the store ends exactly as after a clean run.

On SQLite and on a real PostgreSQL server. The reference is a clean run of the same
command over the same corpus into a fresh SQLite file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from snapshot import snapshot
from sqlalchemy import create_engine, text

from marsad.store import db_url

BATCH = 2


def _ingest(corpus: Path, db: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CI": "true"}
    return subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "ingest", str(corpus), "--db", db,
                             "--batch-size", str(BATCH), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = str(tmp_path_factory.mktemp("clean") / "clean.sqlite")
    _finish(_ingest(corpus, db))
    return snapshot(db)


def _journalled(db: str) -> tuple[int, str | None]:
    engine = create_engine(db_url(db))
    try:
        with engine.connect() as con:
            items = con.execute(text("SELECT count(*) FROM run_items")).scalar() or 0
            status = con.execute(text("SELECT status FROM runs ORDER BY pk DESC LIMIT 1")).scalar()
            return items, status
    except Exception:  # noqa: BLE001 - the tables do not exist until the child has migrated the store
        return 0, None
    finally:
        engine.dispose()


def test_killed_run_resumes_to_exactly_a_clean_run(corpus: Path, clean: dict[str, object], backend_url: str) -> None:
    articles = len(list(corpus.glob("*.txt")))
    assert len(clean["articles"]) == articles and clean["counts"]["events"] > 0
    proc = _ingest(corpus, backend_url)
    deadline = time.monotonic() + 300
    while _journalled(backend_url)[0] < BATCH * 2:  # two batches written, the rest to come
        assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done, status = _journalled(backend_url)
    assert status == "running" and done < articles  # killed mid-run, journal says so
    partial = snapshot(backend_url)
    assert 0 < len(partial["articles"]) < articles
    out = _finish(_ingest(corpus, backend_url))
    assert f"skipped {len(partial['articles'])} duplicates" in out and "resumed run 1" in out
    after = snapshot(backend_url)
    assert after["articles"] == clean["articles"]
    assert after["events"] == clean["events"]
    assert after["counts"] == clean["counts"]
    for sha, output in after["outputs"].items():
        assert len(json.loads(output)["events"]) == sum(1 for s, _ in after["events"] if s == sha)

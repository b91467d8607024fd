"""`marsad token` and `marsad serve` on their real entry points."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.store import Store


def test_token_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite")
    runner = CliRunner()
    made = runner.invoke(cli, ["token", "create", "analyst", "--db", db])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    with Store(db) as store:
        assert store.check_token(token) == "analyst"
    assert runner.invoke(cli, ["token", "list", "--db", db]).stdout.split() == ["analyst"]
    again = runner.invoke(cli, ["token", "create", "analyst", "--db", db])
    assert again.exit_code == 1 and "exists" in again.stderr
    assert runner.invoke(cli, ["token", "revoke", "analyst", "--db", db]).exit_code == 0
    gone = runner.invoke(cli, ["token", "revoke", "analyst", "--db", db])
    assert gone.exit_code == 1 and "no token named" in gone.stderr


def test_help_lists_the_desk_commands() -> None:
    out = CliRunner().invoke(cli, ["--help"]).stdout
    for command in ("export", "serve", "token"):
        assert f"  {command} " in out


def test_serve_answers_on_its_port(filled: Store) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli.main", "serve", "--db", filled.url, "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "MARSAD_PRIVATE": ""})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/config", timeout=2) as response:
                    config = json.load(response)
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "marsad serve did not answer"
                time.sleep(0.3)
        assert config["events"] == 6 and config["private"] is False
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ui/", timeout=5) as response:
            page = response.read().decode()
        assert "vendor/leaflet/leaflet.js" in page and "js/main.js" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ui/vendor/leaflet/leaflet.js", timeout=5) as response:
            assert b"Leaflet" in response.read(400)
    finally:
        proc.terminate()
        proc.wait(timeout=20)

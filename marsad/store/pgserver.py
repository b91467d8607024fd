"""A throwaway PostgreSQL server from the local binaries, for tests and trials.

    >>> with TemporaryPostgres() as pg:
    ...     url = pg.create_database("t1")      # postgresql+psycopg://marsad@127.0.0.1:PORT/t1
    ...     Store(url)

It runs Debian's (or any) `initdb` and `pg_ctl` on a data folder in a temporary
directory, listening on 127.0.0.1 at a free port with trust authentication, and is
stopped and deleted on `stop()`. PostgreSQL refuses to run as root, so when the process
is root the server runs as the `postgres` system user (created by Debian's package) via
`runuser`, and the data folder is handed to that user.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType

USER = "marsad"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries here, or the server would not start; the message says which."""


def find_bindir() -> Path | None:
    """Return the folder holding initdb and pg_ctl (PATH first, then Debian's layout), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryPostgres:
    """A PostgreSQL server in a temporary folder; `url(db)` gives SQLAlchemy URLs to it."""

    def __init__(self, bindir: Path | None = None):
        self.bindir = bindir or find_bindir()
        if self.bindir is None:
            raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found; "
                                      "install Debian's postgresql package")
        self.root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user = "postgres" if os.geteuid() == 0 else None
        self.started = False
        self.databases: set[str] = set()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(args[:1])} failed ({result.returncode}): "
                                      f"{(result.stderr or result.stdout).strip()[-800:]}")
        return result

    def start(self) -> TemporaryPostgres:
        """Create the cluster and start the server; raise PostgresUnavailable when it cannot."""
        if self.as_user:
            try:
                shutil.chown(self.root, user=self.as_user)
            except (LookupError, PermissionError) as err:
                raise PostgresUnavailable(f"running as root, and cannot hand the data folder to the "
                                          f"{self.as_user!r} user: {err}") from None
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w",
                  "-t", "60", "start")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of `database` on this server."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database; return its URL."""
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
                self.databases.add(name)
                return self.url(name)
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        if self.started:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
            except (PostgresUnavailable, subprocess.TimeoutExpired):
                pass
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


_shared: TemporaryPostgres | PostgresUnavailable | None = None


def shared() -> TemporaryPostgres:
    """Return one server for the whole process, started on first use and stopped at exit.

    A failure to start is remembered and raised again, so a test run without PostgreSQL
    pays for one attempt only.
    """
    global _shared
    if _shared is None:
        try:
            server = TemporaryPostgres()
            atexit.register(server.stop)
            _shared = server.start()
        except (PostgresUnavailable, OSError, subprocess.TimeoutExpired) as err:
            _shared = err if isinstance(err, PostgresUnavailable) else PostgresUnavailable(str(err))
    if isinstance(_shared, PostgresUnavailable):
        raise _shared
    return _shared


_TEST_DB = "marsad_tests"


def fresh_database(prefix: str = "t") -> str:
    """Return the URL of a new, empty store on the shared server: a fresh schema in one database.

    A schema per test, not a database: CREATE DATABASE copies a template of some 8 MB and
    300 files each time, which made a test run write hundreds of megabytes and made
    deleting the server's folder slow; a schema is a catalogue entry. The URL sets the
    connection's search_path, so marsad's tables (and Alembic's) land in that schema.
    """
    server = shared()
    if _TEST_DB not in server.databases:
        server.create_database(_TEST_DB)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=server.port, user=USER, dbname=_TEST_DB, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{server.url(_TEST_DB)}?options=-csearch_path%3D{schema}"

"""A throw-away PostgreSQL server for the tests (Debian's ``postgresql`` package).

:func:`server` runs ``initdb`` and ``pg_ctl`` in a temporary directory, listening
on a free TCP port of 127.0.0.1 (password checked there, ``scram-sha-256``)
and on a Unix socket in that directory (trusted). ``initdb`` refuses root: as
root, the server runs as the ``postgres`` user (``runuser``). Where the server
is missing the tests are skipped, saying how to install it, except under CI
(``CI`` set), where a missing server fails them.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest

INSTALL = "apt-get install -y postgresql"
PASSWORD = "wb-test-secret"
_schemas = count()


def _bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (Debian keeps them off PATH), newest version first."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    return next((Path(f) for f in folders if (Path(f) / "initdb").exists()), None)


def available() -> bool:
    return _bin() is not None


def requires_server() -> None:
    """Skip the calling test where no server is installed (fail under CI)."""
    if not available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not installed ({INSTALL}); .ci/run installs it")
        pytest.skip(f"PostgreSQL not installed ({INSTALL}; .ci/run does)")


@dataclass
class Server:
    """A running server: its socket folder, TCP port and superuser."""

    socket_dir: Path
    port: int
    user: str
    _made: bool = False

    def url(self, database: str = "postgres", *, tcp: bool = False, password: str | None = None) -> str:
        if tcp:
            auth = f"{self.user}:{password}@" if password is not None else f"{self.user}@"
            return f"postgresql://{auth}127.0.0.1:{self.port}/{database}"
        return f"postgresql://{self.user}@/{database}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_schema(self) -> str:
        """A new empty schema in the database ``wb`` (made the first time): the URL of a store there
        (cheaper than a database of its own: about 20 ms)."""
        import psycopg

        name = f"t{next(_schemas)}"
        if not self._made:
            self.new_database("wb")
            self._made = True
        with psycopg.connect(self.url("wb"), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")  # type: ignore[arg-type]
        return f"{self.url('wb')}&options=-csearch_path%3D{name}"

    def new_database(self, name: str) -> str:
        """A new empty database; its URL (over the socket)."""
        self.sql(f'DROP DATABASE IF EXISTS "{name}"')
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server() -> Iterator[Server]:
    """Start a server in a temporary directory; stop it and remove the directory after."""
    folder = _bin()
    assert folder is not None
    root = os.geteuid() == 0
    user = "postgres" if root else (os.environ.get("USER") or "postgres")
    run_as = ["runuser", "-u", "postgres", "--"] if root else []
    tmp = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    data = tmp / "data"
    if root:
        shutil.chown(tmp, "postgres")
    pwfile = tmp / "pw"
    pwfile.write_text(PASSWORD)
    if root:
        shutil.chown(pwfile, "postgres")
    port = _free_port()
    log = tmp / "log"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    try:
        subprocess.run([*run_as, str(folder / "initdb"), "-D", str(data), "-U", user, "-E", "UTF8", "--locale=C", "--no-sync",
                        "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"],
                       check=True, capture_output=True, env=env)
        subprocess.run([*run_as, str(folder / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                        "-o", (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
                               "-c synchronous_commit=off -c full_page_writes=off"), "start"],
                       check=True, capture_output=True, env=env)
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace") + (log.read_text(errors="replace") if log.exists() else "")
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {detail}")
    try:
        yield Server(tmp, port, user)
    finally:
        subprocess.run([*run_as, str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, env=env, check=False)
        shutil.rmtree(tmp, ignore_errors=True)

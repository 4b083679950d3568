"""A throw-away PostgreSQL server started from the installed binaries, for the tests.

PostgreSQL refuses to run as root; when the tests run as root (as in CI containers) the
server is started as the `postgres` system user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when no server is installed."""
    for name in ("pg_ctl",):
        found = shutil.which(name)
        if found and shutil.which("initdb"):
            return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    candidates += sorted(glob.glob(r"C:\Program Files\PostgreSQL\*\bin\pg_ctl.exe"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    run_as: str | None

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True)

    @classmethod
    def start(cls, bin_dir: Path) -> PostgresServer:
        root = Path(tempfile.mkdtemp(prefix="auditoria-pg-"))
        run_as = "postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
        if run_as:
            shutil.chown(root, user=run_as)
        server = cls(bin_dir=bin_dir, data_dir=root / "data", port=_free_port(), run_as=run_as)
        server._run(
            "initdb",
            "-D",
            str(server.data_dir),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
        )
        server._run(
            "pg_ctl",
            "-D",
            str(server.data_dir),
            "-w",
            "-l",
            str(root / "log.txt"),
            "-o",
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        return server

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin_sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its URL."""
        self._admin_sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing connections a test left open (PostgreSQL 13+)."""
        self._admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)

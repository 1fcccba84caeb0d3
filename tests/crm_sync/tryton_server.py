"""A real Tryton server (trytond + trytond_party) for the connector tests.

Databases are SQLite files: one is created with trytond-admin per test
session (about 6 s) and copied as a template for each test (milliseconds);
the server is restarted per test so it serves fresh databases (about 1 s).
Tryton runs as its own process: importing trytond would switch this
process's time zone to UTC.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ADMIN_PASSWORD = "tryton-test-admin"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TrytonServer:
    """Create a template database once; serve copies of it under several names."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.dbdir = workdir / "db"
        self.dbdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.conf = workdir / "trytond.conf"
        self.conf.write_text(
            "[database]\nuri = sqlite://\n"
            f"path = {self.dbdir}\nlist = False\n"
            f"[web]\nlisten = 127.0.0.1:{self.port}\n"
        )
        self.passfile = workdir / "admin.pass"
        self.passfile.write_text(ADMIN_PASSWORD + "\n")
        self.process: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def create_template(self) -> None:
        template = self.dbdir / "template.sqlite"
        template.touch()
        env = {**os.environ, "TRYTONPASSFILE": str(self.passfile)}
        subprocess.run(
            [
                str(BIN / "trytond-admin"),
                "-c",
                str(self.conf),
                "-d",
                "template",
                "-u",
                "party",
                "--activate-dependencies",
                "--email",
                "admin@example.org",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            timeout=300,
        )

    def start(self, *databases: str) -> None:
        """(Re)start the server with fresh copies of the template under these names."""
        self.stop()
        for name in databases:
            for leftover in self.dbdir.glob(f"{name}.sqlite*"):
                leftover.unlink()  # including -wal/-journal files of the last test
            shutil.copyfile(self.dbdir / "template.sqlite", self.dbdir / f"{name}.sqlite")
        log = open(self.workdir / "trytond.log", "ab")  # noqa: SIM115 (lives with the process)
        self.process = subprocess.Popen(
            [str(BIN / "trytond"), "-c", str(self.conf), "-d", *databases],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"trytond exited; see {self.workdir / 'trytond.log'}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("trytond did not start within 60 s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def admin_rpc(server: TrytonServer, database: str):
    """A logged-in JSON-RPC client of the admin user of `database`."""
    from crm_sync.connectors.tryton import TrytonRPC

    rpc = TrytonRPC(server.url, database, "admin", ADMIN_PASSWORD)
    rpc.login()
    return rpc

"""Shared fixtures: one real database built from the seeds per test session."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "seeds" / "gold"  # the shared gold of seeds 000, 001 and 003, copied into the repository


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A database built from a copy of seeds/ with the real build job (Alembic-migrated SQLite)."""
    from factline.build import build

    tmp = tmp_path_factory.mktemp("seeds")
    corpus = tmp / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp / "facts.db"
    report = build([corpus], db)
    assert report.rejected == 0, report.errors
    return db


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(seeds_db):
    """`factline serve` as a real process answering real HTTP on 127.0.0.1; yields its base URL."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "factline", "serve", "--db", str(seeds_db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"factline serve did not start: {proc.stdout.read().decode()[-2000:]}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)

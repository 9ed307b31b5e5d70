"""Crash safety and concurrency: kill -9 mid-build, and Datasette reading while a build writes."""

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

from factline.build import build
from tests.conftest import SEEDS, free_port

COPIES = 8  # 5 seeds x 8 = 40 documents: long enough to kill mid-way


def make_corpus(root):
    """40 documents: every seed eight times, each copy made distinct by one extra sentence."""
    root.mkdir()
    rows = ["file,title,source,url,published"]
    for line in (SEEDS / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        name, title, source, url, published = line.split(",")
        text = (SEEDS / name).read_text(encoding="utf-8")
        for k in range(COPIES):
            copy = f"{k}_{name}"
            (root / copy).write_text(text + f"\n\n本文为第{k + 1}份副本。\n", encoding="utf-8")
            rows.append(f"{copy},{title},{source},{url},{published}")
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def counts(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%_%'")]
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def mentions_per_document(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute(
            "SELECT d.path, COUNT(m.id) FROM documents d LEFT JOIN mentions m ON m.document_id = d.id GROUP BY d.path"
        ))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("reliability") / "corpus")


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    build([corpus], db)
    return db


@pytest.mark.parametrize("delay", [1.5, 3.0, 4.5])
def test_kill_9_leaves_a_consistent_database_and_the_next_build_completes_it(corpus, clean, tmp_path, delay):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "factline", "build", str(corpus), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if db.exists():
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        expected = mentions_per_document(clean)
        stored = mentions_per_document(db) if "documents" in counts(db) else {}
        assert stored.keys() <= expected.keys()
        for path, n in stored.items():
            assert n == expected[path], f"{path} stored with {n} of its {expected[path]} mentions"
    build([corpus], db)
    assert counts(db) == counts(clean)


def test_serve_keeps_answering_while_build_writes(corpus, tmp_path):
    db = tmp_path / "live.db"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SEEDS / "000_764729586ee56ffa.txt", first / "000_764729586ee56ffa.txt")
    build([first], db)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "factline", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/live.json?sql=select+count(*)+as+n+from+documents&_shape=array"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                assert time.time() < deadline, "serve did not start"
                time.sleep(0.2)
        builder = subprocess.Popen([sys.executable, "-m", "factline", "build", str(corpus), "--db", str(db)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        answered, seen = 0, set()
        while builder.poll() is None:
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
                seen.add(response.read())
            answered += 1
            time.sleep(0.05)
        assert builder.returncode == 0
        assert answered >= 5
        assert len(seen) >= 2  # the reader saw the database grow while it was being written
    finally:
        server.terminate()
        server.wait(timeout=10)

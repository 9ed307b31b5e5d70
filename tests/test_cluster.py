"""The build on a Dask cluster: a scheduler and two workers on loopback, one killed mid-build with SIGKILL."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS, free_port

pytest.importorskip("distributed")

DASK = str(Path(sys.executable).with_name("dask"))
CORPUS_CHARS = 1_800_000
KILL_AFTER = 4.0  # seconds into the build
TABLES = ("documents", "meetings", "agreements", "projects", "milestones", "statistics", "policies", "mentions",
          "sentences", "search_sentences", "search_documents", "search_records")


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def _factline(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factline", *args], capture_output=True, text=True, timeout=120,
                          **kwargs)


def _start(args: list[str], log: Path) -> subprocess.Popen:
    """A dask process in its own session, so that a SIGKILL reaches the worker behind its nanny too."""
    with open(log, "w") as fh:
        return subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


@pytest.fixture
def loopback_cluster(tmp_path):
    """A `dask scheduler` and two `dask worker`s (alpha, beta) on 127.0.0.1; yields (address, workers by name)."""
    from dask.distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    procs = [_start([DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                     "--no-dashboard"], tmp_path / "scheduler.log")]
    workers = {name: _start([DASK, "worker", address, "--nthreads", "1", "--nworkers", "1", "--name", name,
                             "--no-dashboard"], tmp_path / f"{name}.log") for name in ("alpha", "beta")}
    procs.extend(workers.values())
    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for proc in procs:
            with_group(proc, signal.SIGKILL)
            proc.wait()


def with_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


@pytest.fixture
def corpus(tmp_path) -> Path:
    from bench.bench_build import make_corpus

    directory = tmp_path / "corpus"
    make_corpus(CORPUS_CHARS, directory, seed=14)
    return directory


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_worker_killed_mid_build_loses_nothing_and_stores_nothing_twice(tmp_path, corpus, loopback_cluster):
    address, workers = loopback_cluster
    local_db, cluster_db = tmp_path / "local.db", tmp_path / "cluster.db"
    local = _factline("build", str(corpus), "--db", str(local_db), "--workers", "1")
    assert local.returncode == 0, local.stderr

    build = subprocess.Popen([sys.executable, "-m", "factline", "build", str(corpus), "--db", str(cluster_db),
                              "--scheduler", address], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(KILL_AFTER)
    assert build.poll() is None, "the build ended before the worker was killed: make the corpus bigger"
    with_group(workers["beta"], signal.SIGKILL)
    out, err = build.communicate(timeout=150)

    assert build.returncode == 0, err
    assert _factline("check", "--db", str(cluster_db)).returncode == 0
    assert _counts(cluster_db) == _counts(local_db)
    done = dict((name, int(n)) for name, n in re.findall(r"(alpha|beta) (\d+)", out.split("workers:")[1]))
    assert sum(done.values()) == _counts(local_db)["documents"]
    assert done["alpha"] > done.get("beta", 0)  # the survivor did the rest of the work


def test_a_scheduler_that_does_not_answer_is_a_one_line_error(tmp_path):
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = _factline("build", str(SEEDS), "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:1",
                       env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: tcp://127.0.0.1:1: no Dask scheduler answers"), result.stderr

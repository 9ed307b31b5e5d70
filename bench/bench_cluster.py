"""Per-core speed and the Dask build (not a test): prints the figures of issue 14 in one run.

    .venv/bin/python bench/bench_cluster.py            # 5 M characters
    .venv/bin/python bench/bench_cluster.py --quick    # 1 M characters, to try the script

Every figure is a ratio against a baseline measured in the same run on the same machine: one worker against
one jieba.lcut pass over the same normalised text, two workers against one, a LocalCluster of two workers
against --workers 2; then the single writer's rate (store.write_document alone) and a cost model from them.
"""

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_build import OUT, jieba_rate, make_corpus  # noqa: E402
from factline import store  # noqa: E402
from factline.build import BuildReport, build  # noqa: E402

ARTICLES = 10_000_000  # the cost model's archive: 10 M articles of 2,000 characters
ARTICLE_CHARS = 2_000


class WriterClock:
    """Times store.write_document alone during a build: seconds, documents, records."""

    def __init__(self) -> None:
        self.seconds, self.documents, self.records = 0.0, 0, 0
        self._write = store.write_document

    def __enter__(self) -> "WriterClock":
        store.write_document = self._timed
        return self

    def __exit__(self, *exc) -> None:
        store.write_document = self._write

    def _timed(self, conn, doc, *, now):
        started = time.perf_counter()
        status, counts = self._write(conn, doc, now=now)
        self.seconds += time.perf_counter() - started
        self.documents += 1
        self.records += len(doc.records)
        return status, counts


def timed_build(corpus: Path, db: Path, **options) -> tuple[float, BuildReport]:
    if db.exists():
        db.unlink()
    started = time.perf_counter()
    report = build([corpus], db, **options)
    return time.perf_counter() - started, report


def search_identity(db: Path) -> tuple[int, int]:
    """Sentences whose search tokens (jieba-rs) equal jieba's cut_for_search with the same user dictionary."""
    from extractors.ingest import segment
    from factline.search import index_tokens

    conn = sqlite3.connect(db)
    sentences = [t for (t,) in conn.execute("SELECT text FROM sentences")]
    conn.close()
    jieba = segment.tokenizer()
    same = sum(index_tokens(s) == " ".join(t for t in jieba.cut_for_search(s, HMM=False) if t.strip())
               for s in sentences)
    return same, len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 M characters, to try the script")
    parser.add_argument("--chars", type=int, default=5_000_000)
    args = parser.parse_args()
    chars = 1_000_000 if args.quick else args.chars
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    corpus = OUT / "corpus_cluster"
    n = make_corpus(chars, corpus, seed=1)
    print(f"corpus: {n} generated articles, >= {chars:,} characters")

    db1 = OUT / "cluster1.db"
    with WriterClock() as writer:
        t1, report = timed_build(corpus, db1, workers=1)
    jieba_cps, text_chars = jieba_rate(db1)
    print(f"build, 1 worker: {t1:.1f} s ({report.summary()})")
    print(f"jieba.lcut on the same {text_chars:,} normalised chars: {jieba_cps:,.0f} chars/s")
    print(f"RATIO 1 worker / jieba.lcut = {text_chars / t1 / jieba_cps:.2f}  (required >= 0.8)")

    t2, _ = timed_build(corpus, OUT / "cluster2.db", workers=2)
    print(f"build, 2 workers: {t2:.1f} s")
    print(f"RATIO 2 workers / 1 worker speed = {t1 / t2:.2f}x  (required >= 1.6x)")
    tl, _ = timed_build(corpus, OUT / "cluster_local.db", workers=2, scheduler="local")
    print(f"build, LocalCluster of 2 workers: {tl:.1f} s (cluster start included)")
    print(f"RATIO LocalCluster 2 workers / --workers 2 time = {tl / t2:.2f}  (overhead; 1.00 = none)")

    same, total = search_identity(db1)
    print(f"search tokens: jieba-rs equals jieba cut_for_search on {same:,} of {total:,} sentences")
    cost_model(text_chars, t1, writer)


def cost_model(text_chars: int, t1: float, writer: WriterClock) -> None:
    """The time for 10 M articles of 2,000 characters on N workers, and where the single writer caps it."""
    extract_cps = text_chars / (t1 - writer.seconds)  # one worker's extraction alone: the writer runs elsewhere
    writer_cps = text_chars / writer.seconds
    print(f"writer (store.write_document alone): {writer.documents / writer.seconds:,.0f} documents/s, "
          f"{writer.records / writer.seconds:,.0f} records/s, {writer_cps:,.0f} chars/s")
    print(f"one worker's extraction alone: {extract_cps:,.0f} chars/s")
    total = ARTICLES * ARTICLE_CHARS
    cap = writer_cps / extract_cps
    print(f"writer-bound past N = {cap:.1f} workers; 10 M articles x 2,000 chars ({total / 1e9:.0f} G chars):")
    for workers in (1, 2, 4, 8, 16, 64):
        hours = total / min(workers * extract_cps, writer_cps) / 3600
        print(f"  N = {workers:>2}: {hours:7.1f} h" + ("  (writer-bound)" if workers > cap else ""))


if __name__ == "__main__":
    main()

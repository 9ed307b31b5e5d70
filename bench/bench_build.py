"""Build and query benchmark (not a test): prints every figure of issue 6 in one run.

    .venv/bin/python bench/bench_build.py            # full run (5 M chars, 50 M for memory, 1 M records)
    .venv/bin/python bench/bench_build.py --quick    # a smaller run to try the script

Figures are ratios against baselines measured in the same run on the same machine:
build chars/s against jieba.lcut over the same normalised text, 2 workers against 1,
an unchanged rebuild against the first build; peak RSS of a 50 M-character build;
p50/p95 of canned queries over real HTTP on a generated database of 1,000,000 timeline records.
"""

import argparse
import csv
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factline import database  # noqa: E402
from factline.build import build  # noqa: E402

OUT = ROOT / "bench" / "out"
SEEDS = ROOT / "seeds"
YEAR = re.compile(r"(?<![\d.])(19|20)(\d\d)(?=年)")
FIGURE = re.compile(r"(?<![\d.年月])(\d{2,5})(?=[万亿]?[个家项名人条份元公里列%])")


def seed_texts() -> list[tuple[str, str]]:
    with open(SEEDS / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [((SEEDS / r["file"]).read_text(encoding="utf-8"), r["published"]) for r in rows]


def vary(text: str, published: str, rng: random.Random) -> tuple[str, str]:
    """A new article from a seed: years shifted, figures changed, paragraphs reordered."""
    shift = rng.randint(-3, 3)
    text = YEAR.sub(lambda m: str(int(m.group(1) + m.group(2)) + shift), text)
    text = FIGURE.sub(lambda m: str(max(1, int(int(m.group(1)) * rng.uniform(0.5, 1.8)))), text)
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    year = int(published[:4]) + shift
    return "\n\n".join(head + body), f"{year}{published[4:]}"


def make_corpus(target_chars: int, directory: Path, seed: int) -> int:
    """Write generated articles until target_chars raw characters; returns the count."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    rng = random.Random(seed)
    seeds = seed_texts()
    total, n, rows = 0, 0, []
    while total < target_chars:
        text, published = vary(*rng.choice(seeds), rng)
        name = f"{n // 500:03d}/article_{n:06d}.txt"
        (directory / name).parent.mkdir(exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
        rows.append((name, published))
        total += len(text)
        n += 1
    with open(directory / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "source", "url", "published"])
        for name, published in rows:
            writer.writerow([name, "", "bench", "", published])
    return n


def jieba_rate(db: Path) -> tuple[float, int]:
    """chars/s of jieba.lcut over the normalised text the build stored (tokenizer loaded beforehand)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    conn = sqlite3.connect(db)
    texts = [t for (t,) in conn.execute("SELECT text FROM documents")]
    conn.close()
    chars = sum(map(len, texts))
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return chars / (time.perf_counter() - started), chars


def timed_build(corpus: Path, db: Path, workers: int):
    if db.exists():
        db.unlink()
    started = time.perf_counter()
    report = build([corpus], db, workers=workers)
    return time.perf_counter() - started, report


def _tree_rss_kb(pid: int) -> int:
    """Resident memory (kB) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def peak_rss_of_build(corpus: Path, db: Path, workers: int) -> float:
    """Peak RSS (MB) of `factline build` in a child process: the sum over its process tree, sampled."""
    if db.exists():
        db.unlink()
    proc = subprocess.Popen([sys.executable, "-m", "factline", "build", str(corpus), "--db", str(db),
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.1)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"build failed with exit code {proc.returncode}")
    return peak / 1024


def make_query_db(db: Path, records: int, seed_db: Path) -> None:
    """A database with `records` timeline rows and as many searchable sentences, from seed sentences."""
    if db.exists():
        db.unlink()
    database.migrate(db)
    rng = random.Random(7)
    src = sqlite3.connect(seed_db)
    sentences = src.execute(
        "SELECT s.text, f.tokens FROM sentences s JOIN search_sentences f ON f.rowid = s.id"
    ).fetchall()
    subjects = [r[0] for r in src.execute("SELECT DISTINCT subject FROM statistics")] or ["川渝通办事项"]
    src.close()
    conn = database.connect(db)
    conn.execute("BEGIN")
    doc_count = max(1, records // 200)
    conn.executemany(
        "INSERT INTO documents (id, path, sha256, encoding, title, published, published_precision, "
        "published_inferred, text, chars, ingested_at) VALUES (?, ?, '', 'utf-8', ?, ?, 'day', 0, '', 0, '')",
        [(i + 1, f"gen/{i}.txt", f"generated {i}", f"{2000 + i % 25}-06-15") for i in range(doc_count)],
    )
    batch_s, batch_m, batch_f = [], [], []
    for i in range(records):
        year = 2000 + rng.randrange(25)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        text, tokens = sentences[rng.randrange(len(sentences))]
        doc = 1 + i % doc_count
        pos = (i // doc_count) * 400  # each record stated in its own sentence of its document
        batch_s.append((i + 1, subjects[i % len(subjects)], subjects[i % len(subjects)], rng.randint(1, 10000),
                        "个", f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}",
                        f"{year}-{month:02d}-{day:02d}", f"k{i}"))
        batch_m.append(("statistic", i + 1, doc, text[:40], pos, pos + min(40, len(text)), "bench.generated"))
        batch_f.append((i + 1, doc, pos, text, tokens))
        if len(batch_s) == 50_000 or i == records - 1:
            conn.executemany(
                "INSERT INTO statistics (id, subject, series, value, unit, qualifier, is_target, as_of, as_of_start, "
                "as_of_end, as_of_precision, key, sources) VALUES (?, ?, ?, ?, ?, 'exact', 0, ?, ?, ?, 'day', ?, 1)",
                batch_s,
            )
            conn.executemany(
                "INSERT INTO mentions (record_type, record_id, document_id, quote, char_start, char_end, rule) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", batch_m)
            conn.executemany(
                "INSERT INTO sentences (id, document_id, article, char_start, char_end, text) VALUES (?, ?, 0, ?, ?, ?)",
                [(sid, d, p, p + len(t), t) for sid, d, p, t, _ in batch_f])
            conn.executemany("INSERT INTO search_sentences (rowid, tokens) VALUES (?, ?)",
                             [(sid, tok) for sid, *_, tok in batch_f])
            batch_s, batch_m, batch_f = [], [], []
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def query_latencies(db: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """p50/p95 (ms) and row count of canned queries over real HTTP against `factline serve`."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "factline", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/{db.stem}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + ".json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        cases = {
            "timeline 2015": ("timeline", {"from": "2015-01-01", "to": "2015-12-31", "kind": "", "q": ""}),
            "search 川渝": ("search", {"q": "川渝"}),
            "search 川渝通办": ("search", {"q": "川渝通办"}),
        }
        out = {}
        for label, (name, params) in cases.items():
            url = f"{base}/{name}.json?" + urllib.parse.urlencode({**params, "_shape": "array"})
            urllib.request.urlopen(url).read()  # warm the page cache once
            times, rows = [], 0
            for _ in range(runs):
                started = time.perf_counter()
                body = urllib.request.urlopen(url).read()
                times.append((time.perf_counter() - started) * 1000)
                rows = body.count(b"{")
            times.sort()
            out[label] = (statistics.median(times), times[int(0.95 * (len(times) - 1))], rows)
        return out
    finally:
        proc.terminate()
        proc.wait()


def scaling(sizes: list[int], one_line: bool) -> list[tuple[int, float]]:
    """Seconds to build one document of each size (characters): time must grow linearly with size."""
    text = "".join(t for t, _ in seed_texts())
    if one_line:
        text = text.replace("\n", "")
    out = []
    for size in sizes:
        corpus = OUT / f"scale_{size}"
        if corpus.exists():
            shutil.rmtree(corpus)
        corpus.mkdir(parents=True)
        body = (text * (size // len(text) + 1))[:size]
        (corpus / "big.txt").write_text(body, encoding="utf-8")
        db = OUT / f"scale_{size}.db"
        if db.exists():
            db.unlink()
        started = time.perf_counter()
        build([corpus], db)
        out.append((size, time.perf_counter() - started))
        shutil.rmtree(corpus)
        db.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the script")
    parser.add_argument("--chars", type=int, default=5_000_000)
    parser.add_argument("--memory-chars", type=int, default=50_000_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--only", default="build,memory,scaling,queries",
                        help="comma-separated parts to run: build, memory, scaling, queries")
    parser.add_argument("--big-chars", type=int, default=17_000_000, help="one file this large (50 MB of UTF-8)")
    args = parser.parse_args()
    if args.quick:
        args.chars, args.memory_chars, args.records, args.big_chars = 500_000, 2_000_000, 50_000, 1_000_000
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    parts = set(args.only.split(","))
    corpus = OUT / "corpus"
    n = make_corpus(args.chars, corpus, seed=1)
    print(f"corpus: {n} generated articles, >= {args.chars:,} characters")

    db1 = OUT / "build1.db"
    if "build" in parts:
        measure_build(corpus, db1)
    elif not db1.exists():
        build([corpus], db1, workers=2)
    if "memory" in parts:
        measure_memory(args.memory_chars)
    if "scaling" in parts:
        measure_scaling(args)
    if "queries" in parts:
        measure_queries(args.records, db1)


def measure_build(corpus: Path, db1: Path) -> None:
    t1, report = timed_build(corpus, db1, workers=1)
    jieba_cps, chars = jieba_rate(db1)
    build_cps = chars / t1
    print(f"build, 1 worker: {t1:.1f} s, {build_cps:,.0f} chars/s ({report.summary()})")
    print(f"jieba.lcut on the same {chars:,} normalised chars: {jieba_cps:,.0f} chars/s")
    print(f"RATIO build, 1 worker / jieba = {build_cps / jieba_cps:.2f}")

    started = time.perf_counter()
    again = build([corpus], db1, workers=1)
    t_again = time.perf_counter() - started
    print(f"unchanged rebuild: {t_again:.2f} s ({again.skipped} skipped)")
    print(f"RATIO first build / unchanged rebuild = {t1 / t_again:.1f}x  (required >= 20x)")

    db2 = OUT / "build2.db"
    t2, _ = timed_build(corpus, db2, workers=2)
    print(f"build, 2 workers: {t2:.1f} s")
    print(f"RATIO 2 workers / 1 worker speed = {t1 / t2:.2f}x  (required >= 1.6x)")
    print(f"RATIO build, 2 workers (factline build's default here: one per CPU, {os.cpu_count()}) / jieba = "
          f"{chars / t2 / jieba_cps:.2f}  (required >= 0.5, aim >= 1.0)")


def measure_memory(chars: int) -> None:
    big = OUT / "corpus_memory"
    make_corpus(chars, big, seed=2)
    rss = peak_rss_of_build(big, OUT / "memory.db", workers=2)
    print(f"peak RSS of a {chars:,}-character build (2 workers): {rss:,.0f} MB  (required < 1024 MB)")
    shutil.rmtree(big)


def measure_scaling(args) -> None:
    line = [500_000, 2_000_000] if not args.quick else [100_000, 400_000]
    (s1, t_1), (s2, t_2) = scaling(line, one_line=True)
    print(f"one line without newline: {s1:,} chars {t_1:.1f} s, {s2:,} chars {t_2:.1f} s; "
          f"time ratio {t_2 / t_1:.2f} for size ratio {s2 / s1:.0f}  (linear: about equal)")
    big = [args.big_chars // 10, args.big_chars]
    (b1, u1), (b2, u2) = scaling(big, one_line=False)
    print(f"one large file: {b1:,} chars {u1:.1f} s, {b2:,} chars ({b2 * 3 / 1e6:.0f} MB in UTF-8) {u2:.1f} s; "
          f"time ratio {u2 / u1:.2f} for size ratio {b2 / b1:.0f}  (linear: about equal)")


def measure_queries(records: int, db1: Path) -> None:
    qdb = OUT / "query.db"
    started = time.perf_counter()
    make_query_db(qdb, records, db1)
    print(f"query database: {records:,} timeline records generated in {time.perf_counter() - started:.0f} s")
    for label, (p50, p95, rows) in query_latencies(qdb, runs=50).items():
        print(f"query {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rows} rows  (required p95 < 100 ms)")


if __name__ == "__main__":
    main()

"""The build job: discover files, skip unchanged ones, extract in N processes or on a Dask cluster, one writer."""

import datetime as dt
import hashlib
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from extractors.ingest.text import InputError
from factline import database, evaluate, rules_version, store
from factline.corpus import GOLD_DIR, SourceFile, add_lexicons, discover, manifest_warnings
from factline.documents import ProcessedDocument, read_source
from factline.pipeline import process
from factline.search import index_document


@dataclass
class BuildReport:
    new: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    records: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0
    by_worker: Counter = field(default_factory=Counter)  # documents extracted per Dask worker

    def summary(self) -> str:
        records = ", ".join(f"{k} {v}" for k, v in sorted(self.records.items())) or "none"
        line = (
            f"documents: {self.new} new, {self.updated} updated, {self.skipped} skipped, {self.rejected} rejected; "
            f"records: {records}; {self.seconds:.1f} s"
        )
        if self.by_worker:
            line += "; workers: " + ", ".join(f"{name} {n}" for name, n in sorted(self.by_worker.items()))
        return line


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_sha256(source: SourceFile) -> str:
    """What tells a changed source: the file's sha256, or the article's for one article of a dump."""
    if source.article is not None:
        return hashlib.sha256(source.article.data).hexdigest()
    return file_sha256(source.path)


class Outcome(NamedTuple):
    """What became of one file: its document, or the one-line error; the worker that ran it on a cluster."""

    source: SourceFile
    doc: ProcessedDocument | None
    error: str | None
    worker: str | None = None


def extract(source: SourceFile, data: bytes) -> Outcome:
    """Process one file's bytes (pure: runs in a pool or on a Dask worker); errors become one line naming it."""
    try:
        doc = process(source, data)
        index_document(doc)
        return Outcome(source, doc, None)
    except InputError as exc:
        return Outcome(source, None, str(exc))
    except Exception as exc:  # an extractor bug must not stop the corpus
        return Outcome(source, None, f"{source.where}: internal error: {type(exc).__name__}: {exc}")


def _work(source: SourceFile) -> Outcome:
    """Read and process one file in this process or a forked one."""
    try:
        data = read_source(source)
    except InputError as exc:
        return Outcome(source, None, str(exc))
    return extract(source, data)


def _results(todo: list[SourceFile], workers: int, scheduler: str | None) -> Iterator[Outcome]:
    """Outcomes in corpus order, from this process, a pool of forked processes or a Dask cluster."""
    if scheduler is not None:
        from factline import cluster

        yield from cluster.outcomes(todo, scheduler, workers=workers)
        return
    if workers <= 1 or len(todo) <= 1:
        yield from map(_work, todo)
        return
    from extractors.ingest import segment

    segment.tokenizer()  # load the segmenters once here: forked workers share the loaded dictionaries
    segment.search_segmenter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        # ordered: documents are written in corpus order whatever the worker count, so merged records are the same
        yield from pool.imap(_work, todo, chunksize=1)


def build(
    roots: list[Path],
    db_path: Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build or update the database from the corpus roots; returns what happened.

    scheduler: a Dask scheduler address, or "local" for a LocalCluster of `workers` processes; None runs
    `workers` forked processes on this machine. This process stays the one writer either way.
    """
    started = time.perf_counter()
    report = BuildReport()
    database.migrate(db_path)
    conn = database.connect(db_path)
    try:
        todo: list[SourceFile] = []
        rules = rules_version.fingerprint(add_lexicons(roots))  # before any extraction: forked workers inherit them
        sources = discover(roots)
        report.warnings.extend(manifest_warnings(roots, sources))
        for source in sources:
            try:
                digest = source_sha256(source)
            except OSError as exc:
                report.rejected += 1
                report.errors.append(f"{source.path}: {exc.strerror or exc}")
                continue
            if store.stored_state(conn, source.key) == (digest, rules):  # same file, same rules
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            todo.append(source)
        now = dt.datetime.now(dt.timezone.utc)
        for source, doc, error, worker in _results(todo, workers, scheduler):
            if progress:
                progress(1)
            if worker is not None:
                report.by_worker[worker] += 1
            if error is not None:
                report.rejected += 1
                report.errors.append(error)
                continue
            doc.meta["rules"] = rules
            status, counts = store.write_document(conn, doc, now=now)
            setattr(report, status, getattr(report, status) + 1)
            report.records.update(counts)
            report.warnings.extend(doc.warnings)
            report.chars += len(doc.text)
        # the corpus's hand-checked gold, if it ships one, says how far to trust what was just built
        try:
            evaluate.record_corpus_gold(conn, roots, GOLD_DIR, now)
        except ValueError as exc:  # a malformed gold file must not fail the build it only measures
            report.warnings.append(str(exc))
    finally:
        conn.close()
    report.seconds = time.perf_counter() - started
    return report

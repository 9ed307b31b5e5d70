"""The build job: discover files, skip unchanged ones, extract in N worker processes, write with one writer."""

import datetime as dt
import hashlib
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.ingest.text import InputError
from factline import database, evaluate, store
from factline.corpus import GOLD_DIR, SourceFile, discover, manifest_warnings
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

    def summary(self) -> str:
        records = ", ".join(f"{k} {v}" for k, v in sorted(self.records.items())) or "none"
        return (
            f"documents: {self.new} new, {self.updated} updated, {self.skipped} skipped, {self.rejected} rejected; "
            f"records: {records}; {self.seconds:.1f} s"
        )


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


def _work(source: SourceFile) -> tuple[SourceFile, ProcessedDocument | None, str | None]:
    """Worker: process one file; errors come back as one line naming the file."""
    try:
        doc = process(source, read_source(source))
        index_document(doc)
        return source, doc, None
    except InputError as exc:
        return source, None, str(exc)
    except Exception as exc:  # an extractor bug must not stop the corpus
        return source, None, f"{source.where}: internal error: {type(exc).__name__}: {exc}"


def _results(todo: list[SourceFile], workers: int) -> Iterator[tuple[SourceFile, ProcessedDocument | None, str | None]]:
    if workers <= 1 or len(todo) <= 1:
        yield from map(_work, todo)
        return
    from extractors.ingest import segment

    segment.tokenizer()  # load jieba once here: forked workers share the loaded dictionary
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        # ordered: documents are written in corpus order whatever the worker count, so merged records are the same
        yield from pool.imap(_work, todo, chunksize=1)


def build(
    roots: list[Path],
    db_path: Path,
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build or update the database from the corpus roots; returns what happened."""
    started = time.perf_counter()
    report = BuildReport()
    database.migrate(db_path)
    conn = database.connect(db_path)
    try:
        todo: list[SourceFile] = []
        sources = discover(roots)
        report.warnings.extend(manifest_warnings(roots, sources))
        for source in sources:
            try:
                digest = source_sha256(source)
            except OSError as exc:
                report.rejected += 1
                report.errors.append(f"{source.path}: {exc.strerror or exc}")
                continue
            if store.stored_hash(conn, source.key) == digest:
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            todo.append(source)
        now = dt.datetime.now(dt.timezone.utc)
        for source, doc, error in _results(todo, workers):
            if progress:
                progress(1)
            if error is not None:
                report.rejected += 1
                report.errors.append(error)
                continue
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

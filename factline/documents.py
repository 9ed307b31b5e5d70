"""The per-document data that flows from extraction (any process, any machine) to the single writer."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from extractors.ingest.text import InputError
from extractors.records import Record
from extractors.values import TimeValue
from factline.corpus import SourceFile


@dataclass
class Extracted:
    """A record with its quote's absolute offsets in documents.text."""

    record_type: str
    record: Record
    start: int
    end: int
    rule: str
    article: int
    label: str = ""  # what names the fact, for the record search index
    label_tokens: str = ""


@dataclass
class ProcessedDocument:
    key: str
    path: str
    sha256: str
    encoding: str
    title: str | None
    source: str | None
    url: str | None
    published: TimeValue | None
    published_inferred: bool
    text: str
    meta: dict
    sentences: list[tuple[int, int, int, str]] = field(default_factory=list)  # (start, end, article, search tokens)
    records: list[Extracted] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(source: SourceFile) -> bytes:
    """The raw bytes of a source file (of its article, for a dump); OSError becomes a one-line InputError."""
    if source.article is not None:
        return source.article.data
    try:
        return Path(source.path).read_bytes()
    except OSError as exc:
        raise InputError(str(source.path), exc.strerror or str(exc)) from None

"""What a source holds: a plain file, a saved web page or one article of a dump; and records as written."""

import dataclasses
import json

from extractors.ingest import html
from extractors.ingest.decode import Decoded, InputError, decode
from extractors.ingest.dumps import DUMP_SUFFIXES, article_fields
from extractors.records import Record
from factline.corpus import HTML_SUFFIXES, SourceFile, parse_published
from factline.record_types import of_record

def read_article(source: SourceFile, data: bytes) -> tuple[Decoded, str, dict[str, str]]:
    """The decoded source, the raw text to normalise, and the metadata its container declares."""
    suffix = source.path.suffix.lower()
    if source.article is not None:
        return _dump_article(source, data)
    decoded = decode(data, path=str(source.path))
    if suffix in DUMP_SUFFIXES:
        raise InputError(str(source.path), "no articles in this dump")
    if suffix in HTML_SUFFIXES:
        page = html.read_page(decoded.text)
        if not page.text.strip():
            raise InputError(str(source.path), "no article text found in this page")
        return decoded, page.text, page.declared()
    return decoded, decoded.text, {}


def _dump_article(source: SourceFile, data: bytes) -> tuple[Decoded, str, dict[str, str]]:
    """One article of a dump; a bad one is rejected as `file:line: reason`."""
    if source.article.error:
        raise InputError(source.where, source.article.error)
    try:
        fields = article_fields(data)
    except (ValueError, json.JSONDecodeError) as exc:
        raise InputError(source.where, str(exc)) from None
    published = fields.get("published")
    if published and parse_published(published) is None:
        raise InputError(source.where, f"published {published!r} is not a date (YYYY-MM-DD, YYYY-MM, YYYY, 2024年4月2日)")
    text = fields.pop("text")
    fields.pop("id", None)
    decoded = decode(text.encode("utf-8"), path=source.where)  # the same checks as a file (mojibake guard)
    return Decoded(decoded.text, source.encoding or decoded.encoding, decoded.warnings), text, fields


def as_written(record: Record, view: str, original: str) -> Record:
    """A record read from the simplified view with its names and titles sliced from the original text."""
    if view == original:
        return record
    changes = {}
    for name in of_record(record).written:
        value = getattr(record, name)
        if isinstance(value, list):
            changes[name] = [_written(v, view, original) for v in value]
        elif isinstance(value, str):
            changes[name] = _written(value, view, original)
    return dataclasses.replace(record, **changes)


def _written(value: str, view: str, original: str) -> str:
    """value as the original text writes it, where it is a quote of the view; otherwise as extracted."""
    at = view.find(value) if value else -1
    return original[at:at + len(value)] if at >= 0 else value

"""Article dumps: JSON Lines (one article a line) and CSV (a `text` column), one record per article."""

import csv
import io
import json
from dataclasses import dataclass

__all__ = ["DUMP_SUFFIXES", "DumpRow", "FIELDS", "article_fields", "is_gold", "split_dump"]

DUMP_SUFFIXES = (".jsonl", ".csv")
# What an article of a dump may carry besides its text (published: the formats of manifest.csv).
FIELDS = ("title", "published", "url", "source", "id")


@dataclass(frozen=True)
class DumpRow:
    """One article of a dump: its line number, its id (None: keyed by line), its JSON bytes or what is wrong."""

    line: int
    id: str | None
    data: bytes
    error: str | None = None


def is_gold(text: str) -> bool:
    """Whether a JSON Lines file is hand-checked gold (records naming a `doc`), not an article dump."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and "text" not in obj and "doc" in obj and "type" in obj


def split_dump(text: str, suffix: str) -> list[DumpRow]:
    """The articles of a decoded dump file, each as a JSON object's bytes (CSV rows become JSON objects)."""
    return _unique_ids(_csv_rows(text) if suffix == ".csv" else _json_rows(text))


def _unique_ids(rows: list[DumpRow]) -> list[DumpRow]:
    """A repeated id would make two articles one document: the repeat is rejected, naming the first line."""
    first: dict[str, int] = {}
    out = []
    for row in rows:
        if row.id is not None and row.id in first:
            row = DumpRow(row.line, None, row.data, f"duplicate id {row.id!r} (first on line {first[row.id]})")
        elif row.id is not None:
            first[row.id] = row.line
        out.append(row)
    return out


def _json_rows(text: str) -> list[DumpRow]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            rows.append(DumpRow(number, None, line.encode("utf-8"), f"not a JSON object ({exc.msg})"))
            continue
        rows.append(DumpRow(number, _id(obj), line.encode("utf-8")))
    return rows


def _csv_rows(text: str) -> list[DumpRow]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "text" not in (reader.fieldnames or []):
        return [DumpRow(1, None, b"", "no `text` column in the CSV header")]
    rows = []
    start = reader.line_num + 1
    for row in reader:
        obj = {k.strip(): v for k, v in row.items() if k and k.strip() in ("text", *FIELDS)}
        rows.append(DumpRow(start, _id(obj), json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")))
        start = reader.line_num + 1
    return rows


def _id(obj: object) -> str | None:
    value = obj.get("id") if isinstance(obj, dict) else None
    return (str(value).strip() or None) if value is not None else None


def article_fields(data: bytes) -> dict[str, str]:
    """The text and metadata of one dump article; raises ValueError with the reason when it has no text."""
    obj = json.loads(data)
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text" if text in (None, "") else "`text` is empty or not a string")
    fields = {"text": text}
    for name in FIELDS:
        value = obj.get(name)
        if value not in (None, ""):
            fields[name] = str(value).strip()
    return fields

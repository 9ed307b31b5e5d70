"""Find the documents of a corpus directory and their declared metadata (manifest.csv, front matter)."""

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractors.facts import meeting_rules
from extractors.ingest import segment
from extractors.ingest.decode import InputError, decode
from extractors.ingest.dumps import DUMP_SUFFIXES, DumpRow, is_gold, split_dump
from extractors.values import TimeValue

SUFFIXES = (".txt", ".md", ".html", ".htm", *DUMP_SUFFIXES)
HTML_SUFFIXES = (".html", ".htm")
MANIFEST = "manifest.csv"
# A corpus directory may carry its lexicons (jieba user dictionary, meeting series) here; they are not articles.
LEXICON_DIR = "lexicons"
USERDICT_FILE = "userdict.txt"
SERIES_FILE = "meeting_series.yaml"
# ... and its hand-checked gold (gold/*.jsonl), which the build scores itself against.
GOLD_DIR = "gold"
# A corpus kept in a repository often carries a README about it; it is not an article.
NOT_ARTICLES = ("readme.md", "readme.txt")
MANIFEST_COLUMNS = ("file", "title", "source", "url", "published")

# 2024-04-02, 2024/04/02, 2024.4.2, 2024-04, 2024 (a time of day after a full date is ignored) ...
_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T\s]+\d{1,2}:\d{2}\S*)?)?)?\s*$")
# ... and 2024年4月2日, 2024年4月, 2024年.
_CHINESE = re.compile(r"^\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?\s*$")


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus: where it is, its key (path relative to the corpus root), its manifest row."""

    path: Path
    key: str
    manifest: dict[str, str] = field(default_factory=dict)
    article: DumpRow | None = None  # one article of a dump (key: file#id or file#line)
    encoding: str | None = None  # the dump file's encoding, for its articles

    @property
    def where(self) -> str:
        """How messages name it: the path, and the line for an article of a dump."""
        return f"{self.path}:{self.article.line}" if self.article else str(self.path)


def add_lexicons(roots: list[Path]) -> list[Path]:
    """Add each root's lexicons/ (userdict.txt: words for both segmenters; meeting_series.yaml: series
    and their variants) to the packaged lexicons, for this process; the files read."""
    read = []
    for root in roots:
        userdict, series = root / LEXICON_DIR / USERDICT_FILE, root / LEXICON_DIR / SERIES_FILE
        if userdict.is_file():
            segment.add_userdict(userdict)
            read.append(userdict)
        if series.is_file():
            meeting_rules.add_series(series)
            read.append(series)
    return read


class ManifestError(ValueError):
    pass


def read_manifest(root: Path) -> dict[str, dict[str, str]]:
    """Rows of root/manifest.csv keyed by file (relative path); {} when there is none."""
    path = root / MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("file", "published") if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = {}
        for row in reader:  # each row keeps its line number, for the messages that name it
            values = {k: (v or "").strip() for k, v in row.items() if k}
            rows[values["file"]] = {**values, "line": str(reader.line_num)}
        return rows


def discover(roots: list[Path]) -> list[SourceFile]:
    """Every article file under the roots (and every article of a dump), sorted, with its manifest row."""
    found: list[SourceFile] = []
    for root in roots:
        manifest = read_manifest(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if _is_article(p, root))
        for path in files:
            key = path.name if root.is_file() else path.relative_to(root).as_posix()
            source = SourceFile(path=path, key=key, manifest=manifest.get(key, {}))
            found.extend(dump_articles(source) if path.suffix.lower() in DUMP_SUFFIXES else [source])
    return found


def dump_articles(source: SourceFile) -> list[SourceFile]:
    """One SourceFile per article of a dump file; the file itself when it cannot be read (the build rejects it)."""
    try:
        decoded = decode(source.path.read_bytes(), path=str(source.path))
    except (OSError, InputError):
        return [source]
    if source.path.suffix.lower() == ".jsonl" and is_gold(decoded.text):
        return []
    return [
        SourceFile(path=source.path, key=f"{source.key}#{row.id if row.id else row.line}", article=row,
                   encoding=decoded.encoding)
        for row in split_dump(decoded.text, source.path.suffix.lower())
    ]


def manifest_warnings(roots: list[Path], found: list[SourceFile]) -> list[str]:
    """Manifest rows naming no file, and published values that are not dates (those dates are inferred)."""
    keys = {source.key.partition("#")[0] for source in found}
    warnings = []
    for root in roots:
        if root.is_file():
            continue
        for name, row in read_manifest(root).items():
            where = f"{root / MANIFEST}:{row['line']}"
            if name not in keys and not (root / name).exists():
                warnings.append(f"{where}: no such file {name!r}")
            if row.get("published") and parse_published(row["published"]) is None:
                warnings.append(f"{where}: published {row['published']!r} is not a date (YYYY-MM-DD, YYYY-MM, "
                                "YYYY, 2024年4月2日); the date is inferred from the text instead")
    return warnings


def _is_article(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return (
        path.suffix.lower() in SUFFIXES
        and path.name.lower() not in NOT_ARTICLES
        and parts != (MANIFEST,)
        and not any(part.startswith(".") or part in (LEXICON_DIR, GOLD_DIR) for part in parts)
        and (path.is_file() or path.is_symlink())  # a dangling link is reported, not silently skipped
    )


def parse_published(value: object) -> TimeValue | None:
    """A declared publication date (manifest or front matter) at its real precision."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return day_value(value)
    text = str(value)
    m = _ISO.match(text) or _CHINESE.match(text)
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            if day is not None:
                return day_value(dt.date(year, month, day))
            if month is not None:
                return month_value(year, month)
            return TimeValue(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
        except ValueError:
            return None
    import dateparser  # western and ISO-like forms only; Chinese forms go through extractors.temporal

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return day_value(parsed.date()) if parsed else None


def day_value(day: dt.date) -> TimeValue:
    return TimeValue(day.isoformat(), day, day, "day", day.isoformat())


def month_value(year: int, month: int) -> TimeValue:
    last = calendar.monthrange(year, month)[1]
    return TimeValue(f"{year:04d}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), "month")

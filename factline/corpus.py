"""Find the documents of a corpus directory and their declared metadata (manifest.csv, front matter)."""

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractors.values import TimeValue

SUFFIXES = (".txt", ".md")
MANIFEST = "manifest.csv"
# A corpus directory may carry its lexicons (jieba user dictionary, meeting series) here; they are not articles.
LEXICON_DIR = "lexicons"
# ... and its hand-checked gold (gold/*.jsonl), which the build scores itself against.
GOLD_DIR = "gold"
# A corpus kept in a repository often carries a README about it; it is not an article.
NOT_ARTICLES = ("readme.md", "readme.txt")
MANIFEST_COLUMNS = ("file", "title", "source", "url", "published")

_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")


@dataclass(frozen=True)
class SourceFile:
    """One file of a corpus: where it is, its key (path relative to the corpus root), its manifest row."""

    path: Path
    key: str
    manifest: dict[str, str] = field(default_factory=dict)


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
        return {row["file"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in reader}


def discover(roots: list[Path]) -> list[SourceFile]:
    """Every *.txt / *.md file under the roots, sorted, with its manifest row."""
    found: list[SourceFile] = []
    for root in roots:
        manifest = read_manifest(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if _is_article(p, root))
        for path in files:
            key = path.name if root.is_file() else path.relative_to(root).as_posix()
            found.append(SourceFile(path=path, key=key, manifest=manifest.get(key, {})))
    return found


def _is_article(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return (
        path.suffix.lower() in SUFFIXES
        and path.name.lower() not in NOT_ARTICLES
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
    m = _ISO.match(text)
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

"""Score the database against hand-checked gold records (shared/gold/FORMAT.md)."""

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factline.consolidate import norm
from factline.record_types import BY_NAME, EVALUATED, RECORD_TYPES

TYPES = tuple(t.name for t in EVALUATED)
FOUND_SQL = {t.name: t.eval_sql for t in EVALUATED}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0
    by_rule: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # rule -> found, matched, gold hit

    @property
    def precision(self) -> float | None:
        return self.matched_found / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None


@dataclass
class DateScore:
    """Of the paired facts whose gold states a date, how many carry exactly that date at its precision."""

    dated: int = 0
    exact: int = 0
    misses: list = field(default_factory=list)  # (gold date, found date, quote)

    @property
    def accuracy(self) -> float | None:
        return self.exact / self.dated if self.dated else None

    def add(self, gold: str, found: str | None, quote: str) -> None:
        self.dated += 1
        self.exact += gold == found
        if gold != found:
            self.misses.append((gold, found, quote))


# What each type's date is called in the gold (its registry entry's gold_date); in a FOUND_SQL row the date is
# the last column. Milestones are scored inside their project (one date per gold milestone event).
_GOLD_DATE = {t.name: t.gold_date for t in EVALUATED if t.gold_date}
DATE_TYPES = (*_GOLD_DATE, *(t.name for t in RECORD_TYPES if t.parent and BY_NAME[t.parent].eval_sql))
_FOUND_DATE = 5


def load_gold(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return [r for r in rows if r.get("type") in TYPES]


def same_date(kind: str, gold: dict, found: tuple) -> bool:
    """Whether a found record carries the gold's date (for types without a date: always)."""
    if kind not in _GOLD_DATE:
        return True
    return gold.get(_GOLD_DATE[kind]) == found[_FOUND_DATE]


def matches(kind: str, gold: dict, found: tuple) -> bool:
    """Whether a found record states the gold fact, its date aside (dates are scored apart: ``DateScore``)."""
    matcher = BY_NAME[kind].gold_match
    _, name, second, third, _, _ = found
    return matcher is not None and matcher(gold, name, second, third)


def _dedupe_gold(kind: str, rows: list[dict]) -> list[dict]:
    """A project appears once per milestone in the gold; it is one project."""
    if kind != "project":
        return rows
    seen: dict[str, dict] = {}
    for r in rows:
        first = seen.setdefault(norm(r.get("name")), {**r, "milestones": []})
        first["milestones"] = first["milestones"] + list(r.get("milestones") or [])
    return list(seen.values())


def evaluate(conn: sqlite3.Connection, gold_rows: list[dict],
             dates: dict[str, DateScore] | None = None) -> dict[str, Score]:
    """Greedy one-to-one pairing per document and type: first pairs that also agree on the date, then the
    rest. When ``dates`` is given, the date of every pair whose gold states one is scored there."""
    scores = {kind: Score() for kind in TYPES}
    docs = sorted({r["doc"] for r in gold_rows})
    for doc in docs:
        doc_row = conn.execute(
            "SELECT id FROM documents WHERE path = ? OR path LIKE ?", (doc, f"%/{doc}")
        ).fetchone()
        for kind in TYPES:
            gold = _dedupe_gold(kind, [r for r in gold_rows if r["doc"] == doc and r["type"] == kind])
            found = []
            if doc_row:
                found = conn.execute(
                    FOUND_SQL[kind] + " WHERE r.id IN (SELECT record_id FROM mentions "
                    "WHERE record_type = ? AND document_id = ?)",
                    (kind, doc_row[0]),
                ).fetchall()
            rules = _rules(conn, kind, doc_row[0]) if doc_row else {}
            score = scores[kind]
            score.gold += len(gold)
            score.found += len(found)
            pairs = pair(kind, gold, found)
            for g, i in pairs:
                score.by_rule[rules.get(found[i][0], "?")][2] += 1
                if dates is not None:
                    _score_dates(conn, kind, g, found[i], dates)
            used = {i for _, i in pairs}
            score.matched_gold += len(pairs)
            score.matched_found += len(used)
            for i, f in enumerate(found):
                entry = score.by_rule[rules.get(f[0], "?")]
                entry[0] += 1
                entry[1] += i in used
    return scores


def pair(kind: str, gold: list[dict], found: list[tuple]) -> list[tuple[dict, int]]:
    """One-to-one (gold, index into found) pairs: those that agree on the date too are taken first."""
    pairs: list[tuple[dict, int]] = []
    used: set[int] = set()
    for dated in (True, False):
        for g in gold:
            if any(g is p for p, _ in pairs):
                continue
            i = next((i for i, f in enumerate(found)
                      if i not in used and matches(kind, g, f) and (not dated or same_date(kind, g, f))), None)
            if i is not None:
                used.add(i)
                pairs.append((g, i))
    return pairs


def _score_dates(conn: sqlite3.Connection, kind: str, gold: dict, found: tuple, dates: dict[str, DateScore]) -> None:
    if kind in _GOLD_DATE:
        if gold.get(_GOLD_DATE[kind]) is not None:
            dates[kind].add(gold[_GOLD_DATE[kind]], found[_FOUND_DATE], gold.get("quote", ""))
        return
    if kind != "project":
        return
    milestones = conn.execute("SELECT event, date FROM milestones WHERE project_id = ?", (found[0],)).fetchall()
    taken: set[int] = set()
    wanted = [m for m in gold.get("milestones") or [] if m.get("date") is not None]
    for exact_first in (True, False):
        for m in list(wanted):
            i = next((i for i, (event, date) in enumerate(milestones)
                      if i not in taken and event == m.get("event") and (not exact_first or date == m["date"])), None)
            if i is not None:
                taken.add(i)
                wanted.remove(m)
                dates["milestone"].add(m["date"], milestones[i][1], gold.get("quote", ""))
    for m in wanted:  # no milestone of that event: its date is missed too
        dates["milestone"].add(m["date"], None, gold.get("quote", ""))


def new_date_scores() -> dict[str, DateScore]:
    return {kind: DateScore() for kind in DATE_TYPES}


def date_totals(dates: dict[str, DateScore]) -> float | None:
    dated = sum(d.dated for d in dates.values())
    return sum(d.exact for d in dates.values()) / dated if dated else None


def _rules(conn: sqlite3.Connection, kind: str, doc_id: int) -> dict[int, str]:
    return dict(conn.execute(
        "SELECT record_id, MIN(rule) FROM mentions WHERE record_type = ? AND document_id = ? GROUP BY record_id",
        (kind, doc_id),
    ))


def totals(scores: dict[str, Score]) -> tuple[float, float]:
    gold = sum(s.gold for s in scores.values())
    found = sum(s.found for s in scores.values())
    recall = sum(s.matched_gold for s in scores.values()) / gold if gold else 0.0
    precision = sum(s.matched_found for s in scores.values()) / found if found else 0.0
    return recall, precision


def record_quality(conn: sqlite3.Connection, scores: dict[str, Score], gold_file: str, now: dt.datetime,
                   dates: dict[str, DateScore] | None = None) -> None:
    """Write the figures per type and per rule into the quality table (one transaction); the exact-date
    accuracy of each type goes in as the rule ``date`` (matched = exact dates of ``gold`` dated pairs)."""
    stamp = now.isoformat(timespec="seconds")
    rows = []
    for kind, d in (dates or {}).items():
        if d.dated:
            rows.append((kind, "date", d.dated, d.dated, d.exact, d.accuracy, d.accuracy, gold_file, stamp))
    for kind, s in scores.items():
        rows.append((kind, "*", s.gold, s.found, s.matched_found, s.precision, s.recall, gold_file, stamp))
        for rule, (found, matched, gold_hit) in sorted(s.by_rule.items()):
            rows.append((kind, rule, None, found, matched, matched / found if found else None, None, gold_file,
                         stamp))
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM quality WHERE gold_file = ?", (gold_file,))
    conn.executemany(
        "INSERT INTO quality (record_type, rule, gold, found, matched, precision, recall, gold_file, measured_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(k, r, g if g is not None else 0, f, m, p, rc, gf, st) for k, r, g, f, m, p, rc, gf, st in rows],
    )
    conn.execute("COMMIT")


def record_corpus_gold(conn: sqlite3.Connection, roots: list[Path], gold_dir: str, now: dt.datetime) -> list[str]:
    """Score the database against each corpus's own gold (root/gold_dir/*.jsonl) into quality; names what was used."""
    used = []
    for root in roots:
        files = sorted((root / gold_dir).glob("*.jsonl"))
        if not files:
            continue
        rows = [row for path in files for row in load_gold(path)]
        name = f"{root.name}/{gold_dir}"
        dates = new_date_scores()
        record_quality(conn, evaluate(conn, rows, dates), name, now, dates)
        used.append(name)
    return used

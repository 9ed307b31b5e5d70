"""Score the database against hand-checked gold records (shared/gold/FORMAT.md)."""

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factline.consolidate import norm

TYPES = ("meeting", "agreement", "project", "statistic", "policy")

FOUND_SQL = {
    "meeting": "SELECT r.id, r.name, r.session, r.date, NULL, NULL FROM meetings r",
    "agreement": "SELECT r.id, r.title, r.parties, r.date, NULL, NULL FROM agreements r",
    "project": "SELECT r.id, r.name, r.category, NULL, NULL, NULL FROM projects r",
    "statistic": "SELECT r.id, r.subject, r.value, r.unit, r.qualifier, r.as_of FROM statistics r",
    "policy": "SELECT r.id, r.title, r.action, r.date, NULL, NULL FROM policies r",
}


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


def load_gold(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return [r for r in rows if r.get("type") in TYPES]


def _contains(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def matches(kind: str, gold: dict, found: tuple) -> bool:
    """Whether a found record states the gold fact (the matching rules of issue 4)."""
    _, name, second, third, qualifier, as_of = found
    if kind == "statistic":
        value, unit = float(second), third
        target = float(gold["value"])
        close = abs(value - target) <= abs(target) * 0.005 if target else value == 0
        return close and (unit or "") == (gold.get("unit") or "")
    if kind == "meeting":
        if gold.get("date") != third:
            return False
        if gold.get("session") is not None:
            return gold["session"] == second
        return _contains(gold.get("name") or "", name or "")
    if kind == "agreement":
        if gold.get("date") != third:
            return False
        if gold.get("title") and name and _contains(gold["title"], name):
            return True
        parties = json.loads(second or "[]")
        return any(_contains(g, p) for g in gold.get("parties") or [] for p in parties)
    if kind == "project":
        return _contains(gold.get("name") or "", name or "")
    if kind == "policy":
        return _contains(gold.get("title") or "", name or "")
    return False


def _dedupe_gold(kind: str, rows: list[dict]) -> list[dict]:
    """A project appears once per milestone in the gold; it is one project."""
    if kind != "project":
        return rows
    seen: dict[str, dict] = {}
    for r in rows:
        seen.setdefault(norm(r.get("name")), r)
    return list(seen.values())


def evaluate(conn: sqlite3.Connection, gold_rows: list[dict]) -> dict[str, Score]:
    """Greedy one-to-one matching per document and type."""
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
            used: set[int] = set()
            for g in gold:
                for i, f in enumerate(found):
                    if i not in used and matches(kind, g, f):
                        used.add(i)
                        score.matched_gold += 1
                        score.by_rule[rules.get(f[0], "?")][2] += 1
                        break
            score.matched_found += len(used)
            for i, f in enumerate(found):
                entry = score.by_rule[rules.get(f[0], "?")]
                entry[0] += 1
                entry[1] += i in used
    return scores


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


def record_quality(conn: sqlite3.Connection, scores: dict[str, Score], gold_file: str, now: dt.datetime) -> None:
    """Write the figures per type and per rule into the quality table (one transaction)."""
    stamp = now.isoformat(timespec="seconds")
    rows = []
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
        record_quality(conn, evaluate(conn, rows), name, now)
        used.append(name)
    return used

"""What the fact and entity pages show, read from a factline database (one sqlite3 connection, read-only)."""

import json
import sqlite3
import urllib.parse

from factline import display, parties
from factline.record_types import BY_NAME, RECORD_TYPES

TABLES = {t.name: t.table for t in RECORD_TYPES}
TYPE_OF_TABLE = {t.table: t.name for t in RECORD_TYPES}
# A short name for a fact that has no line in the timeline (undated, or a project).
LABEL_SQL = {t.name: t.label_sql for t in RECORD_TYPES}

# Other facts stated in the same sentence as any mention of one fact.
CO_MENTIONED = """
SELECT DISTINCT o.record_type, o.record_id FROM mentions m
  JOIN sentences s ON s.document_id = m.document_id AND s.char_start <= m.char_start AND m.char_start < s.char_end
  JOIN mentions o ON o.document_id = s.document_id AND o.char_start >= s.char_start AND o.char_start < s.char_end
 WHERE m.record_type = ? AND m.record_id = ? AND NOT (o.record_type = m.record_type AND o.record_id = m.record_id)
 ORDER BY o.record_type, o.record_id
"""

# A paragraph longer than this (a page printed as one line) is cut to the sentence around the quote.
LONGEST_PARAGRAPH = 600


def _rows(conn: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> dict | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


def _quote(name: str) -> str:
    return urllib.parse.quote(name, safe="")


def fact_link(record_type: str, record_id: int) -> str:
    """The URL of a fact's page."""
    return f"/fact/{record_type}/{record_id}"


def date_of(record_type: str, record: dict) -> tuple[str | None, str | None, str | None]:
    """(ISO date, precision, words it was read from) of a record: statistics hold at as_of, the others
    happened at date."""
    prefix = "as_of" if record_type == "statistic" else "date"
    return record.get(prefix), record.get(f"{prefix}_precision"), record.get(f"{prefix}_text")


def summary(conn: sqlite3.Connection, record_type: str, record_id: int) -> str:
    """The fact in one Chinese line: its timeline summary, else its label (with the figure for a statistic)."""
    row = conn.execute("SELECT summary FROM timeline WHERE record_type = ? AND record_id = ?",
                       (record_type, record_id)).fetchone()
    if row:
        return row[0]
    label = conn.execute(LABEL_SQL[record_type], (record_id,)).fetchone()
    text = label[0] if label else f"{record_type} {record_id}"
    if record_type == "statistic":
        s = _one(conn, "SELECT value, unit, qualifier FROM statistics WHERE id = ?", (record_id,))
        text += "：" + display.display_amount(s["value"], s["unit"], s["qualifier"])
    return text


def fact_item(conn: sqlite3.Connection, record_type: str, record_id: int, record: dict | None = None) -> dict:
    """A fact as a list row on any page: link, summary, date in words."""
    record = record or _one(conn, f"SELECT * FROM {TABLES[record_type]} WHERE id = ?", (record_id,)) or {}
    date, precision, written = date_of(record_type, record)
    return {"href": fact_link(record_type, record_id), "summary": summary(conn, record_type, record_id),
            "date": display.display_date(date, precision, written) if date else "", "record_type": record_type,
            "kind": BY_NAME[record_type].label_zh, "sources": record.get("sources")}


def rule_precision(conn: sqlite3.Connection, record_type: str, rule: str) -> float | None:
    """The latest measured precision of a rule (milestone rules are measured with their projects)."""
    row = conn.execute(
        "SELECT precision FROM quality WHERE rule = ? AND record_type IN (?, ?) AND precision IS NOT NULL"
        " ORDER BY measured_at DESC LIMIT 1",
        (rule, record_type, "project" if record_type == "milestone" else record_type)).fetchone()
    return row[0] if row else None


def _context(conn: sqlite3.Connection, mention: dict, text: str) -> tuple[int, int]:
    """The span of text shown around a quote: its paragraph, or its sentence when the paragraph is long."""
    first, last = display.paragraph_around(text, mention["char_start"], mention["char_end"])
    if last - first <= LONGEST_PARAGRAPH:
        return first, last
    row = conn.execute(
        "SELECT char_start, char_end FROM sentences WHERE document_id = ? AND char_start <= ? AND char_end >= ?"
        " LIMIT 1", (mention["document_id"], mention["char_start"], mention["char_end"])).fetchone()
    return (row[0], row[1]) if row else (mention["char_start"], mention["char_end"])


def mentions(conn: sqlite3.Connection, record_type: str, record_id: int) -> list[dict]:
    """Every mention of a fact: its paragraph with the quote in <mark>, its document, its rule and precision."""
    out = []
    for m in _rows(conn, """
            SELECT m.id, m.quote, m.char_start, m.char_end, m.rule, m.document_id, d.title, d.source, d.url,
                   d.published, d.published_precision, d.text
              FROM mentions m JOIN documents d ON d.id = m.document_id
             WHERE m.record_type = ? AND m.record_id = ? ORDER BY d.published, m.id""", (record_type, record_id)):
        first, last = _context(conn, m, m["text"])
        paragraph = m.pop("text")[first:last]
        m["paragraph"] = display.marked(paragraph, [(m["char_start"] - first, m["char_end"] - first)])
        m["published_words"] = display.display_date(m["published"], m["published_precision"])
        m["precision"] = display.percent(rule_precision(conn, record_type, m["rule"]))
        out.append(m)
    return out


def entities(conn: sqlite3.Connection, record_type: str, record: dict) -> list[dict]:
    """Links from a fact to the pages of what it is about: its project, meeting series, parties."""
    if record_type == "project":
        return [{"href": f"/project/{record['id']}", "text": record["name"], "kind": "项目"}]
    if record_type == "milestone":
        name = conn.execute("SELECT name FROM projects WHERE id = ?", (record["project_id"],)).fetchone()
        return [{"href": f"/project/{record['project_id']}", "text": name[0] if name else "", "kind": "项目"}]
    if record_type == "meeting":
        return [{"href": f"/meeting-series/{_quote(record['name'])}", "text": record["name"], "kind": "会议系列"}]
    if record_type == "agreement":
        names = dict.fromkeys(parties.canonical(p) for p in json.loads(record["parties"] or "[]"))
        return [{"href": f"/party/{_quote(n)}", "text": n, "kind": "签署方"} for n in names if n]
    return []


def fact(conn: sqlite3.Connection, record_type: str, record_id: int) -> dict | None:
    """Everything the fact page shows; None when there is no such fact."""
    if record_type not in TABLES:
        return None
    record = _one(conn, f"SELECT * FROM {TABLES[record_type]} WHERE id = ?", (record_id,))
    if record is None:
        return None
    date, precision, written = date_of(record_type, record)
    siblings = [fact_item(conn, t, i) for t, i in conn.execute(CO_MENTIONED, (record_type, record_id)).fetchall()]
    return {
        "record_type": record_type, "record_id": record_id, "record": record,
        "kind": BY_NAME[record_type].label_zh, "summary": summary(conn, record_type, record_id),
        "date": display.display_date(date, precision, written) if date else "日期不详", "iso_date": date,
        "precision": precision, "mentions": mentions(conn, record_type, record_id),
        "entities": entities(conn, record_type, record), "siblings": siblings,
    }


def _co_mentioned(conn: sqlite3.Connection, record_type: str, ids: list[int], want: str) -> list[int]:
    """Ids of `want` facts stated in a sentence with any of these facts."""
    found: dict[int, None] = {}
    for record_id in ids:
        for other_type, other_id in conn.execute(CO_MENTIONED, (record_type, record_id)).fetchall():
            if other_type == want:
                found[other_id] = None
    return list(found)


def sources(conn: sqlite3.Connection, pairs: list[tuple[str, int]]) -> list[dict]:
    """The documents stating any of these facts, newest first."""
    docs: dict[int, dict] = {}
    for record_type, record_id in pairs:
        for d in _rows(conn, """SELECT DISTINCT d.id, d.title, d.source, d.url, d.published, d.published_precision
                                  FROM mentions m JOIN documents d ON d.id = m.document_id
                                 WHERE m.record_type = ? AND m.record_id = ?""", (record_type, record_id)):
            d["published_words"] = display.display_date(d["published"], d["published_precision"])
            docs[d["id"]] = d
    return sorted(docs.values(), key=lambda d: d["published"] or "", reverse=True)


def project(conn: sqlite3.Connection, project_id: int) -> dict | None:
    """A project: attributes, milestones in date order (planned apart), figures, agreements, meetings, sources."""
    record = _one(conn, "SELECT * FROM projects WHERE id = ?", (project_id,))
    if record is None:
        return None
    attributes = json.loads(record["attributes"] or "{}")
    aliases = attributes.pop("aliases", [])
    stones = _rows(conn, "SELECT * FROM milestones WHERE project_id = ? ORDER BY date_start IS NULL, date_start, id",
                   (project_id,))
    items = [(s["planned"], fact_item(conn, "milestone", s["id"], s)) for s in stones]
    ids = [s["id"] for s in stones]
    related = {
        kind: [fact_item(conn, kind, i) for i in dict.fromkeys(
            _co_mentioned(conn, "project", [project_id], kind)
            + [x for mid in ids for x in _co_mentioned(conn, "milestone", [mid], kind)])]
        for kind in ("statistic", "agreement", "meeting", "policy")
    }
    return {
        "record": record, "item": fact_item(conn, "project", project_id, record), "aliases": aliases,
        "attributes": attributes, "milestones": [i for planned, i in items if not planned],
        "planned": [i for planned, i in items if planned], "related": related,
        "sources": sources(conn, [("project", project_id)] + [("milestone", i) for i in ids]),
    }


def meeting_series(conn: sqlite3.Connection, name: str) -> dict | None:
    """Every session of a meeting series in order, with what it reviewed or adopted and its sources."""
    sessions = _rows(conn, "SELECT * FROM meetings WHERE name = ? ORDER BY date_start IS NULL, date_start, session",
                     (name,))
    if not sessions:
        return None
    out = []
    for s in sessions:
        decided = [fact_item(conn, t, i) for t in ("policy", "agreement")
                   for i in _co_mentioned(conn, "meeting", [s["id"]], t)]
        out.append({**fact_item(conn, "meeting", s["id"], s), "session": s["session"], "location": s["location"],
                    "decided": decided, "documents": sources(conn, [("meeting", s["id"])])})
    return {"name": name, "sessions": out}


def party(conn: sqlite3.Connection, name: str) -> dict | None:
    """A party: the agreements it (or one of its bodies) signed, meetings held there, figures about it."""
    name = parties.canonical(name)
    signed = []
    for a in _rows(conn, "SELECT * FROM agreements ORDER BY date_start IS NULL, date_start, id"):
        written = [p for p in json.loads(a["parties"] or "[]") if parties.belongs_to(p, name)]
        if written:
            signed.append({**fact_item(conn, "agreement", a["id"], a), "as_written": "、".join(written)})
    forms = parties.forms_of(name)
    where = " OR ".join(["{col} LIKE ?"] * len(forms))
    likes = tuple(f"%{f}%" for f in forms)
    meetings = [fact_item(conn, "meeting", m["id"], m) for m in _rows(
        conn, "SELECT * FROM meetings WHERE " + where.format(col="COALESCE(name, '') || COALESCE(location, '')")
        + " ORDER BY date_start IS NULL, date_start", likes)]
    figures = [fact_item(conn, "statistic", s["id"], s) for s in _rows(
        conn, "SELECT * FROM statistics WHERE " + where.format(col="subject") + " ORDER BY series, as_of_start",
        likes)]
    if not (signed or meetings or figures):
        return None
    return {"name": name, "agreements": signed, "meetings": meetings, "figures": figures}


def document(conn: sqlite3.Connection, document_id: int) -> dict | None:
    """A document as paragraphs, each quote of a fact in <mark> and linked to the fact's page."""
    doc = _one(conn, "SELECT id, title, source, url, published, published_precision, path, text FROM documents"
                     " WHERE id = ?", (document_id,))
    if doc is None:
        return None
    spans = _rows(conn, "SELECT record_type, record_id, char_start, char_end FROM mentions WHERE document_id = ?"
                        " ORDER BY char_start", (document_id,))
    text, paragraphs, first = doc.pop("text"), [], 0
    for line in text.split("\n"):
        last = first + len(line)
        inside = [(s["char_start"] - first, s["char_end"] - first, fact_link(s["record_type"], s["record_id"]))
                  for s in spans if first <= s["char_start"] < last]
        if line.strip():
            paragraphs.append(display.marked(line, inside))
        first = last + 1
    doc["published_words"] = display.display_date(doc["published"], doc["published_precision"])
    return {**doc, "paragraphs": paragraphs, "facts": len(spans)}


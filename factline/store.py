"""Write processed documents: one transaction per document, consolidated records, one mention per source."""

import datetime as dt
import json
import sqlite3
from collections import Counter

from extractors.values import TimeValue
from factline import consolidate
from factline.search import index_record, unindex_record
from factline.pipeline import Extracted, ProcessedDocument

TABLES = {
    "meeting": "meetings",
    "agreement": "agreements",
    "policy": "policies",
    "project": "projects",
    "milestone": "milestones",
    "statistic": "statistics",
}


def date_columns(tv: TimeValue | None, prefix: str = "date") -> dict:
    """The four date columns of a fact: ISO text at its precision, the day bounds and the precision."""
    if prefix == "date":
        names = ("date", "date_start", "date_end", "date_precision")
    else:
        names = (prefix, f"{prefix}_start", f"{prefix}_end", f"{prefix}_precision")
    if tv is None:
        return dict.fromkeys(names)
    return dict(zip(names, (tv.date, tv.start.isoformat(), tv.end.isoformat(), tv.precision)))


def stored_hash(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT sha256 FROM documents WHERE path = ?", (key,)).fetchone()
    return row[0] if row else None


def write_document(conn: sqlite3.Connection, doc: ProcessedDocument, *, now: dt.datetime) -> tuple[str, Counter]:
    """Store one document and its records atomically; returns ("new"|"updated", records by type)."""
    counts: Counter = Counter()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT id FROM documents WHERE path = ?", (doc.key,)).fetchone()
        touched: set[tuple[str, int]] = set()
        pub = doc.published
        values = {
            "path": doc.key,
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": pub.date if pub else None,
            "published_precision": pub.precision if pub else None,
            "published_inferred": int(doc.published_inferred),
            "text": doc.text,
            "chars": len(doc.text),
            "ingested_at": now.isoformat(timespec="seconds"),
            "meta": json.dumps(doc.meta, ensure_ascii=False),
        }
        if row:
            doc_id = row[0]
            status = "updated"
            touched.update(conn.execute("SELECT record_type, record_id FROM mentions WHERE document_id = ?", (doc_id,)))
            conn.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
            conn.execute("DELETE FROM search_sentences WHERE rowid IN (SELECT id FROM sentences WHERE document_id = ?)",
                         (doc_id,))
            conn.execute("DELETE FROM sentences WHERE document_id = ?", (doc_id,))
            conn.execute("DELETE FROM search_documents WHERE rowid = ?", (doc_id,))
            sets = ", ".join(f"{k} = :{k}" for k in values)
            conn.execute(f"UPDATE documents SET {sets} WHERE id = :id", {**values, "id": doc_id})
        else:
            status = "new"
            cols = ", ".join(values)
            doc_id = conn.execute(
                f"INSERT INTO documents ({cols}) VALUES ({', '.join(':' + k for k in values)})", values
            ).lastrowid
        conn.executemany(
            "INSERT INTO sentences (document_id, article, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, art, s, e, doc.text[s:e]) for s, e, art, _ in doc.sentences],
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM sentences WHERE document_id = ? ORDER BY id", (doc_id,))]
        conn.executemany(
            "INSERT INTO search_sentences (rowid, tokens) VALUES (?, ?)",
            zip(ids, (tokens for *_, tokens in doc.sentences)),
        )
        conn.execute(
            "INSERT INTO search_documents (rowid, title, tokens) VALUES (?, ?, ?)",
            (doc_id, doc.title or "", " ".join(tokens for *_, tokens in doc.sentences)),
        )
        mentions = []
        writer = _RecordWriter(conn, pub.date if pub else None)
        for item in doc.records:
            for record_type, record_id in writer.upsert(item):
                touched.add((record_type, record_id))
                counts[record_type] += 1
                mentions.append((record_type, record_id, doc_id, doc.text[item.start:item.end], item.start,
                                 item.end, item.rule))
        conn.executemany(
            "INSERT INTO mentions (record_type, record_id, document_id, quote, char_start, char_end, rule) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            mentions,
        )
        _refresh(conn, touched - writer.created)  # records new in this document are counted already
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return status, counts


RECORD_TYPE_OF = {table: record_type for record_type, table in TABLES.items()}


class _RecordWriter:
    """Finds or creates the records of one document inside its transaction."""

    def __init__(self, conn: sqlite3.Connection, published: str | None) -> None:
        self.conn = conn
        self.published = published
        self.created: set[tuple[str, int]] = set()

    def find_or_insert(self, table: str, key: str, values: dict, item: Extracted | None = None) -> int:
        row = self.conn.execute(f"SELECT id FROM {table} WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        # a record new in this document is reported by it alone
        values = {"key": key, "sources": 1, "first_reported": self.published, "last_reported": self.published,
                  **values}
        cols = ", ".join(values)
        rid = self.conn.execute(
            f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' for _ in values)})", list(values.values())
        ).lastrowid
        record_type = RECORD_TYPE_OF[table]
        self.created.add((record_type, rid))
        if item is not None and item.label:
            index_record(self.conn, record_type, rid, item.label, item.label_tokens)
        return rid

    def upsert(self, item: Extracted) -> list[tuple[str, int]]:
        """Find or create the record(s) an extraction states; returns (record_type, id) to mention."""
        conn, r, t = self.conn, item.record, item.record_type
        key = consolidate.record_key(r)
        if t == "meeting":
            rid = self.find_or_insert("meetings", key, {"name": r.name, "session": r.session,
                                                        "location": r.location, **date_columns(r.time)}, item)
            _fill_missing(conn, "meetings", rid, {"location": r.location, **date_columns(r.time)})
            return [(t, rid)]
        if t == "agreement":
            return [(t, self.find_or_insert("agreements", key, {
                "title": r.title, "parties": json.dumps(r.parties, ensure_ascii=False), **date_columns(r.time)},
                item))]
        if t == "policy":
            return [(t, self.find_or_insert("policies", key, {"title": r.title, "action": r.action,
                                                              **date_columns(r.time)}, item))]
        if t == "statistic":
            as_of = date_columns(r.as_of, "as_of")
            rid = self.find_or_insert("statistics", key, {
                "subject": r.subject, "series": consolidate.statistic_series(r), "value": r.value, "unit": r.unit,
                "qualifier": r.qualifier, "is_target": int(r.is_target), **as_of}, item)
            stored = conn.execute("SELECT as_of, as_of_start, as_of_end FROM statistics WHERE id = ?", (rid,)).fetchone()
            if r.as_of is not None and consolidate.better_as_of(r.as_of, stored, self.published):
                sets = ", ".join(f"{k} = :{k}" for k in as_of)  # the same figure reported again
                conn.execute(f"UPDATE statistics SET {sets} WHERE id = :id", {**as_of, "id": rid})
            return [(t, rid)]
        if t == "project":
            pid = self.find_or_insert("projects", key, {
                "name": r.name, "category": r.category, "attributes": json.dumps(r.attributes, ensure_ascii=False)},
                item)
            _merge_attributes(conn, pid, r.attributes)
            out = [(t, pid)]
            for m in r.milestones:
                mid = self.find_or_insert("milestones", consolidate.milestone_key(r, m), {
                    "project_id": pid, "event": m.event, "planned": int(m.planned), **date_columns(m.time)})
                out.append(("milestone", mid))
            return out
        raise ValueError(f"unknown record type {t}")


def _fill_missing(conn: sqlite3.Connection, table: str, rid: int, values: dict) -> None:
    """A later source may know what an earlier one did not (a venue, a date)."""
    for col, val in values.items():
        if val is not None:
            conn.execute(f"UPDATE {table} SET {col} = ? WHERE id = ? AND {col} IS NULL", (val, rid))


def _merge_attributes(conn: sqlite3.Connection, pid: int, attributes: dict) -> None:
    if not attributes:
        return
    current = json.loads(conn.execute("SELECT attributes FROM projects WHERE id = ?", (pid,)).fetchone()[0] or "{}")
    merged = {**attributes, **current}
    if merged != current:
        conn.execute("UPDATE projects SET attributes = ? WHERE id = ?", (json.dumps(merged, ensure_ascii=False), pid))


def _refresh(conn: sqlite3.Connection, touched: set[tuple[str, int]]) -> None:
    """Recount sources and reporting dates of touched records; delete records no source states any more."""
    for record_type, record_id in touched:
        table = TABLES[record_type]
        n, first, last = conn.execute(
            "SELECT COUNT(DISTINCT m.document_id), MIN(d.published), MAX(d.published) FROM mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.record_type = ? AND m.record_id = ?",
            (record_type, record_id),
        ).fetchone()
        if n == 0:
            if record_type == "project":
                conn.execute("DELETE FROM milestones WHERE project_id = ?", (record_id,))
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            unindex_record(conn, record_type, record_id)
        else:
            conn.execute(
                f"UPDATE {table} SET sources = ?, first_reported = ?, last_reported = ? WHERE id = ?",
                (n, first, last, record_id),
            )

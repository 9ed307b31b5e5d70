"""Write processed documents: one transaction per document, consolidated records, one mention per source."""

import datetime as dt
import json
import sqlite3
from collections import Counter

from factline import record_types
from factline.documents import Extracted, ProcessedDocument
from factline.record_types import RecordType
from factline.search import index_record, unindex_record


def stored_state(conn: sqlite3.Connection, key: str) -> tuple[str, str | None] | None:
    """A stored document's file sha256 and the fingerprint of the rules that extracted it (None: unknown)."""
    row = conn.execute("SELECT sha256, json_extract(meta, '$.rules') FROM documents WHERE path = ?", (key,)).fetchone()
    return (row[0], row[1]) if row else None


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
            for record_type, record_id, fact_id in writer.upsert(item):
                touched.add((record_type, record_id))
                counts[record_type] += 1
                mentions.append((record_type, record_id, fact_id, doc_id, doc.text[item.start:item.end],
                                 item.start, item.end, item.rule))
        conn.executemany(
            "INSERT INTO mentions (record_type, record_id, fact_id, document_id, quote, char_start, char_end, rule) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            mentions,
        )
        _refresh(conn, touched - writer.created)  # records new in this document are counted already
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return status, counts


class _RecordWriter:
    """Finds or creates the records of one document inside its transaction; what a later source adds to a
    stored record is the merge policy of factline.consolidate (through the registry)."""

    def __init__(self, conn: sqlite3.Connection, published: str | None) -> None:
        self.conn = conn
        self.published = published
        self.created: set[tuple[str, int]] = set()

    def find_or_insert(self, rtype: RecordType, record: object, key: str, values: dict,
                       item: Extracted | None = None) -> tuple[int, int]:
        """The (record id, fact id) of the row with this key: merged with the record when it exists, else new."""
        self.conn.row_factory = sqlite3.Row
        try:
            row = self.conn.execute(f"SELECT * FROM {rtype.table} WHERE key = ?", (key,)).fetchone()
        finally:
            self.conn.row_factory = None
        if row:
            updates = rtype.merge(dict(row), record)
            if updates:
                sets = ", ".join(f"{col} = :{col}" for col in updates)
                self.conn.execute(f"UPDATE {rtype.table} SET {sets} WHERE id = :id", {**updates, "id": row["id"]})
            return row["id"], row["fact_id"]
        # a record new in this document is reported by it alone; its fact row comes first so that the record is
        # written once, already pointing at it (the id is the one SQLite would give: the largest plus one)
        rid = self.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {rtype.table}").fetchone()[0]
        fact_id = self.conn.execute("INSERT INTO facts (record_type, record_id) VALUES (?, ?)",
                                    (rtype.name, rid)).lastrowid
        values = {"id": rid, "fact_id": fact_id, "key": key, "sources": 1, "first_reported": self.published,
                  "last_reported": self.published, **values}
        cols = ", ".join(values)
        self.conn.execute(f"INSERT INTO {rtype.table} ({cols}) VALUES ({', '.join('?' for _ in values)})",
                          list(values.values()))
        self.created.add((rtype.name, rid))
        if item is not None and item.label:
            index_record(self.conn, fact_id, rtype.name, rid, item.label, item.label_tokens)
        return rid, fact_id

    def upsert(self, item: Extracted) -> list[tuple[str, int, int]]:
        """Find or create the record(s) an extraction states; returns (record_type, id, fact id) to mention."""
        record = item.record
        rtype = record_types.BY_NAME[item.record_type]
        rid, fact_id = self.find_or_insert(rtype, record, rtype.key(record), rtype.values(record), item)
        out = [(rtype.name, rid, fact_id)]
        for child_type in record_types.children_of(rtype):
            for child in rtype.children(record):
                values = {f"{rtype.name}_id": rid, **child_type.values(child)}
                cid, cfact = self.find_or_insert(child_type, child, child_type.key(record, child), values)
                out.append((child_type.name, cid, cfact))
        return out


def _refresh(conn: sqlite3.Connection, touched: set[tuple[str, int]]) -> None:
    """Recount sources and reporting dates of touched records; delete records no source states any more."""
    for record_type, record_id in touched:
        rtype = record_types.BY_NAME[record_type]
        n, first, last = conn.execute(
            "SELECT COUNT(DISTINCT m.document_id), MIN(d.published), MAX(d.published) FROM mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.record_type = ? AND m.record_id = ?",
            (record_type, record_id),
        ).fetchone()
        if n == 0:
            _delete(conn, rtype, f"id = {int(record_id)}")
        else:
            conn.execute(
                f"UPDATE {rtype.table} SET sources = ?, first_reported = ?, last_reported = ? WHERE id = ?",
                (n, first, last, record_id),
            )


def _delete(conn: sqlite3.Connection, rtype: RecordType, where: str) -> None:
    """Delete the rows of a type matching ``where`` with their children, facts and search rows."""
    for child_type in record_types.children_of(rtype):
        _delete(conn, child_type, f"{rtype.name}_id IN (SELECT id FROM {rtype.table} WHERE {where})")
    fact_ids = [f for (f,) in conn.execute(f"SELECT fact_id FROM {rtype.table} WHERE {where}")]
    conn.execute(f"DELETE FROM {rtype.table} WHERE {where}")
    for fact_id in fact_ids:
        unindex_record(conn, fact_id)
        conn.execute("DELETE FROM facts WHERE id = ?", (fact_id,))

"""`factline check`: the invariants every published database must keep."""

import sqlite3
from pathlib import Path

from factline import database
from factline.record_types import RECORD_TYPES


def run_checks(db_path: Path | str) -> list[str]:
    """Every violated invariant as one line; an empty list means the database is consistent."""
    problems: list[str] = []
    head, current = database.head_revision(), database.current_revision(db_path)
    if current != head:
        problems.append(f"migrations: database at {current}, code at {head}")
        return problems
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("sqlite integrity_check failed")
        problems += [f"{table} {rowid}: its {parent} row does not exist"
                     for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchmany(20)]
        orphan_facts = conn.execute(
            "SELECT id, record_type FROM facts f WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.fact_id = f.id) "
            "LIMIT 20").fetchall()
        problems += [f"fact {fid}: no {record_type} mention points to it" for fid, record_type in orphan_facts]
        bad = conn.execute(
            "SELECT m.id FROM mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE m.quote != substr(d.text, m.char_start + 1, m.char_end - m.char_start) LIMIT 20"
        ).fetchall()
        problems += [f"mention {mid}: quote does not slice documents.text" for (mid,) in bad]
        orphans = conn.execute(
            "SELECT id FROM mentions WHERE document_id NOT IN (SELECT id FROM documents) LIMIT 20"
        ).fetchall()
        problems += [f"mention {mid}: its document does not exist" for (mid,) in orphans]
        for rtype in RECORD_TYPES:
            record_type, table = rtype.name, rtype.table
            missing = conn.execute(
                f"SELECT id FROM {table} WHERE id NOT IN "
                f"(SELECT record_id FROM mentions WHERE record_type = ?) LIMIT 20",
                (record_type,),
            ).fetchall()
            problems += [f"{record_type} {rid}: no mention" for (rid,) in missing]
            dangling = conn.execute(
                f"SELECT id FROM mentions WHERE record_type = ? AND record_id NOT IN (SELECT id FROM {table}) LIMIT 20",
                (record_type,),
            ).fetchall()
            problems += [f"mention {mid}: its {record_type} does not exist" for (mid,) in dangling]
            unlinked = conn.execute(
                f"SELECT r.id FROM {table} r LEFT JOIN facts f ON f.id = r.fact_id "
                f"WHERE f.record_type IS NOT ? OR f.record_id IS NOT r.id LIMIT 20", (record_type,),
            ).fetchall()
            problems += [f"{record_type} {rid}: its fact_id does not point back to it" for (rid,) in unlinked]
        stray = conn.execute(
            "SELECT m.id FROM mentions m LEFT JOIN facts f ON f.id = m.fact_id "
            "WHERE f.record_type IS NOT m.record_type OR f.record_id IS NOT m.record_id LIMIT 20").fetchall()
        problems += [f"mention {mid}: its fact_id is not its record" for (mid,) in stray]
        for table in (t.table for t in RECORD_TYPES if "date_start" in t.model.model_fields):
            bad_dates = conn.execute(
                f"SELECT id FROM {table} WHERE date_start > date_end LIMIT 20"
            ).fetchall()
            problems += [f"{table} {rid}: date_start after date_end" for (rid,) in bad_dates]
    finally:
        conn.close()
    return problems

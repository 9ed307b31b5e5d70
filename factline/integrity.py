"""`factline check`: the invariants every published database must keep."""

import sqlite3
from pathlib import Path

from factline import database
from factline.store import TABLES


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
        bad = conn.execute(
            "SELECT m.id FROM mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE m.quote != substr(d.text, m.char_start + 1, m.char_end - m.char_start) LIMIT 20"
        ).fetchall()
        problems += [f"mention {mid}: quote does not slice documents.text" for (mid,) in bad]
        orphans = conn.execute(
            "SELECT id FROM mentions WHERE document_id NOT IN (SELECT id FROM documents) LIMIT 20"
        ).fetchall()
        problems += [f"mention {mid}: its document does not exist" for (mid,) in orphans]
        for record_type, table in TABLES.items():
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
        for table in ("meetings", "agreements", "policies", "milestones"):
            bad_dates = conn.execute(
                f"SELECT id FROM {table} WHERE date_start > date_end LIMIT 20"
            ).fetchall()
            problems += [f"{table} {rid}: date_start after date_end" for (rid,) in bad_dates]
    finally:
        conn.close()
    return problems

"""The schema is owned by Alembic: upgrade on an empty file, no drift, downgrade and upgrade again."""

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import models  # noqa: F401
from factline import database
from models.unmodelled import include_object


def _objects(db) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def test_upgrade_on_empty_file_creates_every_table_and_view(tmp_path):
    db = tmp_path / "empty.db"
    database.migrate(db)
    names = {name for _, name in _objects(db)}
    for table in ("documents", "meetings", "agreements", "projects", "milestones", "statistics", "policies",
                  "mentions", "quality", "sentences", "timeline", "conflicts", "alembic_version"):
        assert table in names
    assert database.current_revision(db) == database.head_revision()


# SQLAlchemy cannot reflect the expression indexes of migration 0004; they are not modelled either.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrated_database_do_not_drift(tmp_path):
    db = tmp_path / "drift.db"
    database.migrate(db)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    db = tmp_path / "round.db"
    database.migrate(db)
    first = _objects(db)
    cfg = database.alembic_config(db)
    command.downgrade(cfg, "base")
    assert {name for _, name in _objects(db)} == {"alembic_version"}
    command.upgrade(cfg, "head")
    assert _objects(db) == first


def test_timeline_view_answers_on_an_empty_database(tmp_path):
    db = tmp_path / "view.db"
    database.migrate(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM timeline").fetchone() == (0,)
    assert conn.execute("SELECT COUNT(*) FROM conflicts").fetchone() == (0,)


def test_an_upgrade_interrupted_midway_leaves_nothing_half_made(tmp_path, monkeypatch):
    import alembic.operations

    db = tmp_path / "half.db"
    original = alembic.operations.Operations.execute
    calls = []

    def dies_on_second_statement(self, sql, *args, **kwargs):
        calls.append(sql)
        if len(calls) == 2:
            raise KeyboardInterrupt  # what a kill looks like from inside: the upgrade stops mid-way
        return original(self, sql, *args, **kwargs)

    monkeypatch.setattr(alembic.operations.Operations, "execute", dies_on_second_statement)
    with pytest.raises(KeyboardInterrupt):
        database.migrate(db)
    assert {name for _, name in _objects(db)} == set()  # no tables without a version stamp
    monkeypatch.setattr(alembic.operations.Operations, "execute", original)
    database.migrate(db)
    assert database.current_revision(db) == database.head_revision()


def test_facts_table_is_backfilled_from_a_database_with_data(tmp_path):
    """A database built before the facts table (0006) gets a fact for every record, a fact_id with a real
    foreign key on every record and mention, and its search index re-keyed by fact, losing nothing."""
    import shutil

    from factline.build import build
    from factline.integrity import run_checks
    from factline.record_types import RECORD_TYPES
    from tests.conftest import SEEDS

    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "old.db"
    build([corpus], db)
    cfg = database.alembic_config(db)
    conn = sqlite3.connect(db)
    searchable = conn.execute("SELECT record_type, record_id, label FROM search_records ORDER BY 1, 2").fetchall()
    counts = {t.table: conn.execute(f"SELECT COUNT(*) FROM {t.table}").fetchone()[0] for t in RECORD_TYPES}
    conn.close()
    command.downgrade(cfg, "0006")
    assert "facts" not in {name for _, name in _objects(db)}
    command.upgrade(cfg, "head")

    assert run_checks(db) == []
    conn = sqlite3.connect(db)
    try:
        for t in RECORD_TYPES:
            assert conn.execute(f"SELECT COUNT(*) FROM {t.table}").fetchone()[0] == counts[t.table]
            assert conn.execute(f"SELECT COUNT(*) FROM {t.table} WHERE fact_id IS NULL").fetchone()[0] == 0
            targets = {(row[2], row[4]) for row in conn.execute(f"PRAGMA foreign_key_list({t.table})")}
            assert ("facts", "id") in targets
        assert conn.execute("SELECT COUNT(*) FROM mentions WHERE fact_id IS NULL").fetchone()[0] == 0
        assert sum(counts.values()) == conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
        again = conn.execute("SELECT record_type, record_id, label FROM search_records ORDER BY 1, 2").fetchall()
        assert again == searchable and len(again) > 100
        meeting = conn.execute(
            "SELECT f.record_type, f.record_id FROM search_records s JOIN facts f ON f.id = s.rowid "
            "WHERE search_records MATCH '重庆四川党政联席会议' LIMIT 1").fetchone()
        assert meeting and meeting[0] == "meeting"
    finally:
        conn.close()

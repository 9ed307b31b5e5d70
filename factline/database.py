"""The SQLite file: open it, and migrate it to the head revision with Alembic."""

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event

import migrations

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


def alembic_config(db_path: Path | str) -> Config:
    """An Alembic Config for this database file, independent of the working directory."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{Path(db_path).resolve()}")
    return cfg


def migrate(db_path: Path | str) -> None:
    """Bring the database to the latest schema (creating the file if needed), all or nothing.

    The sqlite3 module commits before DDL on its own, so a build killed during the upgrade could leave
    tables without a version stamp; here the driver's transaction handling is switched off and the
    whole upgrade runs in one explicit transaction (SQLite's DDL is transactional).
    """
    cfg = alembic_config(db_path)
    engine = create_engine(cfg.get_main_option("sqlalchemy.url"))

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _explicit_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


def current_revision(db_path: Path | str) -> str | None:
    engine = create_engine(f"sqlite:///{Path(db_path).resolve()}")
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config(":memory:")).get_current_head()


def connect(db_path: Path | str) -> sqlite3.Connection:
    """A writer connection: WAL so Datasette keeps reading while a build writes."""
    conn = sqlite3.connect(str(db_path), isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn

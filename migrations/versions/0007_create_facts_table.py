"""create facts table

One row per stored record of any type. Every record table and mentions get a fact_id with a real foreign
key to it, so Datasette's own pages link a meeting, an agreement or a figure to its mentions ("links from
other tables"). The record search index is re-keyed by facts.id and carries record_type and record_id, so
no id is bit-packed any more (0005 stored type code << 40 | record id as the rowid).

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0007"
down_revision: Union[str, None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The record types as they stood at this revision (a migration is history: it never reads the registry).
TABLES = {"meeting": "meetings", "agreement": "agreements", "project": "projects", "milestone": "milestones",
          "statistic": "statistics", "policy": "policies"}
CODES_0005 = {"meeting": 1, "agreement": 2, "project": 3, "milestone": 4, "statistic": 5, "policy": 6}


def upgrade() -> None:
    op.execute("CREATE TABLE facts (id INTEGER NOT NULL PRIMARY KEY, record_type VARCHAR NOT NULL, "
               "record_id INTEGER NOT NULL, UNIQUE (record_type, record_id))")
    for record_type, table in TABLES.items():
        op.execute(f"INSERT INTO facts (record_type, record_id) SELECT '{record_type}', id FROM {table} ORDER BY id")
        op.execute(f"ALTER TABLE {table} ADD COLUMN fact_id INTEGER REFERENCES facts (id)")
        op.execute(f"UPDATE {table} SET fact_id = (SELECT f.id FROM facts f WHERE f.record_type = '{record_type}' "
                   f"AND f.record_id = {table}.id)")
        op.execute(f"CREATE INDEX ix_{table}_fact_id ON {table} (fact_id)")
    op.execute("ALTER TABLE mentions ADD COLUMN fact_id INTEGER REFERENCES facts (id)")
    op.execute("UPDATE mentions SET fact_id = (SELECT f.id FROM facts f WHERE f.record_type = mentions.record_type "
               "AND f.record_id = mentions.record_id)")
    op.execute("CREATE INDEX ix_mentions_fact_id ON mentions (fact_id)")

    op.execute("ALTER TABLE search_records RENAME TO search_records_0005")
    op.execute("CREATE VIRTUAL TABLE search_records USING fts5(tokens, label UNINDEXED, record_type UNINDEXED, "
               "record_id UNINDEXED, tokenize = 'unicode61')")
    decode = " ".join(f"WHEN {code} THEN '{name}'" for name, code in CODES_0005.items())
    op.execute("INSERT INTO search_records (rowid, tokens, label, record_type, record_id) "
               "SELECT f.id, s.tokens, s.label, f.record_type, f.record_id FROM search_records_0005 s "
               f"JOIN facts f ON f.record_type = CASE s.rowid >> 40 {decode} END "
               "AND f.record_id = s.rowid & 1099511627775")
    op.execute("DROP TABLE search_records_0005")


def downgrade() -> None:
    op.execute("ALTER TABLE search_records RENAME TO search_records_0007")
    op.execute("CREATE VIRTUAL TABLE search_records USING fts5(tokens, label UNINDEXED, tokenize = 'unicode61')")
    encode = " ".join(f"WHEN '{name}' THEN {code}" for name, code in CODES_0005.items())
    op.execute("INSERT INTO search_records (rowid, tokens, label) "
               f"SELECT (CASE record_type {encode} END) << 40 | record_id, tokens, label FROM search_records_0007")
    op.execute("DROP TABLE search_records_0007")
    for table in (*TABLES.values(), "mentions"):
        op.execute(f"DROP INDEX ix_{table}_fact_id")
        op.execute(f"ALTER TABLE {table} DROP COLUMN fact_id")
    op.execute("DROP TABLE facts")

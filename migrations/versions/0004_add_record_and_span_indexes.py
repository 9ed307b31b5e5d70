"""add record and span indexes

mentions are looked up by (record_type, record_id) for every fact shown with its
quote, and by position for the facts stated in a sentence. The span indexes let a date-window query bound date_start from below
exactly: no fact lasts longer than the longest span stored, and that maximum is
read from the index in O(log n) (see the timeline canned query).

Revision ID: 0004
Revises: 0003
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0004"
down_revision: Union[str, None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SPANS = {
    "meetings": ("date_start", "date_end"),
    "agreements": ("date_start", "date_end"),
    "milestones": ("date_start", "date_end"),
    "policies": ("date_start", "date_end"),
    "statistics": ("as_of_start", "as_of_end"),
}


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch_op:
        batch_op.create_index("ix_mentions_record", ["record_type", "record_id"])
        batch_op.create_index("ix_mentions_position", ["document_id", "char_start"])
    for table, (start, end) in SPANS.items():
        op.execute(f"CREATE INDEX ix_{table}_span ON {table} ((julianday({end}) - julianday({start})))")


def downgrade() -> None:
    for table in SPANS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_span")
    with op.batch_alter_table("mentions") as batch_op:
        batch_op.drop_index("ix_mentions_position")
        batch_op.drop_index("ix_mentions_record")

"""every date keeps the words it was read from

A date column says when at what precision; date_text (as_of_text for a figure) keeps the expression it was
read from (截至2022年底, 4月26日下午, 1—4月), so that a reader can check it and 年底 / 月底 read as written
(2022年底, not 2022年12月). The timeline view gains date_text as its last column.

Revision ID: 0008
Revises: 0007
"""
import importlib
from typing import Sequence, Union

from alembic import op

revision: str = "0008"
down_revision: Union[str, None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_V0006 = importlib.import_module("migrations.versions.0006_timeline_amounts_in_wan_and_yi")
# The tables as they stood at this revision, and the column each one's date words go into.
COLUMNS = {"meetings": "date_text", "agreements": "date_text", "policies": "date_text", "milestones": "date_text",
           "statistics": "as_of_text"}
# (as in 0006) each branch of the union ends with its sources; date_text follows them.
BRANCH_ENDS = {"m.sources\n    FROM meetings m": "m.sources, m.date_text\n    FROM meetings m",
               "a.sources\n    FROM agreements a": "a.sources, a.date_text\n    FROM agreements a",
               "ms.sources\n    FROM milestones ms": "ms.sources, ms.date_text\n    FROM milestones ms",
               "po.sources\n    FROM policies po": "po.sources, po.date_text\n    FROM policies po",
               "s.sources\n    FROM statistics s": "s.sources, s.as_of_text\n    FROM statistics s",
               "record_id, sources FROM (": "record_id, sources, date_text FROM ("}


def _timeline() -> str:
    view = _V0006.TIMELINE
    for old, new in BRANCH_ENDS.items():
        assert view.count(old) == 1, f"0006's timeline view no longer has {old!r}"
        view = view.replace(old, new)
    return view


def upgrade() -> None:
    for table, column in COLUMNS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR")
    op.execute("DROP VIEW IF EXISTS timeline")
    op.execute(_timeline())


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS timeline")
    op.execute(_V0006.TIMELINE)
    for table, column in COLUMNS.items():
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")

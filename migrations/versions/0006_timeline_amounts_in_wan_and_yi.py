"""timeline summaries write amounts in 万 / 亿

A figure of 30000000000元 reads 300亿元, 94000个 reads 9.4万个, as Chinese news writes them
(factline.display.display_amount is the same reading for the pages; a test holds the two together).
The view is 0002's with only the statistic amount changed.

Revision ID: 0006
Revises: 0005
"""
import importlib
from typing import Sequence, Union

from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_V0002 = importlib.import_module("migrations.versions.0002_create_timeline_and_conflicts_views")

RAW_AMOUNT = f"{_V0002.NUM.format(v='s.value')} || s.unit"


def _num(expr: str) -> str:
    return _V0002.NUM.format(v=f"round({expr}, 4)")


# No scale word before a percentage or a ratio (units as in factline.display.UNSCALED_UNITS).
AMOUNT = (
    "(CASE WHEN s.unit IN ('%', '倍', '‰') THEN " + _num("s.value")
    + " WHEN abs(s.value) >= 1e8 THEN " + _num("s.value / 1e8") + " || '亿'"
    + " WHEN abs(s.value) >= 1e4 THEN " + _num("s.value / 1e4") + " || '万'"
    + " ELSE " + _num("s.value") + " END) || s.unit"
)

assert RAW_AMOUNT in _V0002.TIMELINE, "0002's timeline view no longer spells the amount as expected"
TIMELINE = _V0002.TIMELINE.replace(RAW_AMOUNT, AMOUNT)


def upgrade() -> None:
    op.execute("DROP VIEW IF EXISTS timeline")
    op.execute(TIMELINE)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS timeline")
    op.execute(_V0002.TIMELINE)

"""create record search index

Facts are searchable by what names them (a meeting series, an agreement's title
and parties, a project, a statistic's subject, a policy's title), which the
sentences may not spell out. rowid = type code << 40 | record id (factline.search).

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0005"
down_revision: Union[str, None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE search_records USING fts5(tokens, label UNINDEXED, tokenize = 'unicode61')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_records")

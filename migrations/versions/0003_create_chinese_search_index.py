"""create chinese search index

SQLite FTS5 does not segment Chinese, and the trigram tokenizer cannot match
two-character words. factline stores jieba-segmented tokens separated by spaces
and lets the unicode61 tokenizer split on those spaces; queries are segmented
the same way (factline.search.match_query).

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0003"
down_revision: Union[str, None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # rowid = sentences.id / documents.id: the FTS rows are deleted with their owner.
    op.execute("CREATE VIRTUAL TABLE search_sentences USING fts5(tokens, tokenize = 'unicode61')")
    op.execute("CREATE VIRTUAL TABLE search_documents USING fts5(title, tokens, tokenize = 'unicode61')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_documents")
    op.execute("DROP TABLE IF EXISTS search_sentences")

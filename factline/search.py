"""Chinese full-text search: jieba tokens in FTS5, queries segmented the same way."""

import re

from extractors import segment

_QUOTE = re.compile(r'"')


def index_tokens(text: str) -> str:
    """Text as space-separated search tokens: each word and its dictionary sub-words (川渝通办 → 川渝 通办 川渝通办)."""
    return " ".join(t for t in segment.tokenizer().cut_for_search(text, HMM=False) if t.strip())


def match_query(query: str | None) -> str:
    """An FTS5 MATCH expression for a user's query: every term must occur, multi-word terms as phrases."""
    terms = []
    for term in (query or "").split():
        words = [w for w in segment.tokenizer().cut(term, HMM=False) if w.strip()]
        if words:
            terms.append('"' + " ".join(_QUOTE.sub("", w) for w in words) + '"')
    return " AND ".join(terms) if terms else '""'


# Stable codes for the rowid of search_records: code << 40 | record id.
RECORD_CODES = {"meeting": 1, "agreement": 2, "project": 3, "milestone": 4, "statistic": 5, "policy": 6}
RECORD_SHIFT = 40

LABEL_SQL = {
    "meeting": "SELECT name || COALESCE(' 第' || session || '次', '') || COALESCE(' ' || location, '') FROM meetings WHERE id = ?",
    "agreement": "SELECT COALESCE('《' || title || '》 ', '') || (SELECT group_concat(value, '、') FROM json_each(parties))"
                 " FROM agreements WHERE id = ?",
    "project": "SELECT name FROM projects WHERE id = ?",
    "statistic": "SELECT subject || ' ' || unit FROM statistics WHERE id = ?",
    "policy": "SELECT action || '《' || title || '》' FROM policies WHERE id = ?",
}


def record_rowid(record_type: str, record_id: int) -> int:
    return RECORD_CODES[record_type] << RECORD_SHIFT | record_id


def reindex_record(conn, record_type: str, record_id: int, exists: bool) -> None:
    """Replace the search row of one record (or drop it when the record is gone)."""
    if record_type not in LABEL_SQL:
        return
    rowid = record_rowid(record_type, record_id)
    conn.execute("DELETE FROM search_records WHERE rowid = ?", (rowid,))
    if exists:
        row = conn.execute(LABEL_SQL[record_type], (record_id,)).fetchone()
        if row and row[0]:
            conn.execute("INSERT INTO search_records (rowid, tokens, label) VALUES (?, ?, ?)",
                         (rowid, index_tokens(row[0]), row[0]))

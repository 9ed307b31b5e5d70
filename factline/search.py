"""Chinese full-text search: jieba-rs tokens in FTS5, queries segmented by the same segmenter."""

import re

from extractors.ingest import segment

_QUOTE = re.compile(r'"')


def index_tokens(text: str) -> str:
    """Text as space-separated search tokens: each word and its dictionary sub-words (川渝通办 → 川渝 通办 川渝通办)."""
    return " ".join(t for t in segment.search_segmenter().cut_for_search(text, False) if t.strip())


def match_query(query: str | None) -> str:
    """An FTS5 MATCH expression for a user's query: every term must occur, multi-word terms as phrases."""
    terms = []
    for term in (query or "").split():
        words = [w for w in segment.search_segmenter().cut(term, False) if w.strip()]
        if words:
            terms.append('"' + " ".join(_QUOTE.sub("", w) for w in words) + '"')
    return " AND ".join(terms) if terms else '""'


# Stable codes for the rowid of search_records: code << 40 | record id.
RECORD_CODES = {"meeting": 1, "agreement": 2, "project": 3, "milestone": 4, "statistic": 5, "policy": 6}
RECORD_SHIFT = 40


def record_label(record_type: str, record) -> str:
    """What names a fact, as searched: a meeting series and session, an agreement's title and parties …"""
    if record_type == "meeting":
        return record.name + (f" 第{record.session}次" if record.session is not None else "")
    if record_type == "agreement":
        return (f"《{record.title}》 " if record.title else "") + "、".join(record.parties)
    if record_type == "project":
        return record.name
    if record_type == "statistic":
        return f"{record.subject} {record.unit}"
    if record_type == "policy":
        return f"{record.action}《{record.title}》"
    return ""


def record_rowid(record_type: str, record_id: int) -> int:
    return RECORD_CODES[record_type] << RECORD_SHIFT | record_id


def index_record(conn, record_type: str, record_id: int, label: str, tokens: str) -> None:
    """Add the search row of a new record (label and tokens computed by the pipeline, off the writer)."""
    conn.execute("INSERT OR REPLACE INTO search_records (rowid, tokens, label) VALUES (?, ?, ?)",
                 (record_rowid(record_type, record_id), tokens, label))


def unindex_record(conn, record_type: str, record_id: int) -> None:
    conn.execute("DELETE FROM search_records WHERE rowid = ?", (record_rowid(record_type, record_id),))

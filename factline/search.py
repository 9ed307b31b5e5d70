"""Chinese full-text search: jieba-rs tokens in FTS5, queries segmented by the same segmenter."""

import re

from extractors.ingest import segment
from extractors.ingest.chinese_script import search_key

_QUOTE = re.compile(r'"')


def index_tokens(text: str) -> str:
    """Text as space-separated search tokens: each word and its dictionary sub-words (川渝通办 → 川渝 通办 川渝通办)."""
    return _keyed_tokens(search_key(text))  # Traditional-only characters simplified: 粵港 is indexed as 粤港


def _keyed_tokens(keyed: str) -> str:
    """index_tokens of text already made a search key (blank tokens dropped)."""
    return " ".join(filter(str.strip, segment.search_segmenter().cut_for_search(keyed, False)))


def match_query(query: str | None) -> str:
    """An FTS5 MATCH expression for a user's query: every term must occur, multi-word terms as phrases."""
    terms = []
    for term in search_key(query or "").split():  # the index holds simplified tokens
        words = [w for w in segment.search_segmenter().cut(term, False) if w.strip()]
        if words:
            terms.append('"' + " ".join(_QUOTE.sub("", w) for w in words) + '"')
    return " AND ".join(terms) if terms else '""'


def index_document(doc) -> None:
    """Search tokens of a processed document's sentences and of what names each of its facts (run where the
    document was extracted, off the single writer)."""
    from factline import record_types

    keyed = search_key(doc.text)  # once per document: the key maps character to character, offsets hold
    doc.sentences = [(start, end, article, _keyed_tokens(keyed[start:end])) for start, end, article, _ in doc.sentences]
    for item in doc.records:
        item.label = record_types.BY_NAME[item.record_type].label(item.record)
        item.label_tokens = index_tokens(item.label)


def index_record(conn, fact_id: int, record_type: str, record_id: int, label: str, tokens: str) -> None:
    """Add the search row of a new record, keyed by its fact (label and tokens computed off the writer)."""
    conn.execute("INSERT OR REPLACE INTO search_records (rowid, tokens, label, record_type, record_id) "
                 "VALUES (?, ?, ?, ?, ?)", (fact_id, tokens, label, record_type, record_id))


def unindex_record(conn, fact_id: int) -> None:
    conn.execute("DELETE FROM search_records WHERE rowid = ?", (fact_id,))

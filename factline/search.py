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

"""Headings of a laid-out page: short text blocks set apart in columns, short unfinished lines in prose."""

from __future__ import annotations

import re
from collections import Counter

from extractors.ingest.layout import (
    ARTICLE_BREAK_KINDS,
    TRANSPARENT_KINDS,
    Line,
    crosses_word,
    has_sentence_punct,
    terminated,
)

__all__ = ["mark_headings"]

_SOFT_END = frozenset("，、,；;：:")
_PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("『", "』"), ("「", "」"))
_PHRASE_SPACE = re.compile(r"[\u4e00-\u9fff”》]{2}[ \u3000][“《\u4e00-\u9fff]{2}")


def _column_width(widths: list[float]) -> float | None:
    """Modal line width when the document is set in narrow columns, else None."""
    narrow = [round(w) for w in widths if 6 <= w <= 80]
    if len(narrow) < 8:
        return None
    mode, _ = Counter(narrow).most_common(1)[0]
    near = sum(1 for w in widths if mode - 3 <= w <= mode + 2)
    return float(mode) if near >= 0.5 * len(widths) else None


def _text_blocks(lines: list[Line]) -> list[list[int]]:
    """Indices of the runs of consecutive text lines."""
    blocks: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.kind == "text":
            current.append(index)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _mark_prose_block(lines: list[Line], block: list[int], after: int, before_byline: bool) -> None:
    """Mark the short lines of a block of prose that are headings (``after``: the line after its blanks)."""
    flags = [_prose_heading(lines[i].text, lines[i].width, before_byline and i == block[-1]) for i in block]
    for k, i in enumerate(block):
        if not flags[k] or (k > 0 and not flags[k - 1] and not terminated(lines[block[k - 1]].text)):
            continue  # right under an unfinished line it is that line's tail
        if k + 1 < len(block):
            nxt: int | None = None if flags[k + 1] else block[k + 1]
        elif before_byline:
            nxt = None
        else:
            nxt = _next_text(lines, after)
        # a short line cut inside a word (…的制 | 造流程…) is the first half of a paragraph
        if nxt is None or not crosses_word(lines[i].text, lines[nxt].text):
            lines[i].kind = "heading"


def mark_headings(lines: list[Line]) -> None:
    """Decide which short text blocks are headings (in columns) or which short lines are (in prose)."""
    blocks = _text_blocks(lines)
    column = _column_width([lines[i].width for block in blocks for i in block])
    local = column  # the width of the last long block's column, kept for the short blocks after it
    for block in blocks:
        after = block[-1] + 1
        while after < len(lines) and lines[after].kind == "blank":
            after += 1
        before_byline = after < len(lines) and lines[after].kind in ARTICLE_BREAK_KINDS
        if column is None:
            _mark_prose_block(lines, block, after, before_byline)
            continue
        if len(block) >= 4:
            inner = Counter(round(lines[i].width) for i in block[:-1]).most_common(1)[0][0]
            local = float(inner) if abs(inner - column) > 3 else column
        if local is not None and _column_heading([lines[i] for i in block], local, before_byline):
            for i in block:
                lines[i].kind = "heading"


def _next_text(lines: list[Line], index: int) -> int | None:
    """Index of the next text line from index on, looking past blanks and captions only."""
    while index < len(lines) and (lines[index].kind == "blank" or lines[index].kind in TRANSPARENT_KINDS):
        index += 1
    return index if index < len(lines) and lines[index].kind == "text" else None


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def _heading_text_ok(text: str) -> bool:
    return not has_sentence_punct(text) and not terminated(text) and _balanced(text)


def _prose_heading(text: str, width: float, before_byline: bool) -> bool:
    if width > 40 or not _heading_text_ok(text):
        return False
    if before_byline:
        return True
    last = text[-1]
    if last in _SOFT_END:
        return last in "：:" and width <= 12
    # A comma inside a short line is far more often a paragraph cut by the layout than a heading.
    if any(ch in _SOFT_END for ch in text) and not _PHRASE_SPACE.search(text):
        return False
    return True


def _column_heading(block: list[Line], col: float, before_byline: bool) -> bool:
    if len(block) > 3 or not all(_heading_text_ok(line.text) for line in block):
        return False
    last = block[-1]
    if last.text[-1] in _SOFT_END:
        return len(block) == 1 and last.text[-1] in "：:" and last.width <= col * 0.7
    if len(block) == 1:
        # A lone line broken off a paragraph by a column end is full width and usually holds a comma.
        if last.width >= col + 3 or _PHRASE_SPACE.search(last.text):
            return True
        if any(ch in _SOFT_END for ch in last.text):
            return False
        return before_byline or last.width <= col * 0.8
    for line in block:
        if line.width <= col - 3 or line.width >= col + 3 or _PHRASE_SPACE.search(line.text):
            return True
    return before_byline

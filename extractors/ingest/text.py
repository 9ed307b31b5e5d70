"""Ingest text: decode bytes, normalise newspaper layout into prose, split sentences and articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from extractors.ingest.decode import Decoded, InputError, decode
from extractors.ingest.headings import mark_headings
from extractors.ingest.layout import (
    ARTICLE_BREAK_KINDS,
    LEAD,
    NEWLINES,
    Line,
    OPEN_PUNCT_START,
    TRANSPARENT_KINDS,
    closes_quote_ahead,
    collapse_letter_spacing,
    join_lines,
    layout_lines,
    split_front_matter,
    terminated,
    uses_indentation,
)

__all__ = [
    "Decoded",
    "InputError",
    "Normalised",
    "decode",
    "normalise",
    "split_articles",
    "split_sentences",
    "segmenter",
    "cut",
]

# Mirror pages print the full stop as an ASCII point: "…8/31.红线全长…" (a point before a Chinese character
# or opening quote, never between digits, ends the sentence; a list number "：1.审议…" is no sentence end).
# The point is matched first and the look-behinds read back over it: every alternative then opens with a
# character, so the engine scans for the break characters instead of trying the look-behinds everywhere.
_LIST_NUMBER = "".join(f"(?<!{lead}[0-9]\\.)(?<!{lead}[0-9][0-9]\\.)" for lead in ("^", "[\\s:：;；,，、(（]"))
_SENTENCE_RE = re.compile(f"(?:[。！？!?；;]+|\\.(?<![A-Za-z]\\.){_LIST_NUMBER}(?=[\u4e00-\u9fff「“]))[”’」』）)》〉】\"']*")
MAX_SENTENCE = 1000  # longer spans (a page without punctuation) are cut so that later stages stay linear


@dataclass
class Normalised:
    """Clean prose (paragraphs separated by newlines) and what was taken out of it."""

    text: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)
    dateline: str | None = None
    headings: list[tuple[int, int]] = field(default_factory=list)
    breaks: list[tuple[int, str]] = field(default_factory=list)  # (paragraph start, kind) of article breaks
    warnings: list[str] = field(default_factory=list)


# Pages converted by some reposting sites print pinyin after characters: 戰(zhàn)略合作協(xié)議. The gloss is a
# parenthesised syllable with a tone mark (or ü) right after a Han character; it splits words, so it goes.
PINYIN_GLOSS = re.compile("(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def strip_pinyin_glosses(raw: str) -> tuple[str, int]:
    """The text without pinyin glosses after characters, and how many there were."""
    return PINYIN_GLOSS.subn("", raw)


def normalise(raw: str) -> Normalised:
    """Turn a decoded news file into clean prose: re-join column breaks, drop layout lines."""
    removed: list[tuple[str, str]] = []
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    raw = NEWLINES.sub("\n", raw)
    raw, glosses = strip_pinyin_glosses(raw)
    if glosses:
        removed.append(("pinyin", f"{glosses} pinyin glosses after characters"))
    front, body, warnings = split_front_matter(raw)
    lines, dateline = layout_lines(body, removed)
    mark_headings(lines)
    paragraphs: list[tuple[list[str], bool, str | None]] = []  # (lines, is_heading, break kind before)
    current: list[str] = []
    pending_break: str | None = None
    gap_kinds: set[str] = set()

    def flush() -> None:
        nonlocal current
        if current:
            paragraphs.append((current, False, current_break))
            current = []

    current_break: str | None = None
    open_quotes = 0
    closes = closes_quote_ahead(lines)
    indents = uses_indentation(lines)
    for index, line in enumerate(lines):
        if line.kind == "blank":
            gap_kinds.add("blank")
            continue
        if line.kind not in ("text", "heading"):
            gap_kinds.add(line.kind)
            if line.kind in ARTICLE_BREAK_KINDS and pending_break is None:
                pending_break = line.kind
            continue
        if line.kind == "heading":
            flush()
            paragraphs.append(([line.text], True, pending_break))
            pending_break = None
            gap_kinds = set()
            continue
        text = line.text
        join = bool(current) and _continues(current[-1], line, gap_kinds, indents, open_quotes, closes[index])
        if join:
            current.append(text)
            open_quotes += text.count("“") - text.count("”")
        else:
            flush()
            current = [text]
            open_quotes = text.count("“") - text.count("”")
            current_break = pending_break
            pending_break = None
        gap_kinds = set()
    flush()

    prose, headings, breaks = _assemble(paragraphs)
    return Normalised(
        text=prose,
        front_matter=front,
        removed=removed,
        dateline=dateline,
        headings=headings,
        breaks=breaks,
        warnings=warnings,
    )


def _continues(last: str, line: Line, gap_kinds: set[str], indents: bool, open_quotes: int, closes: bool) -> bool:
    """Whether a text line goes on with the paragraph whose last line is ``last``, across layout lines of ``gap_kinds``."""
    text = line.text
    blocking = any(k not in TRANSPARENT_KINDS and k != "blank" for k in gap_kinds)
    if text[0] in OPEN_PUNCT_START and not blocking:
        return True
    if indents and line.indent:
        return False  # an indented line opens a paragraph
    if not blocking and not terminated(last) and not LEAD.match(text):
        # Across a gap, a paragraph left inside an open quotation only continues into text that closes it.
        return not (gap_kinds and open_quotes > 0 and not closes)
    return False


def _assemble(
    paragraphs: list[tuple[list[str], bool, str | None]],
) -> tuple[str, list[tuple[int, int]], list[tuple[int, str]]]:
    """The text of the paragraphs (lines re-joined), with the spans of headings and the article breaks."""
    out: list[str] = []
    headings: list[tuple[int, int]] = []
    breaks: list[tuple[int, str]] = []
    pos = 0
    for parts, is_heading, brk in paragraphs:
        para = collapse_letter_spacing(join_lines(parts)).strip()
        if not para:
            continue
        if out:
            pos += 1
        if brk is not None:
            breaks.append((pos, brk))
        if is_heading:
            headings.append((pos, pos + len(para)))
        out.append(para)
        pos += len(para)
    return "\n".join(out), headings, breaks


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into text: split on 。！？； and newlines, closers stay attached."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        nl = text.find("\n", start)
        end_para = n if nl < 0 else nl
        pos = start
        for match in _SENTENCE_RE.finditer(text, start, end_para):
            _add_span(text, pos, match.end(), spans)
            pos = match.end()
        _add_span(text, pos, end_para, spans)
        start = end_para + 1
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        soft = max(text.rfind("，", start + MAX_SENTENCE // 2, cut), text.rfind(" ", start + MAX_SENTENCE // 2, cut))
        if soft > start:
            cut = soft + 1
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


MIN_ARTICLE_CHARS = 80


def split_articles(
    doc: Normalised | str,
    headings: list[tuple[int, int]] | None = None,
    breaks: list[tuple[int, str]] | None = None,
) -> list[tuple[int, int]]:
    """Article spans covering the text: a byline, credit, continuation marker or lead (本报讯) opens one."""
    if isinstance(doc, Normalised):
        text = doc.text
        headings = doc.headings if headings is None else headings
        breaks = doc.breaks if breaks is None else breaks
    else:
        text = doc
    if not text:
        return [(0, 0)]
    para_starts = _paragraph_starts(text)
    heading_starts = {start for start, _ in headings or []}
    is_heading = [start in heading_starts for start in para_starts]
    break_kind = {start: kind for start, kind in breaks or []}
    bounds = sorted(_article_starts(text, para_starts, is_heading, break_kind) | {0})
    spans = [[i, bounds[k + 1] if k + 1 < len(bounds) else len(para_starts)] for k, i in enumerate(bounds)]
    merged = _merge_short(spans, lambda span: _body_len(text, para_starts, is_heading, span))
    return [(para_starts[i], para_starts[merged[k + 1][0]] if k + 1 < len(merged) else len(text))
            for k, (i, _) in enumerate(merged)]


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where each paragraph (line) starts."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _article_starts(text: str, para_starts: list[int], is_heading: list[bool],
                    break_kind: dict[int, str]) -> set[int]:
    """Indexes of the paragraphs that open an article (a break, or a lead, with its headlines)."""
    starts: set[int] = set()
    current = 0  # first paragraph of the article being read
    for i, start in enumerate(para_starts):
        kind = break_kind.get(start)
        if kind is None and not is_heading[i] and LEAD.match(text, start):
            kind = "lead"
        if kind is None:
            continue
        j = i
        # Headlines above a byline or lead open the new article, unless this page prints each
        # headline below its body (the article being read did not open with a headline).
        if kind != "marker" and is_heading[current]:
            while j > current and is_heading[j - 1] and break_kind.get(para_starts[j - 1]) is None:
                j -= 1
            if j > current and is_heading[j - 1] and break_kind.get(para_starts[j - 1]) is not None:
                j -= 1
        if j > current:
            starts.add(j)
            current = j
    return starts


def _body_len(text: str, para_starts: list[int], is_heading: list[bool], span: list[int]) -> int:
    """Characters of the non-heading paragraphs of a span of paragraphs."""
    return sum(_para_len(text, para_starts, p) for p in range(span[0], span[1]) if not is_heading[p])


def _merge_short(spans: list[list[int]], body: Callable[[list[int]], int]) -> list[list[int]]:
    """A span with too little body joins the article before it (the first one, the article after)."""
    merged: list[list[int]] = []
    for span in spans:
        if merged and body(span) < MIN_ARTICLE_CHARS:
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    if len(merged) > 1 and body(merged[0]) < MIN_ARTICLE_CHARS:
        merged[1][0] = merged[0][0]
        merged.pop(0)
    return merged


def _para_len(text: str, starts: list[int], p: int) -> int:
    end = starts[p + 1] - 1 if p + 1 < len(starts) else len(text)
    return end - starts[p]


def segmenter() -> Any:
    """The process-wide jieba tokenizer with the factline user dictionary loaded."""
    from extractors.ingest import segment

    return segment.tokenizer()


def cut(text: str) -> list[str]:
    """Segment Chinese text with jieba and the domain user dictionary."""
    from extractors.ingest import segment

    return segment.cut(text)

"""Ingest text: decode bytes, normalise newspaper layout into prose, split sentences and articles."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extractors.text_decode import Decoded, InputError, decode

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

_LEXICON_PATH = Path(__file__).parent / "lexicons" / "text.yaml"


def _load_lexicon() -> dict[str, Any]:
    data = yaml.safe_load(_LEXICON_PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("line_patterns"), dict):
        raise ValueError(f"{_LEXICON_PATH}: line_patterns mapping missing")
    for key in ("inline_marker", "name_list", "dateline", "weekday", "article_leads", "max_line_chars"):
        if key not in data:
            raise ValueError(f"{_LEXICON_PATH}: key {key!r} missing")
    return data


_LEX = _load_lexicon()
_MAX_PATTERN_LINE: int = int(_LEX["max_line_chars"])
_LINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, patterns in _LEX["line_patterns"].items() for pattern in patterns
)
_INLINE_MARKER_START = re.compile(r"^\s*" + _LEX["inline_marker"])
_INLINE_MARKER_END = re.compile(_LEX["inline_marker"] + r"\s*$")
_NAME_LIST = re.compile(_LEX["name_list"])
_DATELINE = re.compile(_LEX["dateline"])
_WEEKDAY = re.compile(_LEX["weekday"])
_LEAD = re.compile("|".join(f"(?:{p})" for p in _LEX["article_leads"]))

# Kinds of removed lines that mean "a new article starts after this line".
_ARTICLE_BREAK_KINDS = frozenset({"byline", "credit", "marker", "source"})
# Kinds of removed lines that a paragraph may continue across (a caption between two halves).
_TRANSPARENT_KINDS = frozenset({"caption", "noise", "ornament"})

_HSPACE = "[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f]"
_HSPACE_RUN = re.compile(_HSPACE + "+")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_MD_HEADING = re.compile(r"#{1,6}[ \t\u3000]+(.*?)(?:[ \t]+#+)?")
_MD_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)

# Sentence terminators; closing marks that stay with the sentence before them.
_TERMINAL = frozenset("。！？!?…")
_SENTENCE_END = frozenset("。！？!?；;")
_CLOSERS = frozenset("”’」』）)》〉】\"'")
_OPEN_PUNCT_START = frozenset("”’」』）)》〉】，、。；：！？,.;:!?")
_SOFT_END = frozenset("，、,；;：:")
_PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("『", "』"), ("「", "」"))
_SENTENCE_RE = re.compile("[。！？!?；;]+[”’」』）)》〉】\"']*")
_ASCII_CHARS = re.compile("[\x00-\x7f]")
_PHRASE_SPACE = re.compile(r"[\u4e00-\u9fff”》]{2}[ \u3000][“《\u4e00-\u9fff]{2}")
_WORD_FREQ = 1000  # jieba dictionary frequency of a word that proves a cut inside it
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


@dataclass
class _Line:
    text: str
    kind: str  # "text", "blank", "heading", "md", or a removed kind
    width: float = 0.0
    block: int = -1


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _width(line: str) -> float:
    """Display width: ASCII counts half a CJK cell."""
    if line.isascii():
        return len(line) * 0.5
    return len(line) - len(_ASCII_CHARS.findall(line)) * 0.5


def _terminated(line: str) -> bool:
    """True if the line ends a sentence (ignoring closing quotes and brackets)."""
    i = len(line) - 1
    while i >= 0 and line[i] in _CLOSERS:
        i -= 1
    return i >= 0 and line[i] in _TERMINAL


def _has_sentence_punct(line: str) -> bool:
    return any(ch in _SENTENCE_END for ch in line)


def _split_front_matter(raw: str) -> tuple[dict[str, Any], str, list[str]]:
    if not raw.startswith("---"):
        return {}, raw, []
    first_nl = raw.find("\n")
    if first_nl < 0 or raw[:first_nl].strip() != "---":
        return {}, raw, []
    match = _FRONT_END.search(raw, first_nl + 1, min(len(raw), first_nl + 1 + 20000))
    if match is None:
        return {}, raw, []
    block = raw[first_nl + 1 : match.start()]
    rest = raw[match.end() :]
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        return {}, rest, [f"front matter is not valid YAML: {str(exc).splitlines()[0]}"]
    if data is None:
        return {}, rest, []
    if not isinstance(data, dict):
        return {}, rest, ["front matter is not a mapping; ignored"]
    return {str(k): v for k, v in data.items()}, rest, []


def _classify(line: str) -> str:
    """Kind of a stripped non-blank line: 'md' heading, a removed kind, or 'text'."""
    if line[0] == "#" and _MD_HEADING.fullmatch(line):
        return "md"
    if len(line) <= _MAX_PATTERN_LINE:
        for kind, pattern in _LINE_PATTERNS:
            if pattern.fullmatch(line):
                return kind
    return "text"


def _layout_lines(body: str, removed: list[tuple[str, str]]) -> tuple[list[_Line], str | None]:
    """Strip and classify every line; find the printed dateline near the top."""
    lines: list[_Line] = []
    dateline: str | None = None
    seen_text = 0
    raw_lines = body.split("\n")
    pending_weekday = False
    for raw_line in raw_lines:
        line = _HSPACE_RUN.sub(" ", raw_line).strip()
        if line and _CONTROLS.search(line):
            line = _CONTROLS.sub("", line).strip()
        if not line or _MD_RULE.fullmatch(line):
            lines.append(_Line("", "blank"))
            continue
        if pending_weekday:
            pending_weekday = False
            if _WEEKDAY.fullmatch(line):
                dateline = f"{dateline} {line}"
                removed.append(("dateline", line))
                lines.append(_Line("", "blank"))
                continue
        if dateline is None and seen_text < 12 and len(line) <= 40 and _DATELINE.fullmatch(line):
            dateline = line
            removed.append(("dateline", line))
            lines.append(_Line("", "blank"))
            pending_weekday = _WEEKDAY.search(line) is None
            continue
        kind = _classify(line) if len(line) > 1 else ("ornament" if _is_cjk(line) else "text")
        if kind == "text" and _NAME_LIST.fullmatch(line) and lines:
            prev = next((ln for ln in reversed(lines) if ln.kind != "blank"), None)
            if prev is not None and prev.kind in ("credit", "byline", "editor"):
                kind = prev.kind
        if kind == "md":
            match = _MD_HEADING.fullmatch(line)
            assert match is not None
            line = match.group(1).strip()
            if not line:
                lines.append(_Line("", "blank"))
                continue
        elif kind == "text":
            line = _strip_inline_markers(line, removed)
            if not line:
                lines.append(_Line("", "marker"))
                continue
        if kind not in ("text", "md"):
            removed.append((kind, line))
            lines.append(_Line("", kind))
            continue
        seen_text += 1
        lines.append(_Line(line, "heading" if kind == "md" else "text", _width(line)))
    return lines, dateline


def _strip_inline_markers(line: str, removed: list[tuple[str, str]]) -> str:
    """Cut continuation markers such as （上接1版） off the start or end of a text line."""
    if "版" not in line:
        return line
    match = _INLINE_MARKER_START.match(line)
    if match:
        removed.append(("marker", match.group(0).strip()))
        line = line[match.end() :].lstrip()
    match = _INLINE_MARKER_END.search(line) if line else None
    if match:
        removed.append(("marker", match.group(0).strip()))
        line = line[: match.start()].rstrip()
    return line


def _column_width(widths: list[float]) -> float | None:
    """Modal line width when the document is set in narrow columns, else None."""
    narrow = [round(w) for w in widths if 6 <= w <= 40]
    if len(narrow) < 8:
        return None
    mode, _ = Counter(narrow).most_common(1)[0]
    near = sum(1 for w in widths if mode - 3 <= w <= mode + 2)
    return float(mode) if near >= 0.5 * len(widths) else None


def _mark_headings(lines: list[_Line]) -> None:
    """Decide which short text blocks are headings (in columns) or which short lines are (in prose)."""
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
    column = _column_width([lines[i].width for block in blocks for i in block])
    local = column
    for block in blocks:
        after = block[-1] + 1
        while after < len(lines) and lines[after].kind == "blank":
            after += 1
        before_byline = after < len(lines) and lines[after].kind in _ARTICLE_BREAK_KINDS
        if column is not None and len(block) >= 4:
            inner = Counter(round(lines[i].width) for i in block[:-1]).most_common(1)[0][0]
            local = float(inner) if abs(inner - column) > 3 else column
        if column is None:
            flags = [_prose_heading(lines[i].text, lines[i].width, before_byline and i == block[-1]) for i in block]
            for k, i in enumerate(block):
                # a short line that runs straight into a text line is the first half of a paragraph
                if flags[k] and (k + 1 == len(block) or flags[k + 1]):
                    lines[i].kind = "heading"
            last = block[-1]
            if lines[last].kind == "heading" and not before_byline:
                nxt = after
                while nxt < len(lines) and lines[nxt].kind in _TRANSPARENT_KINDS:
                    nxt += 1
                    while nxt < len(lines) and lines[nxt].kind == "blank":
                        nxt += 1
                if nxt < len(lines) and lines[nxt].kind == "text" and _crosses_word(lines[last].text, lines[nxt].text):
                    lines[last].kind = "text"
        elif local is not None and _column_heading([lines[i] for i in block], local, before_byline):
            for i in block:
                lines[i].kind = "heading"


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def _heading_text_ok(text: str) -> bool:
    return not _has_sentence_punct(text) and not _terminated(text) and _balanced(text)


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


def _column_heading(block: list[_Line], col: float, before_byline: bool) -> bool:
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


def _collapse_letter_spacing(text: str) -> str:
    """Drop spaces of letter-spaced runs ("10 大 类 40 小 类" -> "10大类40小类"); keep word spaces."""
    if " " not in text:
        return text
    out: list[str] = []
    pos = 0
    n = len(text)
    for match in _HSPACE_RUN.finditer(text):
        a, b = match.start(), match.end()
        if a == 0 or b == n:
            continue
        left, right = text[a - 1], text[b]
        left_single = _is_cjk(left) and (a - 2 < 0 or text[a - 2] == " ")
        right_single = _is_cjk(right) and (b + 1 >= n or text[b + 1] == " ")
        if (left_single and (_is_cjk(right) or right.isdigit())) or (
            right_single and (_is_cjk(left) or left.isdigit())
        ):
            out.append(text[pos:a])
            pos = b
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _quote_state(text: str) -> bool | None:
    """True if a closing ” comes first in text, False if an opening “ does, None if neither occurs."""
    close = text.find("”")
    opening = text.find("“", 0, close if close >= 0 else len(text))
    if opening >= 0:
        return False
    return True if close >= 0 else None


def _closes_quote_ahead(lines: list[_Line]) -> list[bool]:
    """Per line: does the text run from here to the end of its block close a quotation first?"""
    result = [False] * len(lines)
    ahead: bool | None = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.kind != "text":
            ahead = None
            continue
        state = _quote_state(line.text)
        ahead = ahead if state is None else state
        result[index] = bool(ahead)
    return result


def _crosses_word(left: str, right: str) -> bool:
    """True if a common word straddles the boundary (…的制 | 造流程…): the line was cut mid-word."""
    if not left or not right or not (_is_cjk(left[-1]) and _is_cjk(right[0])):
        return False
    from extractors import segment

    freq = segment.tokenizer().FREQ
    for i in range(1, 4):
        for j in range(1, 5 - i):
            if i <= len(left) and j <= len(right) and freq.get(left[-i:] + right[:j], 0) >= _WORD_FREQ:
                return True
    return False


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    pieces = [parts[0]]
    for part in parts[1:]:
        prev = pieces[-1]
        if prev and part and prev[-1].isascii() and prev[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            pieces.append(" ")
        pieces.append(part)
    return "".join(pieces)


def normalise(raw: str) -> Normalised:
    """Turn a decoded news file into clean prose: re-join column breaks, drop layout lines."""
    removed: list[tuple[str, str]] = []
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    raw = _NEWLINES.sub("\n", raw)
    front, body, warnings = _split_front_matter(raw)
    lines, dateline = _layout_lines(body, removed)
    _mark_headings(lines)
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
    closes = _closes_quote_ahead(lines)
    for index, line in enumerate(lines):
        if line.kind == "blank":
            gap_kinds.add("blank")
            continue
        if line.kind not in ("text", "heading"):
            gap_kinds.add(line.kind)
            if line.kind in _ARTICLE_BREAK_KINDS and pending_break is None:
                pending_break = line.kind
            continue
        if line.kind == "heading":
            flush()
            paragraphs.append(([line.text], True, pending_break))
            pending_break = None
            gap_kinds = set()
            continue
        text = line.text
        join = False
        if current:
            blocking = any(k not in _TRANSPARENT_KINDS and k != "blank" for k in gap_kinds)
            if text[0] in _OPEN_PUNCT_START and not blocking:
                join = True
            elif not blocking and not _terminated(current[-1]) and not _LEAD.match(text):
                # Across a gap, a paragraph left inside an open quotation only continues into text
                # that closes it.
                join = not (gap_kinds and open_quotes > 0 and not closes[index])
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

    out: list[str] = []
    headings: list[tuple[int, int]] = []
    breaks: list[tuple[int, str]] = []
    pos = 0
    for parts, is_heading, brk in paragraphs:
        para = _collapse_letter_spacing(_join(parts)).strip()
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
    return Normalised(
        text="\n".join(out),
        front_matter=front,
        removed=removed,
        dateline=dateline,
        headings=headings,
        breaks=breaks,
        warnings=warnings,
    )


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
    headings = headings or []
    breaks = breaks or []
    if not text:
        return [(0, 0)]
    para_starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        para_starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    heading_starts = {start for start, _ in headings}
    is_heading = [start in heading_starts for start in para_starts]
    break_kind = {start: kind for start, kind in breaks}
    starts: set[int] = set()
    current = 0  # first paragraph of the article being read
    for i, start in enumerate(para_starts):
        kind = break_kind.get(start)
        if kind is None and not is_heading[i] and _LEAD.match(text, start):
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
    bounds = sorted(starts | {0})
    spans: list[list[int]] = []
    for k, i in enumerate(bounds):
        end_i = bounds[k + 1] if k + 1 < len(bounds) else len(para_starts)
        spans.append([i, end_i])
    merged: list[list[int]] = []
    for span in spans:
        body = sum(
            _para_len(text, para_starts, p) for p in range(span[0], span[1]) if not is_heading[p]
        )
        if merged and body < MIN_ARTICLE_CHARS:
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    if len(merged) > 1:
        first = merged[0]
        if sum(_para_len(text, para_starts, p) for p in range(first[0], first[1]) if not is_heading[p]) < MIN_ARTICLE_CHARS:
            merged[1][0] = first[0]
            merged.pop(0)
    result: list[tuple[int, int]] = []
    for k, (i, _) in enumerate(merged):
        start = para_starts[i]
        end = para_starts[merged[k + 1][0]] if k + 1 < len(merged) else len(text)
        result.append((start, end))
    return result


def _para_len(text: str, starts: list[int], p: int) -> int:
    end = starts[p + 1] - 1 if p + 1 < len(starts) else len(text)
    return end - starts[p]


def segmenter() -> Any:
    """The process-wide jieba tokenizer with the factline user dictionary loaded."""
    from extractors import segment

    return segment.tokenizer()


def cut(text: str) -> list[str]:
    """Segment Chinese text with jieba and the domain user dictionary."""
    from extractors import segment

    return segment.cut(text)

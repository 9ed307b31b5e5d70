"""Layout analysis for newspaper text: classify lines, find headings, re-join column breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from extractors.ingest.chinese_script import search_key
from extractors.rules import LEXICON_DIR

__all__ = [
    "ARTICLE_BREAK_KINDS",
    "LEAD",
    "Line",
    "NEWLINES",
    "OPEN_PUNCT_START",
    "TRANSPARENT_KINDS",
    "closes_quote_ahead",
    "collapse_letter_spacing",
    "crosses_word",
    "has_sentence_punct",
    "join_lines",
    "layout_lines",
    "split_front_matter",
    "terminated",
    "uses_indentation",
]

_LEXICON_PATH = LEXICON_DIR / "text.yaml"


def _load_lexicon() -> dict[str, Any]:
    data = yaml.safe_load(_LEXICON_PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("line_patterns"), dict):
        raise ValueError(f"{_LEXICON_PATH}: line_patterns mapping missing")
    for key in ("inline_marker", "inline_byline", "name_list", "dateline", "weekday", "article_leads", "max_line_chars"):
        if key not in data:
            raise ValueError(f"{_LEXICON_PATH}: key {key!r} missing")
    return data


_LEX = _load_lexicon()
_MAX_PATTERN_LINE: int = int(_LEX["max_line_chars"])
_KINDS: tuple[str, ...] = tuple(
    kind for kind, patterns in _LEX["line_patterns"].items() for _ in patterns
)
# One alternation with a named group per pattern: a single fullmatch per line.
_LINE_PATTERN = re.compile(
    "|".join(
        f"(?P<k{n}>{pattern})"
        for n, pattern in enumerate(p for patterns in _LEX["line_patterns"].values() for p in patterns)
    )
)
_INLINE_MARKER_START = re.compile(r"^\s*" + _LEX["inline_marker"])
_INLINE_MARKER_END = re.compile(_LEX["inline_marker"] + r"\s*$")
_INLINE_BYLINE = re.compile(r"\s*" + _LEX["inline_byline"])
_NAME_LIST = re.compile(_LEX["name_list"])
_DATELINE = re.compile(_LEX["dateline"])
_WEEKDAY = re.compile(_LEX["weekday"])
LEAD = re.compile("|".join(f"(?:{p})" for p in _LEX["article_leads"]))

# Kinds of removed lines that mean "a new article starts after this line".
ARTICLE_BREAK_KINDS = frozenset({"byline", "credit", "marker", "source"})
# Kinds of removed lines that a paragraph may continue across (a caption between two halves).
TRANSPARENT_KINDS = frozenset({"caption", "noise", "ornament", "image"})

_HSPACE = "[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f]"
_HSPACE_RUN = re.compile(_HSPACE + "+")
NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_MD_HEADING = re.compile(r"#{1,6}[ \t\u3000]+(.*?)(?:[ \t]+#+)?")
_MD_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})")
_MD_LEADS = frozenset(">-*+")
_MD_LEAD = re.compile(r"(?:>[ \t]?)+|[-*+][ \t]+(?=\S)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")
_MD_IMAGE_LINE = re.compile(r"(?:!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)\s*)+")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?://|/|\.|#)[^)\s]{0,500}\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*\n]{1,500}?)(?<=\S)\1")  # single * is too often a times sign
_MD_BREAK = re.compile(r"<br\s*/?>", re.I)
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)

# Sentence terminators; closing marks that stay with the sentence before them.
_TERMINAL = frozenset("。！？!?…")
_SENTENCE_END_RE = re.compile("[。！？!?；;]")
_CLOSERS = frozenset("”’」』）)》〉】\"'")
OPEN_PUNCT_START = frozenset("”’」』）)》〉】，、。；：！？,.;:!?")
_WORD_FREQ = 1000  # jieba dictionary frequency of a word that proves a cut inside it


@dataclass
class Line:
    """One stripped source line and what layout analysis made of it."""

    text: str
    kind: str  # "text", "blank", "heading", or a removed kind (caption, byline, ...)
    width: float = 0.0
    indent: bool = False  # the source line began with an indentation (two spaces, U+3000, tab)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _width(line: str) -> float:
    """Display width: ASCII counts half a CJK cell."""
    if line.isascii():
        return len(line) * 0.5
    return len(line) - len(line.encode("ascii", "ignore")) * 0.5  # the encoding keeps exactly the ASCII characters


def terminated(line: str) -> bool:
    """True if the line ends a sentence (ignoring closing quotes and brackets)."""
    i = len(line) - 1
    while i >= 0 and line[i] in _CLOSERS:
        i -= 1
    return i >= 0 and line[i] in _TERMINAL


def has_sentence_punct(line: str) -> bool:
    return _SENTENCE_END_RE.search(line) is not None


def split_front_matter(raw: str) -> tuple[dict[str, Any], str, list[str]]:
    """Parse a leading YAML block (---\n…\n---); return (mapping, remaining text, warnings)."""
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
        match = _LINE_PATTERN.fullmatch(search_key(line))  # 記者 is 记者: Traditional layout lines too
        if match is not None and match.lastgroup:
            return _KINDS[int(match.lastgroup[1:])]
    return "text"


def _markdown_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_BREAK.sub("", line)
    return line.strip()


@dataclass
class _Top:
    """What layout_lines remembers about the top of the page: the dateline and the text seen."""

    dateline: str | None = None
    pending_weekday: bool = False  # the dateline had no weekday: it may be on the next line
    seen_text: int = 0


def layout_lines(body: str, removed: list[tuple[str, str]]) -> tuple[list[Line], str | None]:
    """Strip and classify every line; find the printed dateline near the top."""
    lines: list[Line] = []
    top = _Top()
    for raw_line in body.split("\n"):
        lines.append(_layout_line(raw_line, lines, removed, top))
    return lines, top.dateline


def _layout_line(raw_line: str, lines: list[Line], removed: list[tuple[str, str]], top: _Top) -> Line:
    """One raw line stripped of markup and classified (a removed line is kept as an empty Line)."""
    line, image = _clean_markup(raw_line)
    if image:
        removed.append(("image", line))
        return Line("", "image")
    if not line or _MD_RULE.fullmatch(line):
        return Line("", "blank")
    if _take_dateline(line, removed, top):
        return Line("", "blank")
    kind = _line_kind(line, lines)
    if kind == "md":
        match = _MD_HEADING.fullmatch(line)
        assert match is not None
        line = match.group(1).strip()
        if not line:
            return Line("", "blank")
    elif kind == "text":
        line = _strip_inline_byline(_strip_inline_markers(line, removed), removed)
        if not line:
            return Line("", "marker")
    if kind not in ("text", "md"):
        removed.append((kind, line))
        return Line("", kind)
    top.seen_text += 1
    indent = raw_line.startswith(("\u3000", "  ", "\t", "\u00a0\u00a0"))
    return Line(line, "heading" if kind == "md" else "text", _width(line), indent)


def _clean_markup(raw_line: str) -> tuple[str, bool]:
    """The line without control characters and Markdown markup, and whether it is only an image."""
    line = _HSPACE_RUN.sub(" ", raw_line).strip()
    if line and _CONTROLS.search(line):
        line = _CONTROLS.sub("", line).strip()
    if line and line[0] in _MD_LEADS:
        line = _MD_LEAD.sub("", line, count=1)
    if line and ("*" in line or "[" in line or "_" in line or "<" in line):
        if _MD_IMAGE_LINE.fullmatch(line):
            return line, True
        line = _markdown_inline(line)
    return line, False


def _take_dateline(line: str, removed: list[tuple[str, str]], top: _Top) -> bool:
    """Is the line the printed dateline near the top (or its weekday on the next line)? Records it."""
    if top.pending_weekday:
        top.pending_weekday = False
        if _WEEKDAY.fullmatch(line):
            top.dateline = f"{top.dateline} {line}"
            removed.append(("dateline", line))
            return True
    if top.dateline is None and top.seen_text < 12 and len(line) <= 40 and _DATELINE.fullmatch(line):
        top.dateline = line
        removed.append(("dateline", line))
        top.pending_weekday = _WEEKDAY.search(line) is None
        return True
    return False


def _line_kind(line: str, lines: list[Line]) -> str:
    """The line's kind; a list of names right after a credit, byline or editor line is one too."""
    kind = _classify(line) if len(line) > 1 else ("ornament" if _is_cjk(line) else "text")
    if kind == "text" and _NAME_LIST.fullmatch(line) and lines:
        prev = next((ln for ln in reversed(lines) if ln.kind != "blank"), None)
        if prev is not None and prev.kind in ("credit", "byline", "editor"):
            kind = prev.kind
    return kind


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


def _strip_inline_byline(line: str, removed: list[tuple[str, str]]) -> str:
    """Cut a bracketed byline such as 〔記者林大同／雲林報導〕 off the start of a text line."""
    if line[:1] not in "〔【[［":
        return line
    match = _INLINE_BYLINE.match(search_key(line))  # 記者 / 報導 are matched in their simplified form
    if match is None:
        return line
    removed.append(("byline", line[: match.end()].strip()))
    return line[match.end() :].lstrip()


def collapse_letter_spacing(text: str) -> str:
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


def uses_indentation(lines: list[Line]) -> bool:
    """True if the document marks paragraph starts by indenting them (and wraps its lines)."""
    text = [line for line in lines if line.kind == "text"]
    indented = sum(1 for line in text if line.indent)
    return len(text) >= 4 and 0.1 * len(text) <= indented < 0.9 * len(text)


def closes_quote_ahead(lines: list[Line]) -> list[bool]:
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


def crosses_word(left: str, right: str) -> bool:
    """True if a common word straddles the boundary (…的制 | 造流程…): the line was cut mid-word."""
    if not left or not right or not (_is_cjk(left[-1]) and _is_cjk(right[0])):
        return False
    from extractors.ingest import segment

    freq = segment.tokenizer().FREQ
    for i in range(1, 4):
        for j in range(1, 5 - i):
            if i <= len(left) and j <= len(right) and freq.get(left[-i:] + right[:j], 0) >= _WORD_FREQ:
                return True
    return False


def join_lines(parts: list[str]) -> str:
    """Join the lines of one paragraph; only two Latin letters meeting get a space between them."""
    if len(parts) == 1:
        return parts[0]
    pieces = [parts[0]]
    for part in parts[1:]:
        prev = pieces[-1]
        if prev and part and prev[-1].isascii() and prev[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            pieces.append(" ")
        pieces.append(part)
    return "".join(pieces)

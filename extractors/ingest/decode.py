"""Decode raw bytes of a news file: BOMs, strict UTF-8, GB18030 or Big5, and clear rejection of non-text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.ingest.chinese_script import plausibility

__all__ = ["Decoded", "InputError", "decode", "MAX_BAD_RATIO"]

MAX_BAD_RATIO = 0.01  # above this share of undecodable bytes a file is rejected
# Mojibake guard: above this share of implausible non-ASCII characters (rare CJK, private-use, box-drawing,
# U+FFFD, Latin-1 debris), and at least MIN_IMPLAUSIBLE of them, decoded text is rejected whatever the encoding.
MAX_IMPLAUSIBLE_RATIO = 0.05
MIN_IMPLAUSIBLE = 3
# Legacy two-byte encodings tried after strict UTF-8, in this order when they are equally plausible.
# Big5 bytes nearly always decode strictly as GB18030 too (as mojibake), so the most plausible text wins.
LEGACY_ENCODINGS = ("gb18030", "big5hkscs")

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document, not a text file"),
    (b"PK\x03\x04", "a ZIP archive (docx/xlsx?), not a text file"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (doc/xls?), not a text file"),
    (b"\x89PNG", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
    (b"GIF8", "a GIF image, not a text file"),
    (b"\x1f\x8b", "a gzip archive, not a text file"),
    (b"{\\rtf", "an RTF document, not a plain text file"),
)

# C0 control bytes other than \t \n \v \f \r and ESC.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Bytes that a surrogateescape decode could not map.
_ESCAPED = re.compile("[\udc80-\udcff]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


class InputError(Exception):
    """A file that cannot be ingested; str() is one line 'path: reason'."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Decoded:
    """Decoded text, the encoding that was used and any warnings."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _fail(path: str, reason: str) -> InputError:
    return InputError(path or "<input>", reason)


def _lenient(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with surrogateescape; return text with U+FFFD per bad byte and the bad-byte count."""
    text = data.decode(codec, errors="surrogateescape")
    return _ESCAPED.subn("\ufffd", text)


def _check_text(text: str, path: str, encoding: str, bad: int, size: int) -> Decoded:
    if not text.strip():
        raise _fail(path, "empty file (no text)")
    controls = len(_CONTROL_CHARS.findall(text)) if _CONTROL_CHARS.search(text) else 0
    if controls > max(1, size) * MAX_BAD_RATIO or "\x00" in text:
        raise _fail(path, "binary file (control characters), not text")
    score = plausibility(text)
    if score.bad >= MIN_IMPLAUSIBLE and score.bad > score.checked * MAX_IMPLAUSIBLE_RATIO:
        raise _fail(path, f"not plausible Chinese text as {encoding} (mojibake?): {score.describe()}")
    warnings: list[str] = []
    if bad:
        warnings.append(f"{bad} undecodable byte(s) replaced with U+FFFD ({encoding})")
    if controls:
        warnings.append(f"{controls} control character(s) in the text")
    return Decoded(text=text, encoding=encoding, warnings=warnings)


def _strict_legacy(data: bytes) -> tuple[str, str] | None:
    """The most plausible strict decoding among LEGACY_ENCODINGS as (text, encoding); None if none decodes."""
    best: tuple[int, str, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = plausibility(text).bad
        if best is None or bad < best[0]:
            best = (bad, text, encoding)
        if bad == 0:
            break
    return (best[1], best[2]) if best else None


def decode(data: bytes, *, path: str = "") -> Decoded:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with BOM, GB18030 or Big5-HKSCS; raise InputError for non-text."""
    if not data or not data.strip():
        raise _fail(path, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), path, name, 0, len(data))
            except UnicodeDecodeError:
                body = data[len(bom):]
                inner = "utf-8" if name == "utf-8-sig" else ("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
                if inner.startswith("utf-16"):
                    text = body.decode(inner, errors="replace")
                    bad = text.count("\ufffd") - body.decode(inner, errors="ignore").count("\ufffd")
                    bad_bytes = bad * 2
                else:
                    text, bad_bytes = _lenient(body, inner)
                if bad_bytes > len(data) * MAX_BAD_RATIO:
                    raise _fail(path, f"not text: {bad_bytes} of {len(data)} bytes undecodable as {name}") from None
                return _check_text(text, path, name, bad_bytes, len(data))
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise _fail(path, reason)
    if b"\x00" in data:
        raise _fail(path, "binary file (NUL bytes), not text")
    controls = len(_CONTROL_BYTES.findall(data))
    if controls > len(data) * MAX_BAD_RATIO:
        raise _fail(path, "binary file (control bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), path, "utf-8", 0, len(data))
    except UnicodeDecodeError:
        pass
    # Real UTF-8 Chinese text essentially never decodes strictly as GB18030 or Big5 (its 3-byte characters
    # misalign the 2-byte pairs), so a clean legacy decode wins over a lenient UTF-8 one.
    legacy = _strict_legacy(data)
    if legacy is not None:
        return _check_text(legacy[0], path, legacy[1], 0, len(data))
    text, bad = _lenient(data, "utf-8")
    gtext, gbad = _lenient(data, "gb18030")
    if gbad < bad:
        text, bad, encoding = gtext, gbad, "gb18030"
    else:
        encoding = "utf-8"
    if bad <= len(data) * MAX_BAD_RATIO:
        return _check_text(text, path, encoding, bad, len(data))
    raise _fail(path, f"not text: {bad / len(data):.1%} of bytes undecodable as UTF-8 or GB18030")

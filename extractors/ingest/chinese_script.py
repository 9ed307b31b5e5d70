"""Traditional and simplified Chinese: a length-preserving simplified view, and how plausible decoded text is."""

import functools
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Plausibility", "is_traditional", "plausibility", "search_key", "simplified", "simplified_view"]

# A document is Traditional when at least this share of its Han characters change under t2s (real
# Traditional text: 20-30 %; a simplified article quoting one old name: well under 1 %) ...
TRADITIONAL_SHARE = 0.05
# ... and at least this many of them do.
TRADITIONAL_MIN = 5
# Script and plausibility are judged on the first characters of a text (a file is one source, one script):
# this keeps both checks cheap and their memory flat on a 50 MB file.
SAMPLE_CHARS = 200_000

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Characters that mojibake produces and Chinese news prose does not (counted per kind for the reason).
_SUSPECT = {
    "private-use": re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]"),
    "box-drawing": re.compile("[\u2500-\u257f]"),
    "replacement": re.compile("\ufffd"),
    # UTF-8 read as Latin-1: C1 controls (the lead-and-continuation pairs are counted by _LATIN1_PAIR).
    "latin-1": re.compile("[\u0080-\u009f]"),
}
# UTF-8 read as Latin-1 / cp1252 writes each Chinese character as a lead letter (Ã, è, ä …) followed by
# continuation characters (¤, ¥, ¿, or cp1252's €‚ƒ„…†‡ˆ‰Š‹Œ‘’“”•–—˜™š›œžŸ). An accented letter alone is
# not suspect: pinyin beside characters (區(qū), 國(guó)) is real page text.
_LATIN1_PAIR = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                          "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                          "\u2039\u203a\u20ac\u2122]")


@functools.cache
def _converter():
    """OpenCC's Traditional-to-Simplified converter, loaded once per process."""
    import opencc

    return opencc.OpenCC("t2s")


class _CharTable(dict):
    """str.translate table: each character to its simplified form when that is one character too."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        out = _converter().convert(char) if _HAN.match(char) else char
        self[code] = ord(out) if len(out) == 1 else code
        return self[code]


class _KeyTable(dict):
    """str.translate table for search keys: only characters outside GB2312 (Traditional-only) are simplified."""

    def __missing__(self, code: int) -> int:
        self[code] = code if _in_gb2312(chr(code)) else _TABLE[code]
        return self[code]


_TABLE = _CharTable()
_KEY_TABLE = _KeyTable()


# 著 is also a simplified character (著名, 显著); as the aspect particle (隨著, 標誌著, 意味著) it reads 着.
_PARTICLE_ZHE = re.compile(r"(?<![显土原编专名巨合论卓昭遗])著(?![名作称述者录书])")


def simplified(text: str) -> str:
    """text with every Traditional character replaced by its simplified form, character by character (the
    particle 著 as 着)."""
    return _PARTICLE_ZHE.sub("着", text.translate(_TABLE))


def search_key(text: str) -> str:
    """text as searched and compared: Traditional-only characters simplified (粵港 → 粤港), simplified text as is."""
    try:
        text.encode("gb2312")  # the key keeps GB2312 characters: text all in GB2312 is its own key (one C pass)
    except UnicodeEncodeError as exc:
        return text[:exc.start] + text[exc.start:].translate(_KEY_TABLE)
    return text


def is_traditional(text: str) -> bool:
    """Whether text is written in Traditional characters (enough of its Han characters simplify)."""
    counts = {char: n for char, n in _sample_counts(text).items() if _is_han(char)}
    changed = sum(n for char, n in counts.items() if _TABLE[ord(char)] != ord(char))
    return changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * sum(counts.values())


def _sample_counts(text: str) -> Counter:
    """How often each character occurs in the first SAMPLE_CHARS characters of text."""
    return Counter(text[:SAMPLE_CHARS])


def simplified_view(text: str) -> str:
    """The text extraction reads: simplified, same length (offsets map one to one); text itself if simplified."""
    return simplified(text) if is_traditional(text) else text


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@functools.cache
def _common(char: str) -> bool:
    """A Han character in everyday use: its simplified form is in GB2312 (the 6,763 common characters)."""
    return _in_gb2312(chr(_TABLE[ord(char)]))


@functools.cache
def _is_han(char: str) -> bool:
    return _HAN.match(char) is not None


@functools.cache
def _suspect_kind(char: str) -> str | None:
    """The kind of wrong decoding a character is typical of (a _SUSPECT kind or "rare CJK"); None: plausible."""
    kind = next((k for k, pattern in _SUSPECT.items() if pattern.match(char)), None)
    if kind is None and _is_han(char) and not _common(char):
        kind = "rare CJK"
    return kind


@dataclass
class Plausibility:
    """How many characters of a decoded text look like Chinese prose, and which kinds do not."""

    checked: int
    suspect: dict[str, int]

    @property
    def bad(self) -> int:
        return sum(self.suspect.values())

    def describe(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.suspect.items() if n)
        return f"{self.bad} of {self.checked} non-ASCII characters implausible ({kinds})"


def plausibility(text: str) -> Plausibility:
    """Count the non-ASCII characters of text (its first SAMPLE_CHARS) and those typical of a wrong decoding."""
    counts = {char: n for char, n in _sample_counts(text).items() if char > "\x7f" and not char.isspace()}
    suspect = {kind: 0 for kind in (*_SUSPECT, "rare CJK")}
    for char, n in counts.items():
        kind = _suspect_kind(char)
        if kind is not None:
            suspect[kind] += n
    suspect["latin-1"] += 2 * len(_LATIN1_PAIR.findall(text, 0, SAMPLE_CHARS))
    return Plausibility(sum(counts.values()), suspect)

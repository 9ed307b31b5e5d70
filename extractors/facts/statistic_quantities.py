"""The quantities the statistics extractor reads: numbers' quantities with their units continued
(台（套）, 微克/立方米), and the figures numbers.find leaves out that numbers.parse_quantity reads
with this extractor's units (第10000列, 千余家, 2园, 1000M 带宽)."""

import re
import string

from extractors.expressions import numbers
from extractors.facts.statistic_lexicon import LEXICON, WordList, starts_with_any
from extractors.records import Context
from extractors.values import Quantity

# Where numbers.find may have left a figure out, the fragment is handed to
# numbers.parse_quantity: 第10000列 (a cumulative ordinal), 千余家, 2园 (a unit it
# does not list), 1000M 带宽 (an ASCII unit before 带宽).
FRAGMENT_START = re.compile(
    # One character class first (fast to scan for), then what it must be: 第 before a digit,
    # 百/千/万 + 余/多 not inside a number, or the first digit of a number.
    r"[第百千万0-9０-９](?:"
    r"(?<=第)(?=\s*[0-9０-９])"
    r"|(?<=[百千万])(?<![〇零一二两三四五六七八九十百千万亿0-9０-９].)(?=[余多])"
    r"|(?<=[0-9０-９])(?<![0-9０-９.．,，].))"
)
FRAGMENT_MAX = 16
DIGIT_RUN = re.compile(r"[0-9０-９.．,，]+")
# Characters a unit, scale or middle qualifier may start with (numbers' units and this extractor's).
UNIT_FIRST_CHARS = (
    frozenset(unit[0] for unit in numbers.UNITS)
    | frozenset(unit[0] for units in LEXICON.units.values() for unit in units)
    | frozenset(unit[0] for unit in LEXICON.unit_aliases)
    | frozenset("%％‰个百成岁周万亿千十余多几")
    | frozenset(string.ascii_letters)
)
# Every FRAGMENT_START match holds one of these (a cheap test for sentences without figures).
FIGURE_CHAR = re.compile(r"[0-9０-９百千万]")
# What may continue a unit: a slash before a denominator, brackets around an alternative.
UNIT_SLASHES = frozenset("/／")
BRACKET_OPENINGS = frozenset("（(")
BRACKET_CLOSINGS = frozenset("）)")
UNIT_CONTINUATIONS = UNIT_SLASHES | BRACKET_OPENINGS
ASCII_UNIT_AFTER = re.compile(r"\s?(Mbps|Gbps|Tbps|M|G|T)(?=\s?(?:带宽|宽带))")
ALL_UNITS = WordList(sorted({unit for units in LEXICON.units.values() for unit in units} | set(LEXICON.unit_aliases)))


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _unit_after(sentence: str, end: int) -> tuple[str, int]:
    """A unit numbers did not attach (2园, 40小类, 1000M 带宽) and where it ends."""
    ascii_unit = ASCII_UNIT_AFTER.match(sentence, end)
    if ascii_unit:
        return ascii_unit.group(1), ascii_unit.end()
    rest = sentence[end:].lstrip(" ")
    gap = len(sentence) - end - len(rest)
    unit = starts_with_any(rest, ALL_UNITS)
    if unit and gap <= 1:
        return unit, end + gap + len(unit)
    return "", end


def _may_have_unit(sentence: str, pos: int) -> bool:
    """Whether a unit may follow the number at ``pos`` (a cheap test before numbers.parse_quantity).

    2022成都…, 21世纪, 1+1>2, 29届 have none: the character after the digits (and one space)
    can start no unit, scale or qualifier of numbers or of this extractor.
    """
    if sentence.startswith("第", pos):
        pos += 1
        while sentence[pos : pos + 1] == " ":
            pos += 1
    digits = DIGIT_RUN.match(sentence, pos)
    end = digits.end() if digits else pos
    after = sentence[end : end + 1]
    if after == " ":
        after = sentence[end + 1 : end + 2]
    return after in UNIT_FIRST_CHARS


def _supplements(sentence: str, context: Context) -> list[tuple[int, int, Quantity]]:
    """Figures numbers.find left out that numbers.parse_quantity reads (第10000列, 千余家, 2园)."""
    covered = [(s, e) for s, e, _ in context.quantities] + [(s, e) for s, e, _ in context.dates]
    inside = bytearray(len(sentence) + 1)  # 1 where a quantity or a date already is
    for s, e in covered:
        inside[s:e] = b"\x01" * (e - s)
    found: list[tuple[int, int, Quantity]] = []
    for match in FRAGMENT_START.finditer(sentence):
        pos = match.start()
        if inside[pos] or not _may_have_unit(sentence, pos):
            continue
        quantity = numbers.parse_quantity(sentence[pos : pos + FRAGMENT_MAX])
        if quantity is None or not sentence.startswith(quantity.text, pos):
            continue
        end = pos + len(quantity.text)
        unit = quantity.unit
        if not unit:
            unit, end = _unit_after(sentence, end)
        if not unit or _covered(covered, pos, end):
            continue
        unit, end = _unit_extension(sentence, end, unit)
        found.append((pos, end, Quantity(quantity.value, unit, quantity.qualifier, sentence[pos:end], quantity.kind)))
        covered.append((pos, end))
        inside[pos:end] = b"\x01" * (end - pos)
    return found


def _unit_extension(sentence: str, end: int, unit: str) -> tuple[str, int]:
    """The unit with what continues it after ``end``: a denominator (微克/立方米) or an alternative (台（套）)."""
    if sentence[end : end + 1] in UNIT_SLASHES:
        denominator = starts_with_any(sentence, ALL_UNITS, end + 1)
        if denominator:
            unit, end = unit + sentence[end] + denominator, end + 1 + len(denominator)
    if sentence[end : end + 1] in BRACKET_OPENINGS:
        alternative = starts_with_any(sentence, ALL_UNITS, end + 1)
        close = end + 1 + len(alternative or "")
        if alternative and sentence[close : close + 1] in BRACKET_CLOSINGS:
            unit, end = unit + sentence[end : close + 1], close + 1
    return unit, end


def _extended(sentence: str, item: tuple[int, int, Quantity]) -> tuple[int, int, Quantity]:
    start, end, quantity = item
    if not quantity.unit or sentence[end : end + 1] not in UNIT_CONTINUATIONS:
        return item
    unit, new_end = _unit_extension(sentence, end, quantity.unit)
    if new_end == end:
        return item
    return start, new_end, Quantity(quantity.value, unit, quantity.qualifier, sentence[start:new_end], quantity.kind)


def all_quantities(sentence: str, context: Context) -> list[tuple[int, int, Quantity]]:
    """The sentence's quantities with the supplements, in text order (units continued: 台（套）, 微克/立方米)."""
    found = [_extended(sentence, item) for item in context.quantities]
    supplements = _supplements(sentence, context)
    if not supplements:
        return found  # numbers.find returns them in text order
    return sorted(found + supplements, key=lambda item: (item[0], item[1]))

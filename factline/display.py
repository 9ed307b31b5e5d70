"""How facts read in Chinese: dates in words at their precision, amounts in 万 / 亿, kinds and filters."""

import re

from markupsafe import Markup, escape

from factline.record_types import RECORD_TYPES

HALF = {"H1": "上半年", "H2": "下半年"}
QUARTER = {"Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度"}

# The timeline's kinds with their Chinese labels, in the order the picture draws its lanes (the registry's).
KINDS = {kind: label for t in RECORD_TYPES for kind, label in t.lanes}
QUALIFIERS = {"approx": "约", "at_least": "超过", "at_most": "不到", "exact": ""}

# Units that a scale word cannot precede: 300亿% means nothing.
UNSCALED_UNITS = ("%", "倍", "‰")
SCALES = ((1e8, "亿"), (1e4, "万"))  # the same thresholds as the timeline view (migration 0006)

DATE_FILTER = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
DATE_FILTER_HELP = "YYYY, YYYY-MM or YYYY-MM-DD (2022, 2022-06, 2022-06-30)"


# The end of a year or a month as written (截至2022年底, 去年末, 6月底, 上月末): read back the same way.
_YEAR_END = re.compile(r"年(?:底|末)$")
_MONTH_END = re.compile(r"月(?:底|末)$")


def display_date(date: str | None, precision: str | None, written: str | None = None) -> str:
    """A Chinese reading of a date at its precision: 2022年5月6日, 2022年5月, 2022年上半年, 2022年三季度; a
    month read from 年底 / 月底 (``written``: the words the date came from) reads 2022年底, 2022年6月底."""
    if not date:
        return "日期不详"
    year = date[:4]
    if precision == "day":
        return f"{year}年{int(date[5:7])}月{int(date[8:10])}日"
    if precision == "month" and written and _YEAR_END.search(written) and date[5:7] == "12":
        return f"{year}年底"
    if precision == "month" and written and _MONTH_END.search(written):
        return f"{year}年{int(date[5:7])}月底"
    if precision == "month":
        return f"{year}年{int(date[5:7])}月"
    if precision == "half":
        return f"{year}年{HALF.get(date[5:], '')}"
    if precision == "quarter":
        return f"{year}年{QUARTER.get(date[5:], '')}"
    return f"{year}年"


def display_number(value: float) -> str:
    """A number as a person writes it: 311, not 311.0; 9.4, not 9.400000001."""
    rounded = round(value, 4)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.4f}".rstrip("0").rstrip(".")


def display_amount(value: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """A figure in 万 / 亿 as Chinese news writes it: 超过9.4万个, 300亿元, 26.5%."""
    if value is None:
        return ""
    unit = unit or ""
    text = display_number(value)
    if unit not in UNSCALED_UNITS:
        for scale, word in SCALES:
            if abs(value) >= scale:
                text = display_number(value / scale) + word
                break
    return f"{QUALIFIERS.get(qualifier or 'exact', '')}{text}{unit}"


def percent(value: float | None) -> str:
    """A precision as a percentage: 0.913 -> 91.3%."""
    return "" if value is None else f"{value * 100:.1f}%"


def marked(paragraph: str, spans: list[tuple]) -> Markup:
    """The paragraph escaped, <mark> around each (start, end[, href]) span; article text never becomes markup."""
    out = Markup("")
    cursor = 0
    for start, end, *href in sorted(spans):
        start = max(start, cursor)
        if start >= end:
            continue
        piece = Markup("<mark>") + escape(paragraph[start:end]) + Markup("</mark>")
        if href:
            piece = Markup('<a href="{}">{}</a>').format(href[0], piece)
        out += escape(paragraph[cursor:start]) + piece
        cursor = end
    return out + escape(paragraph[cursor:])


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph (between newlines) holding text[start:end]."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def filter_errors(*, kind: str | None, date_from: str | None, date_to: str | None) -> list[str]:
    """One line per invalid timeline filter, naming what is valid; [] when all are valid."""
    errors = []
    if kind and kind not in KINDS:
        valid = ", ".join(f"{k} ({v})" for k, v in KINDS.items())
        errors.append(f"--kind {kind}: not a kind; valid: {valid}")
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and not DATE_FILTER.match(value):
            errors.append(f"{name} {value}: not a date; valid: {DATE_FILTER_HELP}")
    return errors

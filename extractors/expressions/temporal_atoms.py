"""Resolve one date atom (a scanner match of extractors/temporal_rules.SCAN) to a TimeValue.

Used by extractors/temporal.py, which finds the atoms, merges ranges and adds flags.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.expressions.chinese_numerals import parse_small
from extractors.expressions.temporal_rules import LEXICON
from extractors.values import TimeValue

YEAR_WORDS: dict[str, int] = LEXICON["year_words"]
YEAR_WORDS_ANCHOR: dict[str, int] = LEXICON["year_words_anchor"]
MONTH_WORDS: dict[str, int] = LEXICON["month_words"]
MONTH_WORDS_ANCHOR: dict[str, int] = LEXICON["month_words_anchor"]
DAY_WORDS: dict[str, int] = LEXICON["day_words"]
DAY_WORDS_ANCHOR: dict[str, int] = LEXICON["day_words_anchor"]
WEEK_WORDS: dict[str, int] = LEXICON["week_words"]
MONTH_PARTS: dict[str, list[int]] = LEXICON["month_parts"]
YEAR_PARTS: dict[str, list] = LEXICON["year_parts"]
BARE_YEAR_PARTS: dict[str, str] = LEXICON["bare_year_parts"]
BARE_MONTH_PARTS: dict[str, str] = LEXICON["bare_month_parts"]
HOLIDAYS: dict[str, list[int]] = LEXICON["holidays"]
FIVE_YEAR_PLANS: dict[str, int] = LEXICON["five_year_plans"]
FUZZY_MONTH_PARTS = frozenset({"初", "底", "末", "上半月", "下半月"})
FUZZY_YEAR_PARTS = frozenset({"初", "伊始", "中", "底", "末", "年初", "年中", "年底", "年末",
                              "春季", "夏季", "秋季", "春天", "夏天", "秋天"})
_SPACES = re.compile(r"\s+")


@dataclass
class Ctx:
    """What resolving an atom may use: the reference, the anchor and the sentence so far."""

    reference: dt.date
    anchor: TimeValue  # never None: the reference day stands in at article start
    future: bool  # the clause marks the future (预计, 计划, 将…): bare dates resolve forward
    plan: bool = False  # the clause names a plan (预计, 计划, 力争…): its dates are targets
    by: bool = False  # the date follows 到 (到6月底): a deadline unless it is already past
    dated_month: tuple[int, int] | None = None  # year and month of a full date earlier in the sentence
    has_anchor: bool = False  # an explicit narrative date exists (not just the reference)
    in_quote: bool = False  # inside reported speech (“今天…”): 今天 is the narrative's day
    year: int | None = None  # explicit year of an earlier date in the sentence
    month: int | None = None  # explicit month of an earlier date in the sentence (with year)


# --- small date helpers -------------------------------------------------------------------

def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _day_value(d: dt.date, text: str, flags: set[str]) -> TimeValue:
    return TimeValue(d.isoformat(), d, d, "day", text, frozenset(flags))


def _month_value(year: int, month: int, text: str, flags: set[str],
                 first: int = 1, last: int = 0) -> TimeValue:
    end_day = _last_day(year, month) if last == 0 else min(last, _last_day(year, month))
    return TimeValue(f"{year:04d}-{month:02d}", dt.date(year, month, first), dt.date(year, month, end_day),
                     "month", text, frozenset(flags))


def _year_value(year: int, text: str, flags: set[str]) -> TimeValue:
    return TimeValue(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text, frozenset(flags))


def as_time_value(anchor: "dt.date | TimeValue | None", reference: dt.date) -> TimeValue:
    """The anchor as a TimeValue: a plain date is a day; no anchor is the reference day."""
    if isinstance(anchor, TimeValue):
        return anchor
    day = anchor if isinstance(anchor, dt.date) else reference
    if isinstance(day, dt.datetime):
        day = day.date()
    return _plain_day(day)


@lru_cache(maxsize=256)
def _plain_day(day: dt.date) -> TimeValue:
    """A day as an anchor (TimeValue is immutable, so one per day is shared)."""
    return _day_value(day, "", set())


@lru_cache(maxsize=1024)
def _num(text: str | None) -> int | None:
    return None if text is None else parse_small(_SPACES.sub("", text))


# --- resolving one atom --------------------------------------------------------------------

def _pick_year_for(month: int, day: int | None, ctx: Ctx) -> int:
    """Year of a bare month(-day): the sentence's year, else the latest not after the reference
    (or the earliest not before it when the clause marks the future)."""
    if ctx.year is not None:
        return ctx.year
    ref = ctx.reference
    key = (month, day or (1 if ctx.future else 0))
    if ctx.future:
        return ref.year if key >= (ref.month, ref.day if day else 1) else ref.year + 1
    return ref.year if key <= (ref.month, ref.day if day else 31) else ref.year - 1


def _year_part_value(year: int, part: str, text: str, flags: set[str]) -> TimeValue | None:
    spec = YEAR_PARTS[part]
    kind = spec[0]
    if part in FUZZY_YEAR_PARTS:
        flags = flags | {"fuzzy"}
    if kind == "year":
        return _year_value(year, text, flags)
    if kind == "month":
        return _month_value(year, spec[1], text, flags)
    if kind == "fuzzy_year":
        last = dt.date(year, spec[2], _last_day(year, spec[2]))
        return TimeValue(f"{year:04d}", dt.date(year, spec[1], 1), last, "year", text, frozenset(flags | {"fuzzy"}))
    if kind == "months":
        first = _month_value(year, spec[1], text, flags)
        return replace(first, end=dt.date(year, spec[2], _last_day(year, spec[2])))
    if kind == "half":
        h = spec[1]
        start = dt.date(year, 1 if h == 1 else 7, 1)
        end = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
        return TimeValue(f"{year:04d}-H{h}", start, end, "half", text, frozenset(flags))
    q = spec[1]
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year, 3 * q, _last_day(year, 3 * q))
    return TimeValue(f"{year:04d}-Q{q}", start, end, "quarter", text, frozenset(flags))


def _first_period_value(year: int, months: str | None, quarters: str | None, text: str,
                        flags: set[str]) -> TimeValue | None:
    """前5个月 = January..May (month precision, dated by January); 前三季度 = Q1..Q3 (dated Q1)."""
    if quarters is not None:
        q = _num(quarters)
        if q is None or not 1 <= q <= 4:
            return None
        end = dt.date(year, 3 * q, _last_day(year, 3 * q))
        return TimeValue(f"{year:04d}-Q1", dt.date(year, 1, 1), end, "quarter", text,
                         frozenset(flags | {"range"}))
    n = _num(months)
    if n is None or not 1 <= n <= 12:
        return None
    value = _month_value(year, 1, text, flags | {"range"})
    return replace(value, end=dt.date(year, n, _last_day(year, n)))


def _month_or_day(year: int, month: int, day: int | None, part: str | None, text: str,
                  flags: set[str], last_day: int | None = None) -> TimeValue | None:
    if not 1 <= month <= 12:
        return None
    if day is not None:
        if not 1 <= day <= _last_day(year, month):
            return None
        value = _day_value(dt.date(year, month, day), text, flags)
        if last_day is not None:  # 3月17—18日
            if not day < last_day <= _last_day(year, month):
                return None
            value = replace(value, end=dt.date(year, month, last_day), flags=value.flags | {"range"})
        return value
    if part:
        first, last = MONTH_PARTS[part]
        if part in FUZZY_MONTH_PARTS:
            flags = flags | {"fuzzy"}
        return _month_value(year, month, text, flags, first, last)
    return _month_value(year, month, text, flags)


def _anchor_year(ctx: Ctx, offset: int, flags: set[str]) -> int:
    flags.add("relative")
    return ctx.anchor.start.year + offset


def _relative_offset(n: int, unit: str, before: bool, text: str, ctx: Ctx, more: bool = False) -> TimeValue | None:
    """4天后, 两个月后, 3年前: shift the anchor and keep its precision (never finer).

    With 多 (一个多月前, 三天多后) the distance is only a lower bound: the result is fuzzy and
    never finer than a month (a day is never invented), just past the shifted point.
    """
    anchor = ctx.anchor
    sign = -1 if before else 1
    flags = {"relative", "fuzzy"} if more else {"relative"}
    base = anchor.start
    if unit in ("天", "日", "周", "个星期"):
        days = n * (7 if unit in ("周", "个星期") else 1) + (1 if more else 0)
        day = base + dt.timedelta(days=sign * days)
        if anchor.precision == "day" and not more:
            return _day_value(day, text, flags)
        flags.add("fuzzy")
        return _month_value(day.year, day.month, text, flags)
    if unit in ("个月", "个多月"):
        y, m = _add_months(base.year, base.month, sign * n)
        if anchor.precision == "day":
            day = dt.date(y, m, min(base.day, _last_day(y, m)))
            if not more:
                return _day_value(day, text, flags)
            day += dt.timedelta(days=sign)  # 一个多月前 of 8月1日: before 7月1日, so June
            return _month_value(day.year, day.month, text, flags)
        if anchor.precision == "year":
            return _year_value(y, text, flags | {"fuzzy"})
        return _month_value(y, m, text, flags)
    # years: a count of years gives a year, never a month or a day
    return _year_value(base.year + sign * n, text, flags)


def resolve_atom(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """One scanner match (its groupdict) to a TimeValue, or None when invalid (never raises)."""
    try:
        return _resolve_atom_unchecked(g, text, ctx)
    except (ValueError, OverflowError):
        return None  # 9999年12月31日的次日, 0年: outside the calendar


def _resolve_atom_unchecked(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    flags: set[str] = set()
    ref = ctx.reference
    if g["yr_a"] or g["yp_a"]:
        a, b = _num(g["yr_a"] or g["yp_a"]), _num(g["yr_b"] or g["yp_b"])
        if a is None or b is None or b < a:
            return None
        return replace(_year_value(a, text, {"range"}), end=dt.date(b, 12, 31))
    if g["mr_a"]:
        a, b = _num(g["mr_a"]), _num(g["mr_b"])
        if a is None or b is None or not 1 <= a <= b <= 12:
            return None
        year = ctx.year if ctx.year is not None else _pick_year_for(b, None, ctx)
        first = _month_value(year, a, text, {"range"})
        return replace(first, end=dt.date(year, b, _last_day(year, b)))
    if g["fyp"]:
        first = FIVE_YEAR_PLANS[g["fyp"]]
        part = g["fyp_part"]
        if part == "末":
            return _year_value(first + 4, text, {"fuzzy"})
        if part == "初":
            return _year_value(first, text, {"fuzzy"})
        return replace(_year_value(first, text, {"range"}), end=dt.date(first + 4, 12, 31))
    if g["y"] or g["yw"]:
        if g["y"]:
            year = _num(g["y"])
        elif g["yw"] in YEAR_WORDS:
            year = ref.year + YEAR_WORDS[g["yw"]]
        else:
            year = _anchor_year(ctx, YEAR_WORDS_ANCHOR[g["yw"]], flags)
        if year is None or not 1 <= year <= 9999:
            return None
        if g["ym"]:
            month = _num(g["ym"])
            return None if month is None else _month_or_day(year, month, _num(g["yd"]), g["ymp"], text, flags, _num(g["yd2"]))
        if g["hol"]:
            month, day = HOLIDAYS[g["hol"]]
            return _day_value(dt.date(year, month, day), text, flags)
        if g["yfm"] or g["yfq"]:
            return _first_period_value(year, g["yfm"], g["yfq"], text, flags)
        if g["yp"]:
            return _year_part_value(year, g["yp"], text, flags)
        return _year_value(year, text, flags)
    if g["m"]:
        month, day = _num(g["m"]), _num(g["md"])
        if month is None or not 1 <= month <= 12:
            return None
        return _month_or_day(_pick_year_for(month, day, ctx), month, day, g["mmp"], text, flags, _num(g["md2"]))
    if g["mw"]:
        word = g["mw"]
        if word in MONTH_WORDS and ctx.dated_month is not None:
            # 2023年1月9日…本月: the month of the sentence's own explicit date
            y, m = _add_months(ctx.dated_month[0], ctx.dated_month[1], MONTH_WORDS[word])
        elif word in MONTH_WORDS:
            y, m = _add_months(ref.year, ref.month, MONTH_WORDS[word])
        else:
            flags.add("relative")
            base = ctx.anchor.start
            y, m = _add_months(base.year, base.month, MONTH_WORDS_ANCHOR[word])
        return _month_or_day(y, m, _num(g["wd"]), g["wmp"], text, flags, _num(g["wd2"]))
    if g["bfp"]:
        # 前5个月 standing alone: the sentence's year, else the latest such period already over
        if ctx.year is not None:
            return _first_period_value(ctx.year, g["bfm"], g["bfq"], text, flags)
        value = _first_period_value(ref.year, g["bfm"], g["bfq"], text, flags)
        if value is not None and value.end > ref and not ctx.future:
            value = _first_period_value(ref.year - 1, g["bfm"], g["bfq"], text, flags)
        return value
    if g["byp"]:
        part = BARE_YEAR_PARTS[g["byp"]]
        if ctx.year is not None:
            return _year_part_value(ctx.year, part, text, flags)
        value = _year_part_value(ref.year, part, text, flags)
        if value is not None and value.start > ref and not ctx.future and part != "内":
            # 四季度 in a February article: last year's (the latest not after the reference)
            value = _year_part_value(ref.year - 1, part, text, flags)
        return value
    if g["now"]:
        return _day_value(ref, text, {"as_of", "now"})
    if g["recent"]:
        return _month_value(ref.year, ref.month, text, {"fuzzy", "recent"})
    if g["dw"]:
        word = g["dw"]
        if word in DAY_WORDS and ctx.in_quote and ctx.has_anchor and ctx.anchor.precision == "day":
            # “今天…” in reported speech: the day the narrative is at, not the publication day
            return _day_value(ctx.anchor.start + dt.timedelta(days=DAY_WORDS[word]), text, {"relative"})
        if word in DAY_WORDS:
            return _day_value(ref + dt.timedelta(days=DAY_WORDS[word]), text, flags)
        anchor = ctx.anchor
        flags.add("relative")
        if anchor.precision != "day":
            return replace(anchor, text=text, flags=frozenset(flags | {"fuzzy"}))
        return _day_value(anchor.start + dt.timedelta(days=DAY_WORDS_ANCHOR[word]), text, flags)
    if g["wwd"]:
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=WEEK_WORDS[g["wwd"]])
        day = monday + dt.timedelta(days="一二三四五六日天".index(g["wd_day"]) if g["wd_day"] != "天" else 6)
        return _day_value(day, text, flags)
    if g["iso_y"]:
        year, month, day = _num(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        if year is None or not 1 <= month <= 12 or not 1 <= day <= _last_day(year, month):
            return None
        return _day_value(dt.date(year, month, day), text, flags)
    if g["dec"]:
        decade = _num(g["dec"])
        if decade is None:
            return None
        century = 2000 if g["dec_c"] in ("21世纪", "二十一世纪") or (g["dec_c"] is None and decade < 30) else 1900
        first = century + decade
        return replace(_year_value(first, text, {"range", "fuzzy"}), end=dt.date(first + 9, 12, 31))
    if g["bmp"]:
        if ctx.year is not None and ctx.month is not None:
            year, month = ctx.year, ctx.month
        else:
            year, month = ref.year, ref.month
        return _month_or_day(year, month, None, BARE_MONTH_PARTS[g["bmp"]], text, flags)
    if g["ww"]:
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=WEEK_WORDS[g["ww"]])
        return TimeValue(monday.isoformat(), monday, monday + dt.timedelta(days=6), "day", text,
                         frozenset({"range", "fuzzy"}))
    if g["rn"]:
        n = 6 if g["rn"] == "半" else _num(g["rn"])
        unit = g["ru"]
        if g["rn"] == "半" and unit == "年":
            n, unit = 6, "个月"
        elif g["rn"] == "半" and unit in ("个月", "个多月"):
            n, unit = 15, "天"  # 半个月
        elif g["rn"] == "半":
            return None
        if n is None:
            return None
        more = unit == "个多月" or "多" in text
        if more and unit == "个多月":
            unit = "个月"
        return _relative_offset(n, unit, g["rd"] in ("前", "以前", "之前"), text, ctx, more)
    if g["d"]:
        day = _num(g["d"])
        if day is None:
            return None
        if ctx.year is not None and ctx.month is not None:
            year, month = ctx.year, ctx.month
        elif ctx.anchor.precision in ("day", "month") and ctx.has_anchor:
            year, month = ctx.anchor.start.year, ctx.anchor.start.month
        else:
            year, month = ref.year, ref.month
            if day > ref.day and not ctx.future:
                year, month = _add_months(year, month, -1)
        return _month_or_day(year, month, day, None, text, flags)
    return None

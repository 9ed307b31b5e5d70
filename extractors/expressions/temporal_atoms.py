"""Building blocks for resolving date atoms: the resolution context and small date helpers.

The resolvers (one per scanner alternative) live in temporal_resolvers.py.
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
END_OF_PERIOD_PARTS = frozenset(LEXICON["end_of_period_parts"])
FORWARD_YEAR_PARTS = frozenset(LEXICON["forward_year_parts"])
NEAR_NEW_YEAR_DAYS = 31  # see pick_year_for: a bare date this close after the reference is ahead, not a year back
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
    year_planned: bool = False  # that year was a plan's (到2025年底): it dates only the plan's clauses


# --- small date helpers -------------------------------------------------------------------

def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def day_value(d: dt.date, text: str, flags: set[str]) -> TimeValue:
    return TimeValue(d.isoformat(), d, d, "day", text, frozenset(flags))


def month_value(year: int, month: int, text: str, flags: set[str],
                 first: int = 1, last: int = 0) -> TimeValue:
    end_day = last_day(year, month) if last == 0 else min(last, last_day(year, month))
    return TimeValue(f"{year:04d}-{month:02d}", dt.date(year, month, first), dt.date(year, month, end_day),
                     "month", text, frozenset(flags))


def year_value(year: int, text: str, flags: set[str]) -> TimeValue:
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
    return day_value(day, "", set())


@lru_cache(maxsize=1024)
def num(text: str | None) -> int | None:
    return None if text is None else parse_small(_SPACES.sub("", text))


# --- resolving one atom --------------------------------------------------------------------

def pick_year_for(month: int, day: int | None, ctx: Ctx) -> int:
    """Year of a bare month(-day): the sentence's year, else the latest not after the reference
    (or the earliest not before it when the clause marks the future).

    Across the new year the nearest wins: a date at most NEAR_NEW_YEAR_DAYS after the reference
    and in the next year (1月 or 1月5日 in a 30 December article) is next year's; 12月 in a
    1 January article is last year's already (the latest not after the reference).
    """
    if ctx.year is not None:
        return ctx.year
    ref = ctx.reference
    key = (month, day or (1 if ctx.future else 0))
    if ctx.future:
        return ref.year if key >= (ref.month, ref.day if day else 1) else ref.year + 1
    if key <= (ref.month, ref.day if day else 31):
        return ref.year + 1 if _soon_after(ref, ref.year + 1, month, day) else ref.year
    # a few days ahead in this year is nearer than nearly a year ago (1月13日开幕 in a 10 January article)
    return ref.year if _soon_after(ref, ref.year, month, day) else ref.year - 1


def _soon_after(ref: dt.date, year: int, month: int, day: int | None) -> bool:
    """Is month(-day) of ``year`` at most NEAR_NEW_YEAR_DAYS after the reference?"""
    try:
        first = dt.date(year, month, day or 1)
    except ValueError:
        return False
    return 0 <= (first - ref).days <= NEAR_NEW_YEAR_DAYS


def year_part_value(year: int, part: str, text: str, flags: set[str]) -> TimeValue | None:
    spec = YEAR_PARTS[part]
    kind = spec[0]
    if part in FUZZY_YEAR_PARTS:
        flags = flags | {"fuzzy"}
    if part in END_OF_PERIOD_PARTS:
        flags = flags | {"end_of_period"}  # 2022年底: December, shown as 年底
    if kind == "year":
        return year_value(year, text, flags)
    if kind == "month":
        return month_value(year, spec[1], text, flags)
    if kind == "fuzzy_year":
        last = dt.date(year, spec[2], last_day(year, spec[2]))
        return TimeValue(f"{year:04d}", dt.date(year, spec[1], 1), last, "year", text, frozenset(flags | {"fuzzy"}))
    if kind == "months":
        first = month_value(year, spec[1], text, flags)
        return replace(first, end=dt.date(year, spec[2], last_day(year, spec[2])))
    if kind == "half":
        h = spec[1]
        start = dt.date(year, 1 if h == 1 else 7, 1)
        end = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
        return TimeValue(f"{year:04d}-H{h}", start, end, "half", text, frozenset(flags))
    q = spec[1]
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year, 3 * q, last_day(year, 3 * q))
    return TimeValue(f"{year:04d}-Q{q}", start, end, "quarter", text, frozenset(flags))


def first_period_value(year: int, months: str | None, quarters: str | None, text: str,
                        flags: set[str]) -> TimeValue | None:
    """前5个月 = January..May (month precision, dated by January); 前三季度 = Q1..Q3 (dated Q1)."""
    if quarters is not None:
        q = num(quarters)
        if q is None or not 1 <= q <= 4:
            return None
        end = dt.date(year, 3 * q, last_day(year, 3 * q))
        return TimeValue(f"{year:04d}-Q1", dt.date(year, 1, 1), end, "quarter", text,
                         frozenset(flags | {"range"}))
    n = num(months)
    if n is None or not 1 <= n <= 12:
        return None
    value = month_value(year, 1, text, flags | {"range"})
    return replace(value, end=dt.date(year, n, last_day(year, n)))


def month_or_day(year: int, month: int, day: int | None, part: str | None, text: str,
                  flags: set[str], to_day: int | None = None) -> TimeValue | None:
    if not 1 <= month <= 12:
        return None
    if day is not None:
        if not 1 <= day <= last_day(year, month):
            return None
        value = day_value(dt.date(year, month, day), text, flags)
        if to_day is not None:  # 3月17—18日
            if not day < to_day <= last_day(year, month):
                return None
            value = replace(value, end=dt.date(year, month, to_day), flags=value.flags | {"range"})
        return value
    if part:
        first, last = MONTH_PARTS[part]
        if part in FUZZY_MONTH_PARTS:
            flags = flags | {"fuzzy"}
        if part in END_OF_PERIOD_PARTS:
            flags = flags | {"end_of_period"}  # 6月底, 上月底: shown as 月底
        return month_value(year, month, text, flags, first, last)
    return month_value(year, month, text, flags)


def anchor_year(ctx: Ctx, offset: int, flags: set[str]) -> int:
    flags.add("relative")
    return ctx.anchor.start.year + offset


def relative_offset(n: int, unit: str, before: bool, text: str, ctx: Ctx, more: bool = False) -> TimeValue | None:
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
            return day_value(day, text, flags)
        flags.add("fuzzy")
        return month_value(day.year, day.month, text, flags)
    if unit in ("个月", "个多月"):
        y, m = add_months(base.year, base.month, sign * n)
        if anchor.precision == "day":
            day = dt.date(y, m, min(base.day, last_day(y, m)))
            if not more:
                return day_value(day, text, flags)
            day += dt.timedelta(days=sign)  # 一个多月前 of 8月1日: before 7月1日, so June
            return month_value(day.year, day.month, text, flags)
        if anchor.precision == "year":
            return year_value(y, text, flags | {"fuzzy"})
        return month_value(y, m, text, flags)
    # years: a count of years gives a year, never a month or a day
    return year_value(base.year + sign * n, text, flags)

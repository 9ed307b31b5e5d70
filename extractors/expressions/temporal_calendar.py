"""Holidays and the lunar calendar: fixed-date holidays (元旦, 国庆), lunar festivals (春节, 中秋)
and 农历 dates, converted to the Gregorian calendar with the lunardate package.

A holiday or lunar date with no year takes the year a bare month-day would (temporal_atoms.pick_year_for).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from lunardate import LunarDate

from extractors.expressions.temporal_atoms import HOLIDAYS, Ctx, day_value, pick_year_for
from extractors.expressions.temporal_rules import LEXICON
from extractors.values import TimeValue

LUNAR_HOLIDAYS: dict[str, list[int]] = LEXICON["lunar_holidays"]
HOLIDAY_DAYS: dict[str, int] = LEXICON["holiday_days"]
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_DIGITS = "一二三四五六七八九"


@lru_cache(maxsize=512)
def lunar_to_solar(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a lunar date (lunar year `year`), or None outside the package's range."""
    try:
        return LunarDate(year, month, day).to_solar_date()
    except (ValueError, IndexError, OverflowError):
        return None  # before 1900, after 2099, or a 30th in a 29-day month


def holiday_day(year: int, word: str) -> dt.date | None:
    """The day of a holiday in the given (Gregorian, or for festivals lunar) year."""
    if word in LUNAR_HOLIDAYS:
        return lunar_to_solar(year, *LUNAR_HOLIDAYS[word])
    month, day = HOLIDAYS[word]
    return dt.date(year, month, day)


def holiday_value(year: int, word: str, text: str, flags: set[str]) -> TimeValue | None:
    """A holiday as a day (国庆 = 1 October); a holiday period (国庆假期) as a range of days."""
    day = holiday_day(year, word)
    if day is None:
        return None
    value = day_value(day, text, flags | {"holiday"})
    if word in HOLIDAY_DAYS:
        value = replace(value, end=day + dt.timedelta(days=HOLIDAY_DAYS[word] - 1),
                        flags=value.flags | {"range"})
    return value


def _nearest_year(day_of: Callable[[int], dt.date | None], ctx: Ctx) -> int | None:
    """The year whose occurrence the clause means, as for a bare month-day (festivals move every year)."""
    this = day_of(ctx.reference.year)
    if this is None:
        return None
    return pick_year_for(this.month, this.day, ctx)


def resolve_holiday_alone(word: str, text: str, ctx: Ctx) -> TimeValue | None:
    """国庆期间, 春节前, 中秋: the holiday of the sentence's year, else of the nearest fitting year."""
    year = ctx.year if ctx.year is not None else _nearest_year(lambda y: holiday_day(y, word), ctx)
    return None if year is None else holiday_value(year, word, text, set())


def lunar_day_number(text: str) -> int | None:
    """初五 = 5, 十五 = 15, 廿三 = 23, 二十 = 20, 三十 = 30."""
    if text.startswith("初"):
        return 10 if text[1] == "十" else _LUNAR_DIGITS.index(text[1]) + 1
    if text.startswith("廿"):
        return 20 + _LUNAR_DIGITS.index(text[1]) + 1
    tens, _, ones = text.partition("十")
    if not _:
        return _LUNAR_DIGITS.index(text) + 1
    return (_LUNAR_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_LUNAR_DIGITS.index(ones) + 1 if ones else 0)


def lunar_month_number(text: str) -> int:
    """正 = 1, 冬 = 11, 腊 = 12, 八 = 8, 十一 = 11."""
    if text in _LUNAR_MONTHS:
        return _LUNAR_MONTHS[text]
    if text.startswith("十"):
        return 10 + (_LUNAR_DIGITS.index(text[1]) + 1 if len(text) > 1 else 0)
    return _LUNAR_DIGITS.index(text) + 1


def resolve_lunar_date(year: int | None, month_text: str, day_text: str, text: str, ctx: Ctx) -> TimeValue | None:
    """农历八月十五 (a lunar year given, or the nearest fitting one): the Gregorian day, precision day."""
    month, day = lunar_month_number(month_text), lunar_day_number(day_text)
    if day is None or not 1 <= day <= 30:
        return None
    if year is None:
        year = ctx.year if ctx.year is not None else _nearest_year(lambda y: lunar_to_solar(y, month, day), ctx)
    solar = None if year is None else lunar_to_solar(year, month, day)
    return None if solar is None else day_value(solar, text, {"lunar"})

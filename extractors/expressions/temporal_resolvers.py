"""One small resolver per scanner alternative (extractors/expressions/temporal_rules.SCAN).

Each alternative of the scanner is named by the regex group that starts it; ``RESOLVERS`` maps
that group to the function turning the match (its groupdict) into a TimeValue, as Duckling
pairs each rule's pattern with its production. Every alternative has examples in
tests/corpus/temporal.yaml.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from extractors.expressions.temporal_atoms import (
    FORWARD_YEAR_PARTS,
    BARE_MONTH_PARTS,
    BARE_YEAR_PARTS,
    DAY_WORDS,
    DAY_WORDS_ANCHOR,
    FIVE_YEAR_PLANS,
    MONTH_WORDS,
    MONTH_WORDS_ANCHOR,
    WEEK_WORDS,
    YEAR_WORDS,
    YEAR_WORDS_ANCHOR,
    Ctx,
    add_months,
    anchor_year,
    day_value,
    first_period_value,
    last_day,
    month_or_day,
    month_value,
    num,
    pick_year_for,
    relative_offset,
    year_part_value,
    year_value,
)
from extractors.expressions.temporal_calendar import holiday_value, resolve_holiday_alone, resolve_lunar_date
from extractors.expressions.temporal_rules import LEXICON
from extractors.values import TimeValue

Resolver = Callable[[dict, str, Ctx], "TimeValue | None"]
_WEEKDAYS = "一二三四五六日"
_BEFORE_WORDS = ("前", "以前", "之前")
YEAR_SPANS: dict[str, list[int]] = LEXICON["year_spans"]
ROC_YEAR_OFFSET = 1911
TWO_DIGIT_YEAR_AHEAD = 10  # 22年 is 2022 unless that is more than ten years after the reference (98年 = 1998)


def resolve_year_range(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """2020—2022年, （2021-2035）: a range of whole years."""
    a, b = num(g["yr_a"] or g["yp_a"]), num(g["yr_b"] or g["yp_b"])
    if a is None or b is None or b < a:
        return None
    return replace(year_value(a, text, {"range"}), end=dt.date(b, 12, 31))


def resolve_month_range(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """1—4月: months of the sentence's year, else of the year picked for the last month."""
    a, b = num(g["mr_a"]), num(g["mr_b"])
    if a is None or b is None or not 1 <= a <= b <= 12:
        return None
    year = ctx.year if ctx.year is not None else pick_year_for(b, None, ctx)
    first = month_value(year, a, text, {"range"})
    return replace(first, end=dt.date(year, b, last_day(year, b)))


def resolve_five_year_plan(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """十四五期间 (the five years), 十三五末 (its last year), 十四五初 (its first year)."""
    first = FIVE_YEAR_PLANS[g["fyp"]]
    part = g["fyp_part"]
    if part == "末":
        return year_value(first + 4, text, {"fuzzy"})
    if part == "初":
        return year_value(first, text, {"fuzzy"})
    return replace(year_value(first, text, {"range"}), end=dt.date(first + 4, 12, 31))


def _year_of(g: dict, ctx: Ctx, flags: set[str]) -> int | None:
    """The year of 2023年 / 22年 / 今年 (the reference's) / 当年 (the anchor's)."""
    if g["y"]:
        return num(g["y"])
    if g["y3"]:
        return ROC_YEAR_OFFSET + int(g["y3"])  # 民国 / ROC years: 113年 is 2024
    if g["y2"]:
        year = 2000 + int(g["y2"])
        return year if year <= ctx.reference.year + TWO_DIGIT_YEAR_AHEAD else year - 100
    if g["yw"] in YEAR_WORDS:
        return ctx.reference.year + YEAR_WORDS[g["yw"]]
    return anchor_year(ctx, YEAR_WORDS_ANCHOR[g["yw"]], flags)


def resolve_year(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """2023年 or 今年, with what follows: a month (and day), a holiday, 前5个月, a part (年底)."""
    flags: set[str] = set()
    year = _year_of(g, ctx, flags)
    if year is None or not 1 <= year <= 9999:
        return None
    if g["ym"]:
        month = num(g["ym"])
        return None if month is None else month_or_day(year, month, num(g["yd"]), g["ymp"], text, flags, num(g["yd2"]))
    if g["hol"]:
        return holiday_value(year, g["hol"], text, flags)
    if g["yfm"] or g["yfq"]:
        return first_period_value(year, g["yfm"], g["yfq"], text, flags)
    if g["yp"]:
        return year_part_value(year, g["yp"], text, flags)
    return year_value(year, text, flags)


def resolve_month(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """3月, 3月17日, 12月初: a month without a year (year picked from the sentence or reference)."""
    month, day = num(g["m"]), num(g["md"])
    if month is None or not 1 <= month <= 12:
        return None
    return month_or_day(pick_year_for(month, day, ctx), month, day, g["mmp"], text, set(), num(g["md2"]))


def resolve_month_word(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """本月, 上月, 当月, 次月 (and a day or part after it: 下月10日, 本月底)."""
    word = g["mw"]
    flags: set[str] = set()
    if word in MONTH_WORDS and ctx.dated_month is not None:
        # 2023年1月9日…本月: the month of the sentence's own explicit date
        y, m = add_months(ctx.dated_month[0], ctx.dated_month[1], MONTH_WORDS[word])
    elif word in MONTH_WORDS:
        y, m = add_months(ctx.reference.year, ctx.reference.month, MONTH_WORDS[word])
    else:
        flags.add("relative")
        base = ctx.anchor.start
        y, m = add_months(base.year, base.month, MONTH_WORDS_ANCHOR[word])
    return month_or_day(y, m, num(g["wd"]), g["wmp"], text, flags, num(g["wd2"]))


def resolve_first_period(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """前5个月 standing alone: the sentence's year, else the latest such period already over."""
    flags: set[str] = set()
    if ctx.year is not None:
        return first_period_value(ctx.year, g["bfm"], g["bfq"], text, flags)
    ref = ctx.reference
    value = first_period_value(ref.year, g["bfm"], g["bfq"], text, flags)
    if value is not None and value.end > ref and not ctx.future:
        value = first_period_value(ref.year - 1, g["bfm"], g["bfq"], text, flags)
    return value


def resolve_bare_year_part(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """上半年, 四季度, 年底 standing alone: the sentence's year, else the latest not after the reference."""
    part = BARE_YEAR_PARTS[g["byp"]]
    if ctx.year is not None:
        return year_part_value(ctx.year, part, text, set())
    ref = ctx.reference
    value = year_part_value(ref.year, part, text, set())
    if value is not None and value.start > ref and not ctx.future and part != "内" and part not in FORWARD_YEAR_PARTS:
        # 四季度 in a February article: last year's (the latest not after the reference)
        value = year_part_value(ref.year - 1, part, text, set())
    return value


def resolve_now(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """目前, 截至发稿: the reference day, as_of."""
    return day_value(ctx.reference, text, {"as_of", "now"})


def resolve_recent(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """近日, 日前: the reference month, fuzzy."""
    return month_value(ctx.reference.year, ctx.reference.month, text, {"fuzzy", "recent"})


def resolve_day_word(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """今天/昨天 (from the reference), 当天/次日 (from the anchor, at its precision)."""
    word = g["dw"]
    if word in DAY_WORDS and ctx.in_quote and ctx.has_anchor and ctx.anchor.precision == "day":
        # “今天…” in reported speech: the day the narrative is at, not the publication day
        return day_value(ctx.anchor.start + dt.timedelta(days=DAY_WORDS[word]), text, {"relative"})
    if word in DAY_WORDS:
        return day_value(ctx.reference + dt.timedelta(days=DAY_WORDS[word]), text, set())
    anchor = ctx.anchor
    if anchor.precision != "day":
        return replace(anchor, text=text, flags=frozenset({"relative", "fuzzy"}))
    return day_value(anchor.start + dt.timedelta(days=DAY_WORDS_ANCHOR[word]), text, {"relative"})


def _monday(ref: dt.date, week_word: str) -> dt.date:
    return ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=WEEK_WORDS[week_word])


def resolve_week_weekday(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """下周一, 本周五: a weekday of a week counted from the reference week."""
    day = g["wd_day"]
    offset = 6 if day == "天" else _WEEKDAYS.index(day)
    return day_value(_monday(ctx.reference, g["wwd"]) + dt.timedelta(days=offset), text, set())


def resolve_weekday(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """周三, 星期三 alone: that day of the reference week."""
    day = g["bwd_day"]
    offset = 6 if day == "天" else _WEEKDAYS.index(day)
    monday = ctx.reference - dt.timedelta(days=ctx.reference.weekday())
    return day_value(monday + dt.timedelta(days=offset), text, set())


def resolve_year_span(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """今明两年: this year to next year, a range at year precision."""
    first, last = YEAR_SPANS[g["ys"]]
    year = ctx.reference.year
    return replace(year_value(year + first, text, {"range"}), end=dt.date(year + last, 12, 31))


def resolve_holiday(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """国庆, 春节, 中秋节 alone: the day (a holiday period such as 国庆假期: its days)."""
    return resolve_holiday_alone(g["bh"], text, ctx)


def resolve_lunar(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """农历八月十五, 2023年农历正月初一: a lunar date as its Gregorian day."""
    return resolve_lunar_date(num(g["ly"]) if g["ly"] else None, g["lm"], g["ld"], text, ctx)


def resolve_numeric_date(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """2023-02-05, 2023/2/5, 2023.2.5."""
    year, month, day = num(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    if year is None or not 1 <= month <= 12 or not 1 <= day <= last_day(year, month):
        return None
    return day_value(dt.date(year, month, day), text, set())


def resolve_decade(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """90年代, 上世纪80年代: ten years, fuzzy (a bare decade under 30 is this century's)."""
    decade = num(g["dec"])
    if decade is None:
        return None
    century = 2000 if g["dec_c"] in ("21世纪", "二十一世纪") or (g["dec_c"] is None and decade < 30) else 1900
    first = century + decade
    return replace(year_value(first, text, {"range", "fuzzy"}), end=dt.date(first + 9, 12, 31))


def resolve_bare_month_part(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """月底, 下旬 standing alone: the sentence's month, else the reference month."""
    if ctx.year is not None and ctx.month is not None:
        year, month = ctx.year, ctx.month
    else:
        year, month = ctx.reference.year, ctx.reference.month
    return month_or_day(year, month, None, BARE_MONTH_PARTS[g["bmp"]], text, set())


def resolve_week(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """本周, 上周: Monday to Sunday of that week, dated by its Monday."""
    monday = _monday(ctx.reference, g["ww"])
    return TimeValue(monday.isoformat(), monday, monday + dt.timedelta(days=6), "day", text,
                     frozenset({"range", "fuzzy"}))


def resolve_offset(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """4天后, 两个月后, 半年前, 一个多月前: the anchor shifted, at no finer precision."""
    unit = g["ru"]
    if g["rn"] == "半":
        if unit == "年":
            n, unit = 6, "个月"
        elif unit in ("个月", "个多月"):
            n, unit = 15, "天"  # 半个月
        else:
            return None
    else:
        n = num(g["rn"])
    if n is None:
        return None
    more = unit == "个多月" or "多" in text
    if unit == "个多月":
        unit = "个月"
    return relative_offset(n, unit, g["rd"] in _BEFORE_WORDS, text, ctx, more)


def resolve_day(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """17日 alone: the sentence's month, else the anchor's (unless it would step back before the anchor's day in
    a month before publication), else the latest not after the reference."""
    day = num(g["d"])
    if day is None:
        return None
    ref = ctx.reference
    anchor = ctx.anchor
    if ctx.year is not None and ctx.month is not None:
        year, month = ctx.year, ctx.month
    elif anchor.precision in ("day", "month") and ctx.has_anchor and not (
            anchor.precision == "day" and day < anchor.start.day and (anchor.start.year, anchor.start.month) < (ref.year, ref.month)):
        year, month = anchor.start.year, anchor.start.month
    else:
        # (9月23日…。行政院会13日通过…, told in November: a day before the story's day in its month is the
        # latest such day before publication, not a step back in September)
        year, month = ref.year, ref.month
        if day > ref.day and not ctx.future:
            year, month = add_months(year, month, -1)
    return month_or_day(year, month, day, None, text, set())


def resolve_slash_date(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """6/19 (Taiwan): a month and day without a year, like 6月19日."""
    month, day = int(g["sl_m"]), int(g["sl_d"])
    return month_or_day(pick_year_for(month, day, ctx), month, day, None, text, set())


def resolve_today(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """今 alone before the day's verb (院会今通过): the publication day."""
    return day_value(ctx.reference, text, set())


def resolve_paren_day(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """今（16）日 / 昨（15）日: the bracketed day of the publication's month (of the month before when it is
    later than the day after publication: 昨（31）日 told on 1 November), whatever the story's date."""
    day, ref = int(g["pd"].translate(_FULLWIDTH)), ctx.reference
    year, month = (ref.year, ref.month) if day <= ref.day + 1 else add_months(ref.year, ref.month, -1)
    try:
        return day_value(dt.date(year, month, day), text, set())
    except ValueError:
        return None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


# The group that starts each scanner alternative, and its resolver, in the scanner's order.
RESOLVERS: tuple[tuple[str, Resolver], ...] = (
    ("yr_a", resolve_year_range),
    ("yp_a", resolve_year_range),
    ("mr_a", resolve_month_range),
    ("fyp", resolve_five_year_plan),
    ("ys", resolve_year_span),
    ("lm", resolve_lunar),
    ("y", resolve_year),
    ("y2", resolve_year),
    ("y3", resolve_year),
    ("yw", resolve_year),
    ("m", resolve_month),
    ("mw", resolve_month_word),
    ("wwd", resolve_week_weekday),
    ("iso_y", resolve_numeric_date),
    ("sl_m", resolve_slash_date),
    ("dec", resolve_decade),
    ("bfp", resolve_first_period),
    ("byp", resolve_bare_year_part),
    ("bmp", resolve_bare_month_part),
    ("pd", resolve_paren_day),
    ("today", resolve_today),
    ("now", resolve_now),
    ("recent", resolve_recent),
    ("dw", resolve_day_word),
    ("ww", resolve_week),
    ("bwd", resolve_weekday),
    ("bh", resolve_holiday),
    ("rn", resolve_offset),
    ("d", resolve_day),
)


def resolve_atom(g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """One scanner match (its groupdict) to a TimeValue, or None when invalid (never raises)."""
    for group, resolver in RESOLVERS:
        if g[group]:
            try:
                return resolver(g, text, ctx)
            except (ValueError, OverflowError):
                return None  # 9999年12月31日的次日, 0年: outside the calendar
    return None

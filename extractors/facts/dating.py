"""Which of a sentence's dates is the date of an event: shared by the meeting, agreement, policy and
project extractors (they read ``context.dates``; nothing here parses a date).

The rules, in order: dates inside a 《》 title, inside the event's own words, or ending in 来
(2020年以来) are never the event's; a date in the event's own clause wins over one further away;
an explicit date wins over a vague relative one (一个多月前，…全会于6月下旬召开); the nearest
date before the event wins over one after it; for named events a bare year right after a day is the
name's label (6月8日，2023年全省…大会). The narrative anchor is the caller's fallback (``narrative``).
"""

import dataclasses
import datetime as dt
import re

from extractors.expressions.temporal_rules import TARGET_BEFORE
from extractors.records import Context
from extractors.rules import CLAUSE_BREAK, SHARED, alternation, clause, inside_title
from extractors.values import TimeValue

__all__ = ["is_vague", "widen_fuzzy", "year_of", "finished_period", "is_baseline", "written_year", "stated_date", "stated_time", "event_time",
           "sentence_has_date", "period_end", "is_since",
           "plan_topic"]

_FUZZY_YEAR_PART = re.compile(r"年[初中]")


def is_vague(tv: TimeValue) -> bool:
    """A relative date without a fixed point (一个多月前, 数日前): any explicit date beats it."""
    return "relative" in tv.flags and "fuzzy" in tv.flags


_WRITTEN_YEAR = re.compile(r"\d{2,4}年|[〇零一二三四五六七八九]{2,4}年|[今去前明]年|上年|同年|当年|本年")


def written_year(tv: TimeValue) -> bool:
    """Whether a date's words state its year (2024年, 去年, 113年), not only a part of some year."""
    return bool(_WRITTEN_YEAR.search(tv.text))


def finished_period(tv: TimeValue | None, reference: dt.date) -> TimeValue | None:
    """A figure reported for a period written without a year (一季度, 全年, 上半年) that has barely begun at the
    publication: the period of the year before (一季度 or 全年 told on 2024-01-12 are 2023's)."""
    if tv is None or tv.end <= reference or tv.precision == "day" or _WRITTEN_YEAR.search(tv.text):
        return tv
    if (reference - tv.start).days * 3 > (tv.end - tv.start).days:
        return tv  # a third of it gone: this year's period, reported as it runs (上半年 told in March)
    if tv.flags & {"target", "now", "since", "relative", "recent"}:
        return tv
    try:
        start, end = tv.start.replace(year=tv.start.year - 1), tv.end.replace(year=tv.end.year - 1)
    except ValueError:  # 29 February
        return tv
    return TimeValue(f"{start.year:04d}{tv.date[4:]}", start, end, tv.precision, tv.text, tv.flags)


# A date right after these is a comparison's baseline (是2021年的5倍, 比上年, 较去年同月), not when anything holds.
BASELINE_BEFORE = frozenset("比较是于")
_WITH = frozenset("与和同跟")
_COMPARED_AFTER = re.compile(r"(?:同期|同月|同季)?(?:相比|比较|相较|对比)")


def is_baseline(sentence: str, start: int, dates: list[tuple[int, int, TimeValue]],
                markers: frozenset[str] = BASELINE_BEFORE) -> bool:
    """Whether the date at ``start`` is a baseline: after one of ``markers`` (比, 较…), or going on a date that
    is (较去年同月), or the term of 与…相比 (与2024年第4季比较, 今季…)."""
    end = next((e for s, e, _ in dates if s == start), start)
    if sentence[max(0, start - 1):start] in _WITH and _COMPARED_AFTER.match(sentence, end):
        return True
    while True:
        if sentence[max(0, start - 1):start] in markers:
            return True
        before = next((s for s, e, _ in dates if e == start), None)
        if before is None:
            return False
        start = before


def month_now(tv: TimeValue) -> TimeValue:
    """The month of a day, flagged "now" (目前, 正在: a state at publication is read to the month)."""
    if tv.precision != "day":
        return dataclasses.replace(tv, flags=tv.flags | {"now"})
    first = tv.start.replace(day=1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return TimeValue(first.strftime("%Y-%m"), first, last, "month", tv.text, tv.flags | {"now"})


def year_of(tv: TimeValue) -> TimeValue:
    """The whole year ``tv`` starts in."""
    year = tv.start.year
    return TimeValue(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), "year", tv.text, tv.flags)


def widen_fuzzy(tv: TimeValue) -> TimeValue:
    """年初 / 年中 say no month: keep the year (precision is never invented)."""
    if "fuzzy" in tv.flags and _FUZZY_YEAR_PART.search(tv.text):
        return year_of(tv)
    return tv


# A period's end is stated at these precisions (上半年 ends in June: "2024-06", never "2024-06-30").
_END_PRECISION = {"quarter": "month", "half": "month"}


def _iso(day: dt.date, precision: str) -> str:
    """ISO text of ``day`` at a day, month or year precision."""
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": f"{day.year:04d}"}[precision]


# 自3月启动以来, 2018年成立以来: a few words between the date and its 以来.
_SINCE_TAIL = re.compile(r"[^，,。；;：:、\d]{0,6}?以来")


def is_since(tv: TimeValue, sentence: str = "", end: int = 0) -> bool:
    """A "since" phrase (2020年以来, 自3月启动以来, 3年来): it starts a period, it is no figure's time.
    ``sentence`` and ``end`` (the date's end in it) let a verb stand between the date and its 以来."""
    return "since" in tv.flags or tv.text.endswith("来") or bool(sentence and _SINCE_TAIL.match(sentence, end))


def period_end(tv: TimeValue) -> TimeValue:
    """A period used as a figure's time holds at its END at the period's precision, bounds kept whole:
    1—4月 -> "2024-04", 上半年 / 一季度 -> the end month, 2020—2022年 -> "2022"; others unchanged."""
    precision = _END_PRECISION.get(tv.precision, tv.precision)
    if precision == tv.precision and "range" not in tv.flags:
        return tv
    if precision not in ("day", "month", "year"):
        return tv
    return TimeValue(_iso(tv.end, precision), tv.start, tv.end, precision, tv.text, tv.flags)


def plan_topic(sentence: str, dates: list[tuple[int, int, TimeValue]], reference: dt.date) -> TimeValue | None:
    """The year of a plan that opens the sentence as its topic (今年，我们将聚焦…), flagged "target": it
    dates the plan's undated figures in the sentences that follow (“联”方面，新建5G基站3万个), else None."""
    if not dates:
        return None
    start, end, value = dates[0]
    if start > 0 or value.precision != "year" or value.end.year < reference.year or "since" in value.flags:
        return None
    if sentence[end:end + 1] not in ("，", ","):
        return None
    rest = CLAUSE_BREAK.search(sentence, end + 1)
    if TARGET_BEFORE.search(sentence, end + 1, rest.start() if rest else len(sentence)) is None:
        return None
    return TimeValue(value.date, value.start, value.end, value.precision, value.text, value.flags | {"target"})


# 2022年第二季度重大项目集中开工: a date that labels a batch is not when anything in the sentence happened.
DATE_LABEL = re.compile(alternation(SHARED["date_labels"]))


def usable_dates(sentence: str, context: Context, start: int, end: int,
                 exclude: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int, TimeValue]]:
    """The sentence's dates that can date an event at [start, end) (none inside ``exclude`` spans)."""
    return [(s, e, tv) for s, e, tv in context.dates
            if not inside_title(sentence, s) and not (start <= s < end) and not is_since(tv, sentence, e)
            and not DATE_LABEL.match(sentence, e)
            and not any(a <= s < b for a, b in exclude)]


def sentence_has_date(sentence: str, context: Context) -> bool:
    """Whether the sentence states any date of its own (titles aside)."""
    return any(not inside_title(sentence, s) for s, _, _ in context.dates)


def stated_date(sentence: str, context: Context, start: int, end: int, *,
                own_clause_first: bool = False,
                skip_targets: bool = False, exclude: tuple[tuple[int, int], ...] = (),
                year_labels: bool = False) -> tuple[int, int, TimeValue] | None:
    """The date the sentence states for the event at [start, end), with its position, or None.

    ``own_clause_first``: a date anywhere in the event's clause (also after it) wins over a nearer one
    in an earlier clause (a milestone's own date). ``skip_targets``: plans (到2027年) date no record.
    ``exclude``: spans whose dates belong to something else (a date inside a project's name).
    ``year_labels``: a bare year right before the event after a fuller date labels its name
    (6月8日，2023年全省…大会: the day is the meeting's).
    """
    dates = usable_dates(sentence, context, start, end, exclude)
    if skip_targets:
        dates = [d for d in dates if "target" not in d[2].flags or "relative" in d[2].flags]
    if not dates:
        return None
    clause_start, clause_end = clause(sentence, start, end)
    dates = _explicit_first(dates, clause_start, clause_end)
    before = [d for d in dates if d[1] <= start]
    if (year_labels and len(before) > 1 and before[-1][2].precision == "year" and before[-2][2].precision != "year"
            and not CLAUSE_BREAK.search(sentence, before[-1][1], start)):
        before.pop()  # 6月8日，2023年全省…大会: the year is part of the name, the day is the event's
    after = [d for d in dates if end <= d[0] < clause_end]
    if own_clause_first:
        own_before = [d for d in before if d[0] >= clause_start]
        if own_before:
            return own_before[-1]
        if after:
            return after[0]
    return before[-1] if before else after[0] if after else None


def _explicit_first(dates: list[tuple[int, int, TimeValue]], clause_start: int,
                    clause_end: int) -> list[tuple[int, int, TimeValue]]:
    """Vague relative dates dropped where an explicit one can date the event instead (in its clause,
    or anywhere when its clause has none): 一个多月前，…于6月下旬召开."""
    own = [d for d in dates if clause_start <= d[0] and d[1] <= clause_end]
    if any(not is_vague(d[2]) for d in own) or not own and any(not is_vague(d[2]) for d in dates):
        return [d for d in dates if not is_vague(d[2])]
    return dates


def stated_time(sentence: str, context: Context, start: int, end: int, **options: object) -> TimeValue | None:
    """The date the sentence states for the event at [start, end) (see ``stated_date``), or None."""
    found = stated_date(sentence, context, start, end, **options)  # type: ignore[arg-type]
    return widen_fuzzy(found[2]) if found else None


# 会上, 会后, 仪式上 …, and the event named (座谈会上, 签约仪式上, 推介会期间)
CONTINUES = re.compile(rf"(?:{alternation(SHARED['continues_markers'])}"
                       r"|[\u4e00-\u9fff]{1,8}?(?:会|仪式|活动)(?:上|后|期间|现场))")


def continues_narrative(sentence: str, clause_start: int) -> bool:
    """Whether the clause opening at ``clause_start`` reports what happened at the event just told (会上…,
    also when the marker is a clause of its own before it: 会前，省政府与…签署)."""
    if CONTINUES.match(sentence, clause_start):
        return True
    if clause_start < 2:
        return False
    before_start, _ = clause(sentence, clause_start - 2, clause_start - 1)
    return bool(CONTINUES.fullmatch(sentence, before_start, clause_start - 1))


def event_time(sentence: str, context: Context, start: int, end: int, *, use_anchor: bool = True,
               precisions: tuple[str, ...] = ("day",),
               skip_targets: bool = False, continues: bool = False, year_labels: bool = False,
               exclude: tuple[tuple[int, int], ...] = ()) -> TimeValue | None:
    """The date of the event at [start, end): the one the sentence states, else the narrative anchor
    (when ``use_anchor`` and the anchor has one of ``precisions``). When the event's clause continues the
    narrative (``continues``: 会上, 会议期间, 仪式上), a bare year stated in another clause yields to a
    day anchor inside that year (2025年…；会上，…签署…: the narrative's day)."""
    found = stated_date(sentence, context, start, end, skip_targets=skip_targets,
                        year_labels=year_labels, exclude=exclude)
    stated = widen_fuzzy(found[2]) if found else None
    if found is None and continues and context.meeting is not None:
        return context.meeting  # 会前，省政府与…签署: the meeting's day, whatever its report told in between
    anchor = context.anchor
    if not use_anchor or anchor is None or anchor.precision not in precisions:
        return stated
    if found is None:
        return anchor
    clause_start, clause_end = clause(sentence, start, end)
    elsewhere = not (clause_start <= found[0] and found[1] <= clause_end)
    if (continues and elsewhere and stated.precision == "year" and anchor.precision == "day"
            and stated.start <= anchor.start <= stated.end and "relative" not in stated.flags):
        return anchor
    return stated


def _is_period(tv: TimeValue) -> bool:
    """A stretch of months read as one time: 上半年, 一季度, 前三季度, 1—4月, 前8个月 (not 2023年, not a day)."""
    return tv.precision in ("quarter", "half") or ("range" in tv.flags and tv.precision == "month"
                                                    and tv.start.year == tv.end.year and tv.start != tv.end)


def figure_time(tv: TimeValue | None, published: TimeValue | None = None) -> TimeValue | None:
    """When a figure holds: a period's END at month precision, the bounds the whole period
    (2025年1—4月 → 2025-04 from 2025-01-01; 上半年 → 2025-06; 一季度 → 2025-03); a period running up to now
    (今年以来, 2020年以来) holds at the publication date; other dates as they are."""
    if tv is not None and "since" in tv.flags:
        return published
    if tv is None or not _is_period(tv):
        return tv
    return TimeValue(f"{tv.end.year:04d}-{tv.end.month:02d}", tv.start, tv.end, "month", tv.text,
                     tv.flags | {"period_end"})


def event_in_period(tv: TimeValue | None) -> TimeValue | None:
    """When an event happened: 目前 / 现在 mark a state, not an event's date (目前…正在加快建设 → no date); at
    an unstated time inside a reported period, the smallest precision that holds the whole period
    (今年上半年…建成投运 → the year; 2025年1—4月 → 2025)."""
    if tv is not None and "now" in tv.flags:
        return None
    if tv is None or not _is_period(tv):
        return tv
    year = tv.start.year
    return TimeValue(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), "year", tv.text, tv.flags)

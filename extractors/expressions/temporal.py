"""Resolve Chinese date expressions to TimeValues at their real precision.

Rules are data (extractors/lexicons/temporal.yaml, compiled in extractors/temporal_rules.py);
this module interprets one scanner match ("atom") at a time, merges ranges, and resolves
against the article's reference date and the narrative anchor. Nothing defaults to "now".

Conventions:
- A range (4月22日至30日, 1—4月, 2020—2022年, 十四五期间) is dated by its first end at that
  end's precision; start/end span the whole range; flag "range".
- Fuzzy periods keep honest bounds: 12月初 = month 12, days 1–10; 年底/年末 = December;
  年初/年中/春季 = the year only (precision "year"), bounds Jan–Mar / Jun–Jul / Mar–May.
- Bare month(-day)s take the year of an explicit date earlier in the sentence, else the
  latest such date not after the reference, or the earliest not before it when the clause
  marks the future (预计, 计划, 将, 力争, 到…, …前). Across the new year the nearest wins: a
  date at most 31 days after the reference in the next year (1月 in a 30 December article) is
  next year's. Holidays (国庆, 元旦) and lunar festivals (春节, 中秋, via lunardate) alone pick
  their year the same way and give a day; 国庆假期/国庆黄金周 are the range 1–7 October.
  下半年 and 下月 never go back a year; a range spanning the reference (1月至4月 in February)
  stays in the reference year. 22年3月 is 2022 (two-digit years only before a month).
- Flags: as_of (截至…, 到…为止, 到+past date, 目前/至今), target (plans and any date after
  the reference), since (…以来, …起), before (…前), relative (against the anchor: 当天,
  次日, 4天后, 当年), fuzzy, now (目前…), recent (近日/日前 = the reference month),
  end_of_period (2022年底, 6月底, 上月底: month precision, shown as 年底/月底), holiday (a holiday
  named alone: never moves the narrative anchor), lunar (农历八月十五).
"""


import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from extractors.expressions.temporal_atoms import Ctx, as_time_value
from extractors.expressions.temporal_resolvers import resolve_atom
from extractors.expressions.temporal_rules import (
    AS_OF_AFTER,
    AS_OF_BEFORE,
    BEFORE_AFTER,
    RANGE_GAP,
    SCAN,
    SINCE_AFTER,
    TARGET_AFTER,
    TARGET_BEFORE,
    TO_BEFORE,
    key_search,
)
from extractors.rules import SENTENCE_BREAK, clause
from extractors.values import TimeValue


# --- flags from the words around an expression --------------------------------------------

def _context_flags(text: str, start: int, end: int, value: TimeValue, ctx: Ctx) -> tuple[TimeValue, int, int]:
    """Add as_of / target / since flags from the surrounding words; widen the span over them."""
    flags = set(value.flags)
    start, jiezhi = _flags_before(text, start, value, ctx, flags)
    value, end = _flags_after(text, end, value, ctx, flags)
    if value.start > ctx.reference or value.text.endswith("年内"):
        flags.add("target")
    if "target" in flags and "as_of" in flags:
        if value.end > ctx.reference:
            flags.discard("as_of")
        elif jiezhi:
            flags.discard("target")  # 截至2021年底 in a later article: a figure's as-of date, never a plan
    return TimeValue(value.date, value.start, value.end, value.precision, text[start:end], frozenset(flags)), start, end


def _flags_before(text: str, start: int, value: TimeValue, ctx: Ctx, flags: set[str]) -> tuple[int, bool]:
    """截至… (as_of, span widened), 到… (target or as_of), a plan's clause (target); True after 截至."""
    before = text[max(0, start - 12):start]
    m = AS_OF_BEFORE.search(before)
    if m:
        flags.add("as_of")
        start -= len(before) - m.start()
    elif TO_BEFORE.search(before):
        # 到2025年 is a target; 到2022年底 in a 2023 article is the figure's as-of date
        flags.add("target" if value.end > ctx.reference else "as_of")
    if "now" in flags:
        pass  # 目前, 至今: the publication date, never a plan
    elif ctx.plan or (ctx.by and "as_of" not in flags):
        flags.add("target")
        if ctx.plan and m is None:
            flags.discard("as_of")  # 计划到2022年底建成: a plan's deadline, not a figure's as-of date
    return start, m is not None


# 昨日开始铺轨: 开始 before a verb says the event started that day; it opens no period (从今年开始，… does).
_INCEPTIVE = re.compile(r"开始[\u4e00-\u9fff]")


def _flags_after(text: str, end: int, value: TimeValue, ctx: Ctx, flags: set[str]) -> tuple[TimeValue, int]:
    """…为止 (as_of), …以来/起 (since, up to the reference), …前 (before), …前后 (fuzzy), …将 (target)."""
    after = text[end:end + 4]
    m = AS_OF_AFTER.match(after)
    if m:
        flags.add("as_of")
        end += m.end()
    elif (m := SINCE_AFTER.match(after)) is not None and not _INCEPTIVE.match(text, end + m.end() - 2):
        flags.add("since")
        end += m.end()
        if m.group().strip() in ("以来", "至今") and value.start <= ctx.reference:
            value = replace(value, end=ctx.reference)  # 2020年以来: from 2020 up to publication
        else:
            value = replace(value, end=max(value.end, ctx.reference))
    elif (m := BEFORE_AFTER.match(after)) is not None:
        # 2025年前 / 5月10日之前: a deadline; 2020年前后: around that time
        end += m.end()
        flags.add("fuzzy" if m.group(1) in ("前后", "左右") else "before")
        if "before" in flags and value.end > ctx.reference:
            flags.add("target")
    elif TARGET_AFTER.match(after) and value.end > ctx.reference:
        flags.add("target")
    return value, end


def _clause_future(text: str, start: int) -> str:
    """How the clause before `start` marks the future: "plan" (预计, 计划, 将…), "by" (到…), or ""."""
    window = text[max(0, start - 24, clause(text, start, start)[0]):start]
    if TARGET_BEFORE.search(window) is not None:
        return "plan"
    # 到6月底 (not 截至到…): "by" a date marks it as still to come
    return "by" if window.rstrip().endswith("到") and AS_OF_BEFORE.search(window) is None else ""


def _clause_plans_after(text: str, end: int) -> bool:
    """Does the rest of the clause name a plan (下半年他还计划…)? Steers bare dates forward."""
    window = text[end:min(end + 10, clause(text, end, end)[1])]
    return TARGET_BEFORE.search(window) is not None


# --- public API ----------------------------------------------------------------------------

def find(text: str, *, reference: dt.date, anchor: "dt.date | TimeValue | None" = None) -> list[tuple[int, int, TimeValue]]:
    """Every date expression in a sentence as (start, end, TimeValue), in order, non-overlapping."""
    if key_search(text) is None:
        return []  # no date word, no 年/月/日: nothing to resolve (most sentences)
    if isinstance(reference, dt.datetime):
        reference = reference.date()  # a datetime is accepted; only its day counts
    ctx: Ctx | None = None
    found: list[tuple[int, int, TimeValue]] = []
    for m in _atoms(text):
        if ctx is None:  # built on the first candidate only: most keyed sentences have none
            ctx = Ctx(reference=reference, anchor=as_time_value(anchor, reference), future=False,
                      has_anchor=anchor is not None)
        _read_clause(ctx, text, *m.span())
        _add_atom(found, m, text, ctx)
    if len(found) > 1:
        found = _yield_vague(text, found)
    return found


def _read_clause(ctx: Ctx, text: str, start: int, end: int) -> None:
    """Set what the clause around an atom says: a plan, a deadline (到…), the future, a quote."""
    marker = _clause_future(text, start)
    ctx.plan = marker == "plan"
    ctx.by = marker == "by"
    ctx.future = bool(marker) or TARGET_AFTER.match(text, end) is not None or _clause_plans_after(text, end)
    ctx.in_quote = _in_quote(text, start)
    if ctx.year_planned and not ctx.future and _DONE_CLAUSE.search(text, _clause_start(text, start), end + 4):
        # 计划到2025年底建成投产，目前1月份已投资…: a plan's year does not date what is already done
        ctx.year = ctx.month = ctx.dated_month = None
        ctx.year_planned = False


_QUOTE_MARK = re.compile("[“”]")
_DONE_CLAUSE = re.compile("目前|已经|已|截至|如今|现在|累计")
_CLAUSE_MARK = re.compile("[，,；;。：:]")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last comma, semicolon or stop before it)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, 0, pos)]
    return marks[-1] if marks else 0
_AROUND_HOLIDAY = re.compile(r"(?:前后|前夕|过后|假期|长假|期间|前|后)")


def _in_quote(text: str, start: int) -> bool:
    """Whether ``start`` sits in reported speech: an open “ before it, or the next quote mark after it closes one
    (a sentence split off inside a quote: …服务。今天在这里举行开工仪式，…贡献。”)."""
    if text.startswith("“") or text.count("“", 0, start) > text.count("”", 0, start):
        return True
    after = _QUOTE_MARK.search(text, start)
    return after is not None and after.group() == "”" and "“" not in text[:start]


def _add_atom(found: list[tuple[int, int, TimeValue]], m: re.Match, text: str, ctx: Ctx) -> None:
    """Resolve one scanner match and append it to `found`, or fold it into the previous expression."""
    start, end = m.span()
    g = m.groupdict()
    value = resolve_atom(g, text[start:end], ctx)
    if value is None:
        return
    if found and start < found[-1][1]:
        return  # already inside the previous expression (2022年至今 took 至今)
    if found and not g["now"] and not g["recent"] and not g["dw"] and not g["rn"] and _join(found, g, text, start, end, ctx):
        return
    if g["now"] and g["now"].startswith(("至", "迄")) and found and found[-1][1] == start:
        # 2022年至今: from that date to the reference.
        p_start, _, prev = found[-1]
        found[-1] = (p_start, end, replace(prev, end=ctx.reference, text=text[p_start:end],
                                           flags=prev.flags | {"range", "since"}))
        return
    value, start, end = _context_flags(text, start, end, value, ctx)
    if "holiday" in value.flags and _AROUND_HOLIDAY.match(text, end):
        # 春节后的首个工作日, 国庆期间: a time around the holiday, not its day; any explicit date beats it
        value = replace(value, flags=value.flags | {"relative", "fuzzy"})
    if found and start < found[-1][1]:
        start = found[-1][1]
    found.append((start, end, value))
    _remember(ctx, value, g)


def _join(found: list[tuple[int, int, TimeValue]], g: dict, text: str, start: int, end: int, ctx: Ctx) -> bool:
    """Fold an atom into the previous one: a range (4月22日至30日) or 2022年 + 1—4月. True if folded."""
    p_start, p_end, prev = found[-1]
    gap = text[p_end:start]
    if gap and RANGE_GAP.fullmatch(gap) and "range" not in prev.flags:
        # A range: previous atom, a connector (至/—/到), then this atom.
        merged = _merge_range(prev, g, text[start:end], ctx)
        if merged is not None:
            found[-1] = (p_start, end, replace(merged, text=text[p_start:end]))
            return True
    if not gap and not g["y"] and not g["y2"] and not g["y3"] and not g["yw"] and prev.precision == "year" and "range" not in prev.flags \
            and (g["m"] or g["mr_a"]):
        # 2022年 + 1—4月 written together: one expression.
        ctx.year = prev.start.year
        value = resolve_atom(g, text[p_start:end], ctx)
        if value is not None:
            value, _, end = _context_flags(text, p_start, end, value, ctx)
            found[-1] = (p_start, end, value)
            _remember(ctx, value, g)
        return True
    return False


def _explicit(value: TimeValue) -> bool:
    """A date the text states (6月下旬, 2023年1月11日), not one inferred or planned."""
    return value.precision in ("day", "month") and not value.flags & {"relative", "now", "recent", "target"}


def _yield_vague(text: str, found: list[tuple[int, int, TimeValue]]) -> list[tuple[int, int, TimeValue]]:
    """A vague relative date (一个多月前) gives way to an explicit date later in its sentence.

    一个多月前，…全会于6月下旬召开: the event is dated by 6月下旬; the vague offset only sets the scene.
    """
    kept = []
    for i, item in enumerate(found):
        start, end, value = item
        if "relative" in value.flags and "fuzzy" in value.flags:
            later = next((s for s, _, v in found[i + 1:] if _explicit(v)), None)
            if later is not None and SENTENCE_BREAK.search(text, end, later) is None:
                continue
        kept.append(item)
    return kept


def _atoms(text: str) -> Iterator[re.Match]:
    """The scanner's matches, scanning only the clauses that hold a key character (same result)."""
    key = key_search(text)
    while key is not None:
        lo, hi = clause(text, key.start(), key.start())
        yield from SCAN.finditer(text, lo, hi)
        key = key_search(text, hi)


def _merge_range(prev: TimeValue, g: dict, text: str, ctx: Ctx) -> TimeValue | None:
    """4月22日至30日, 1月至4月, 2021年至2023年: the second end takes missing fields from the first."""
    saved = (ctx.year, ctx.month)
    ctx.year, ctx.month = prev.start.year, prev.start.month
    try:
        second = resolve_atom(g, text, ctx)
    finally:
        ctx.year, ctx.month = saved
    if second is None or second.end < prev.start:
        return None
    flags = (set(prev.flags) | set(second.flags) | {"range"}) - {"since", "as_of"}
    # A range spanning the reference (1月至4月 in a February article) stays in the reference year:
    # its first end was picked as the latest not after the reference, so the range is under way.
    return replace(prev, end=second.end, flags=frozenset(flags))


def _remember(ctx: Ctx, value: TimeValue, g: dict) -> None:
    """Later atoms of the sentence take the year/month of an explicit date and use it as anchor."""
    if g["y"] or g["y2"] or g["y3"] or (g["yw"] and value.precision != "year"):
        ctx.year = value.start.year
        ctx.month = value.start.month if value.precision in ("day", "month") else None
        ctx.dated_month = (ctx.year, ctx.month) if ctx.month is not None else None
        ctx.year_planned = "target" in value.flags
    elif g["m"] and ctx.year is None:
        pass
    elif g["m"]:
        ctx.month = value.start.month
    new_anchor = advance_anchor(ctx.anchor, [(0, 0, value)])
    if new_anchor is not None and new_anchor is not ctx.anchor:
        ctx.anchor = new_anchor
        ctx.has_anchor = True


def resolve(text: str, *, reference: dt.date, anchor: "dt.date | TimeValue | None" = None) -> TimeValue | None:
    """Resolve the first date expression in `text` (e.g. "2022年11月底"), or None."""
    found = find(text, reference=reference, anchor=anchor)
    return found[0][2] if found else None


def advance_anchor(anchor: TimeValue | None, found: list[tuple[int, int, TimeValue]],
                   reference: dt.date | None = None) -> TimeValue | None:
    """The narrative anchor after a sentence: its explicit, non-target dates taken in order.

    Day and month dates always move it (a range counts from its start), except a figure's cut-off (截至10月底). Year, half and
    quarter dates move it only when they leave the anchor's period (2020年 after
    2023年1月11日 moves it, so 同年/当年 read 2020; 2023年 keeps 1月11日, also within one
    sentence: 11月18日，2025年度…座谈会 stays at 11月18日). Targets (plans),
    目前/近日-style words and whole weeks never move it, nor (given the ``reference``) a date that starts
    after it.
    """
    for _, _, value in found:
        if reference is not None and value.start > reference:
            continue  # 2022年…由贵州省承办, told in 2021: what is still to come is not where the story is
        if "recent" in value.flags and anchor is None and "fuzzy" in value.flags and value.precision == "month":
            anchor = value  # 日前…召开…会议。会议审议了…: an article that opens 日前 is set in that month
            continue
        if value.flags & {"target", "now", "recent", "holiday", "as_of"}:
            continue  # (春节后上班第一天: a holiday named in passing, 截至10月底: a figure's cut-off, not where the story is)
        if "fuzzy" in value.flags and ("range" in value.flags or "relative" in value.flags):
            continue  # 本周, 一个多月前
        if value.precision in ("day", "month"):
            anchor = value
        elif "since" in value.flags or "range" in value.flags:
            continue  # 2020年以来, 2020—2022年: spans, not a point the story is at
        elif anchor is None or not value.start <= anchor.start <= value.end:
            anchor = value
    return anchor

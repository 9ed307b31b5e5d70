"""What the part of a sentence before its semicolon carries into the next part (split off as a sentence of
its own): a 截至 or target date (截至去年底，…；鸟类增加到… / 到2027年，…；…) and the time its figures hold at
(今年上半年，…增长8.2%；实际使用外资…)."""

import re

from extractors.facts import dating
from extractors.facts.statistic_lexicon import LEXICON
from extractors.records import Context
from extractors.rules import inside_title
from extractors.values import TimeValue

# The end of a sentence's first part: what it dates carries into the next part.
SAME_SENTENCE_ENDS = ("；", ";")

_DIGIT = re.compile(r"[0-9０-９]")


def first_figure(text: str, dates: list[tuple[int, int, TimeValue]]) -> int:
    """Where the first number outside a date expression stands in ``text`` (its length if none)."""
    for m in _DIGIT.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in dates):
            return m.start()
    return len(text)


def _first_part(context: Context) -> list[tuple[int, TimeValue]] | None:
    """The dates (start, value) before the figures of the sentence's part before a semicolon, outside titles
    (预计12月完工 after the figures is their own plan); None when the previous sentence is no such part."""
    previous = context.previous
    if not previous.rstrip().endswith(SAME_SENTENCE_ENDS):
        return None
    first = first_figure(previous, context.previous_dates)
    return [(d_start, value) for d_start, _, value in context.previous_dates
            if d_start < first and not inside_title(previous, d_start)]


def carried_date(context: Context) -> TimeValue | None:
    """The 截至 or target date that ends the sentence's first part before a semicolon, or None.

    截至去年底，水质连续7年保持Ⅱ类；鸟类增加到374种 — the second part is split off as a sentence
    of its own, but 截至去年底 still dates it (and 到2027年，…；… still makes it a plan).
    """
    part = _first_part(context)
    governing = [value for d_start, value in part or []
                 if context.previous[d_start - 1 : d_start] not in dating.BASELINE_BEFORE]
    if not governing:
        return None
    last = governing[-1]
    if "as_of" in last.flags or "target" in last.flags or last.text.startswith(LEXICON.cues["as_of_prefixes"]):
        return last
    return None


def first_part_time(context: Context) -> TimeValue | None:
    """The time the sentence's part before a semicolon dates its figures by (今年上半年，…增长8.2%；实际使用
    外资…: the half-year), or None: every figure of one sentence shares it."""
    part = _first_part(context)
    times = [value for d_start, value in part or []
             if not dating.is_baseline(context.previous, d_start, context.previous_dates)
             and "since" not in value.flags and "target" not in value.flags]
    return times[-1] if times else None


def carried_flag(value: TimeValue) -> str:
    """How a carried date flags the figures after it: "as_of" (截至…) or "target" (到2027年)."""
    if "target" in value.flags and not value.text.startswith(LEXICON.cues["as_of_prefixes"]):
        return "target"
    return "as_of"


# A sentence that breaks down the previous one's figure (其中，…; 分行业看，…; 按经营单位所在地分，…; 同期，…), or goes on
# after its semicolon, states figures of the same period.
# 性别占比方面，…; 按根本死因分析，… (a statistics office's release going through one period's figures)
_BREAKDOWN = re.compile(r"^(?:其中|同期|分[\u4e00-\u9fff]{1,6}看|按[\u4e00-\u9fff]{1,8}(?:分析|分)|从[\u4e00-\u9fff]{1,6}(?:看|来看)"
                        r"|[\u4e00-\u9fff]{2,8}方面[，,])")


def opens_breakdown(sentence: str) -> bool:
    """Whether the sentence opens as a breakdown of the previous one's figures (see _BREAKDOWN)."""
    return _BREAKDOWN.match(sentence.lstrip()) is not None


def breaks_down(sentence: str, context: Context) -> bool:
    """Whether the sentence continues the previous sentence's figures: a breakdown, or the part after its semicolon."""
    return opens_breakdown(sentence) or context.previous.rstrip().endswith(SAME_SENTENCE_ENDS)

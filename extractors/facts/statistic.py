"""Statistics: every substantive figure in a sentence, with its subject, as-of date and target flag.

The extractor never reads digits or dates itself: it walks ``context.quantities``
(extractors.numbers) and ``context.dates`` (extractors.temporal), drops what is not
a fact (``FILTERS``: ordinals, dates, ages, durations, rhetoric counts such as
六个方面, 三篇“文章” or 从三个层次, group names such as 三省一市, a region's own units
such as 全省16个设区市), and lets the first matching rule of ``RULES`` decide how the
figure is dated. A 截至 or target date before a semicolon still dates the part after it.
Word lists live in extractors/lexicons/statistic.yaml; filters and rules in
extractors/statistic_rules.py.
"""

import dataclasses
import re
from dataclasses import dataclass, field

from extractors.facts import dating
from extractors.records import Context, Span, StatisticRecord
from extractors.rules import CLAUSE_BREAK, Rule, clause, inside_title
from extractors.facts.statistic_subject import (change_source, chain_end, name_bare_specs, subject_of, topic_start_of,
                                                topic_window)
from extractors.facts.statistic_quantities import FIGURE_CHAR, all_quantities
from extractors.facts.statistic_carried import (breaks_down, carried_date, carried_flag, first_part_time,
                                                opens_breakdown)
from extractors.facts.statistic_lexicon import LEXICON
from extractors.facts.statistic_rules import (
    FILTERS,
    NP_BREAK_OR_STOP,
    NP_MAX,
    CHANGE_TO,
    RULES,
    Figure,
    blank_quoted,
)
from extractors.values import Quantity, TimeValue

__all__ = [
    "RULES",
    "FILTERS",
    "Rule",
    "Candidate",
    "all_quantities",
    "extract",
    "find_candidates",
    "reject_reason",
    "rule_names",
]

# A sentence that does not end like one is a headline, a deck or a caption: its
# figures repeat the article's (总规模300亿元 under 双城经济圈首只发展基金将落地…).
SENTENCE_FINAL = frozenset("。！？；.!?;…”’\"」』）)")
HEADLINE_MAX = 80  # longer unpunctuated text is body text that lost its full stop
# …as is text with two commas or more (or three enumeration commas) that the page does not lay out as a heading
# (an excerpt cut mid-sentence)
_PROSE_COMMA = re.compile("[，,]")
BASELINE_BEFORE = dating.BASELINE_BEFORE
# Words that only look like target cues (将近 "nearly", 即将 "about to").
NOT_TARGET = re.compile("|".join(re.escape(word) for word in LEXICON.cues["not_target"]))
_MONEY_SCALE = re.compile("[万亿]$")
# A sentence about the meeting just told (大会共签约…, 会议期间…, 本届…): its figures are the meeting's.
_OF_THE_MEETING = re.compile(r"\s*(?:大会|会议期间|会上|本届|本次会议|此次会议|论坛期间)")
_MONEY_BEFORE = re.compile("(?:" + "|".join(map(re.escape, sorted(LEXICON.cues["money_before"], key=len, reverse=True)))
                           + r")(?:了|达|约|超|近|共|为|分别)?$")
AS_OF_NOW = re.compile("|".join(re.escape(word) for word in LEXICON.cues["as_of_now"]))
# Words that mark a figure as achieved: a plan cue before them does not reach it.
ACTUAL_CUE = re.compile("|".join(re.escape(w) for w in LEXICON.cues["as_of_now"] + LEXICON.cues["achieved"]))
# The span of a figure: its clause, widened when shorter than this, cut when longer.
SPAN_MIN, SPAN_MAX = 8, 60
QUALIFIER_WINDOW = 6
# The filters' tests alone, for the hot path (reject_reason reports the names).
FILTER_TESTS = tuple(applies for _, applies in FILTERS)


@dataclass(slots=True)
class Candidate:
    """One quantity of the sentence that survived the filters, with the views rules look at."""

    sentence: str
    start: int
    end: int
    quantity: Quantity
    unit: str
    unit_class: str
    clause_start: int
    clause_end: int
    date_flags: str
    others: tuple[tuple[int, int], ...] = ()  # spans of every quantity of the sentence
    carried: TimeValue | None = None  # a 截至 / target date of the sentence's part before a semicolon
    cue_cache: str | None = field(default=None, repr=False, compare=False)

    @property
    def cue_text(self) -> str:
        """The sentence before the figure with names, titles and false cues blanked out."""
        if self.cue_cache is None:
            self.cue_cache = _blank_non_cues(blank_quoted(self.sentence[: self.start]))
        return self.cue_cache

    def view(self, name: str) -> str:
        """The text a rule with ``view == name`` matches its pattern against."""
        if name == "kind":
            return self.quantity.kind
        if name == "unit_class":
            return self.unit_class
        if name == "date_flags":
            return self.date_flags
        if name == "before":
            return self.cue_text
        if name == "plan":
            # A plan cue counts only if no 目前 / 已 comes between it and the figure
            # (计划投资10亿元，目前已完成5亿元: 5亿元 is achieved).
            text = self.cue_text
            return text[_last_actual_cue(text) :]
        if name == "clause_before":
            return _blank_non_cues(self.sentence[self.clause_start : self.start])
        raise ValueError(f"unknown view {name!r}")


def _last_actual_cue(text: str) -> int:
    """End of the last 目前 / 已 … in ``text`` (0 if none)."""
    last = 0
    for match in ACTUAL_CUE.finditer(text):
        last = match.end()
    return last


def _blank_non_cues(text: str) -> str:
    """The text with words that only look like target cues (将近, 即将) blanked out."""
    return NOT_TARGET.sub(lambda m: " " * len(m.group(0)), text)


def _figure(
    sentence: str,
    start: int,
    end: int,
    quantity: Quantity,
    context: Context,
    date_spans: tuple[tuple[int, int], ...] | None = None,
    next_start: int = -1,
) -> Figure:
    unit = LEXICON.canonical_unit(quantity.unit)
    clause_start, clause_end = clause(sentence, start, end)
    if date_spans is None:
        date_spans = tuple((s, e) for s, e, _ in context.dates)
    return Figure(
        sentence=sentence,
        start=start,
        end=end,
        quantity=quantity,
        unit=unit,
        unit_class=LEXICON.unit_class(unit),
        clause_start=clause_start,
        clause_end=clause_end,
        date_spans=date_spans,
        next_start=next_start,
    )


def reject_reason(sentence: str, start: int, end: int, quantity: Quantity, context: Context) -> str | None:
    """The name of the first filter that drops the quantity at [start, end), or None if it is a figure."""
    later = [s for s, _, _ in all_quantities(sentence, context) if s >= end]
    figure = _figure(sentence, start, end, quantity, context, next_start=min(later, default=-1))
    for name, applies in FILTERS:
        if applies(figure):
            return name
    return None


def _dropped(figure: Figure) -> bool:
    for applies in FILTER_TESTS:
        if applies(figure):
            return True
    return False


def _flags_before(sentence: str, context: Context, start: int, carried: TimeValue | None = None) -> str:
    """Flags of the date that governs a figure: the last one before it (a target's scope ends at the next date).

    到2027年，事项力争达到400项，目前已有311项: 目前 governs 311项, 到2027年 only 400项. Baselines
    (比2020年, 是2021年的) and dates inside titles (《…（2021—2025年）》) govern nothing.
    """
    governing = None
    for d_start, d_end, value in context.dates:
        if d_end > start:
            break
        if sentence[d_start - 1 : d_start] in BASELINE_BEFORE or inside_title(sentence, d_start):
            continue
        governing = value
    if governing is None:
        return carried_flag(carried) if carried is not None else ""
    flags = set(governing.flags)
    if governing.text.startswith(LEXICON.cues["as_of_prefixes"]):
        flags = (flags - {"target"}) | {"as_of"}
    return " ".join(sorted(flags))


def find_candidates(sentence: str, context: Context) -> list[Candidate]:
    """Every quantity of the sentence that passes the filters, in text order."""
    found = all_quantities(sentence, context)
    if not found:
        return []
    others = tuple((s, e) for s, e, _ in found)
    date_spans = tuple((s, e) for s, e, _ in context.dates)
    carried = carried_date(context) if context.previous else None
    candidates: list[Candidate] = []
    money_end = -1  # where the last sum written without 元 ended
    for i, (start, end, quantity) in enumerate(found):
        unit = LEXICON.canonical_unit(quantity.unit)
        if not unit and _MONEY_SCALE.search(quantity.text) and (
                _MONEY_BEFORE.search(sentence, max(0, start - 8), start) or sentence[money_end:start] in ("、", "和")):
            unit = "元"  # 今年计划投资12亿, 进出口5.51万亿、4.67万亿: sums in 元 written without it
            quantity = dataclasses.replace(quantity, unit=unit)
            money_end = end
        if LEXICON.unit_class(unit) is None:
            continue
        next_start = found[i + 1][0] if i + 1 < len(found) else -1
        figure = _figure(sentence, start, end, quantity, context, date_spans, next_start)
        if _dropped(figure):
            continue
        # A carried date reaches figures that have no date or 目前 of their own before them.
        own_carried = carried
        if carried is not None and (
            any(d_end <= start for _, d_end, _ in context.dates) or AS_OF_NOW.search(sentence, 0, start)
        ):
            own_carried = None
        candidates.append(
            Candidate(
                sentence=sentence,
                start=start,
                end=end,
                quantity=quantity,
                unit=figure.unit,
                unit_class=figure.unit_class,
                clause_start=figure.clause_start,
                clause_end=figure.clause_end,
                date_flags=_flags_before(sentence, context, start, own_carried),
                carried=own_carried,
                others=others,
            )
        )
    return candidates


def _ischange_source(candidate: Candidate) -> bool:
    """Whether the figure is the starting value of a change (由187种增加到374种 → 187种)."""
    # The change verb follows the figure, maybe after its noun (从3个城市扩展到16个城市).
    end = chain_end(candidate)
    later = [q_start for q_start, _ in candidate.others if q_start >= end]
    verb = CHANGE_TO.search(candidate.sentence, end, min([candidate.clause_end, end + NP_MAX, *later]))
    if verb is None or NP_BREAK_OR_STOP.search(candidate.sentence[end : verb.start()].lstrip(" ")):
        return False
    window = topic_window(candidate, topic_start_of(candidate))
    return change_source(candidate.sentence, window, candidate.start, candidate.clause_end) >= 0


def _span(candidate: Candidate, rule: str) -> Span:
    """The clause stating the figure, widened to the clause before when very short, cut when long."""
    sentence = candidate.sentence
    start, end = candidate.clause_start, candidate.clause_end
    if end - start < SPAN_MIN and start > 0:  # 受理率100%: take in the clause before
        start = 0
        for match in CLAUSE_BREAK.finditer(sentence, 0, candidate.clause_start - 1):
            start = match.end()
    if end - start < SPAN_MIN and end < len(sentence):
        next_break = CLAUSE_BREAK.search(sentence, end + 1)
        end = next_break.start() if next_break else len(sentence)
    if end - start > SPAN_MAX:
        start = max(start, candidate.start - (SPAN_MAX - (candidate.end - candidate.start)) // 2)
        end = max(min(end, start + SPAN_MAX), candidate.end)
    return Span(start, end, rule)


def _qualifier(candidate: Candidate) -> str:
    """numbers' qualifier, or at_most / at_least from a cue just before the number (最高…达, 突破)."""
    qualifier = candidate.quantity.qualifier
    if qualifier != "exact":
        return qualifier
    window = candidate.sentence[max(candidate.clause_start, candidate.start - QUALIFIER_WINDOW) : candidate.start]
    if any(cue in window for cue in LEXICON.cues["at_most"]):
        return "at_most"
    if any(cue in window for cue in LEXICON.cues["at_least"]):
        return "at_least"
    return qualifier


# A date followed by an event verb (上半年建成投用…) dates that event; in an earlier clause it is no figure's time.
_EVENT_AFTER_DATE = re.compile(r"(?:前|内|底|末)?(?:将|已|已经|要|正式|全面|基本|率先|顺利|成功)?"
                               rf"(?:{'|'.join(map(re.escape, LEXICON.cues['event_verbs']))})")


_DATE_LABEL = dating.DATE_LABEL
_BACK_REFERENCE = re.compile("|".join(map(re.escape, LEXICON.cues["back_reference"])))


def _date_for_figure(candidate: Candidate, d_end: int, value: TimeValue, reference) -> TimeValue:
    """A date before the figure's clause that is the adverbial of a planned event of that clause (上半年建成投用
    X，…打造30个; 年内建成X，新开工9个项目) dates the figure at its year only, unless the figure's clause points
    back to it (届时). An event already past (本月1日正式启用，可收托60名) dates what it opened."""
    if d_end > candidate.clause_start or not _EVENT_AFTER_DATE.match(candidate.sentence, d_end):
        return value
    if value.end < reference and not value.target:
        return value
    if _BACK_REFERENCE.search(candidate.sentence, candidate.clause_start, candidate.start):
        return value
    return dataclasses.replace(dating.year_of(value), flags=value.flags | {"target"})  # a plan: its year


def _nearest_date(candidate: Candidate, context: Context, flag: str | None = None) -> TimeValue | None:
    """The closest date before the figure (with ``flag`` if given), else the first after it in its clause."""
    before = [
        (d_end, _date_for_figure(candidate, d_end, value, context.reference))
        for d_start, d_end, value in context.dates
        if d_end <= candidate.start
        and (flag is None or flag in value.flags)
        and not _DATE_LABEL.match(candidate.sentence, d_end)
        and not dating.is_since(value, candidate.sentence, d_end)
        and not dating.is_baseline(candidate.sentence, d_start, context.dates)
    ]
    if before:
        return max(before, key=lambda item: item[0])[1]
    after = [
        (d_start, value)
        for d_start, d_end, value in context.dates
        if candidate.end <= d_start < candidate.clause_end and (flag is None or flag in value.flags)
        and not dating.is_since(value, candidate.sentence, d_end)
    ]
    if after:
        return min(after, key=lambda item: item[0])[1]
    return None


def _is_past(candidate: Candidate) -> bool:
    clause = candidate.sentence[: candidate.clause_end]
    return any(marker in clause for marker in LEXICON.cues["past"])


def _is_change(candidate: Candidate) -> bool:
    """Whether the figure's clause measures a change (增长7.4%, 分别下降…): a rate over the period told."""
    clause = candidate.sentence[candidate.clause_start : candidate.end + 4]
    return any(verb in clause for verb in LEXICON.cues["growth"])


def _as_of(candidate: Candidate, rule: Rule, context: Context) -> TimeValue | None:
    """When the figure holds (see ``_stated_as_of``): a period holds at its end (1—4月 -> the April)."""
    found = _stated_as_of(candidate, rule, context)
    if found is None:
        return None
    if "now" in found.flags and context.published is not None:
        return _publication(context)  # 目前 / 截至目前: the publication date, at the precision it is known
    if found is context.previous_figures:
        return found  # the time already given to the figures the sentence breaks down
    if found is context.anchor or rule.is_target and "range" in found.flags:
        return found  # an event's period (活动从5月11日持续至25日，…将提供220余款产品) dates from its start
    return dating.period_end(found)


def _publication(context: Context) -> TimeValue | None:
    """The publication date as a figure's time (目前, 如今, 3年来), at the precision it is known; flagged
    "now" so that an explicit date of the same figure wins over it (consolidate.better_as_of)."""
    published = context.published
    return None if published is None else dataclasses.replace(published, flags=published.flags | {"now"})


def _since_before(candidate: Candidate, context: Context) -> TimeValue | None:
    """The "since" phrase (2020年以来, 今年以来) that opens the figure's sentence before it, or None."""
    return next((value for _, d_end, value in context.dates
                 if d_end <= candidate.start and dating.is_since(value, candidate.sentence, d_end)), None)


def _stated_as_of(candidate: Candidate, rule: Rule, context: Context) -> TimeValue | None:
    """The date the figure holds at, by the rule's dating (see statistic_rules.DATINGS); a figure counted
    over a period that runs up to publication (2020年以来…) holds at the publication date."""
    if rule.dating == "flagged_date":
        flag = "target" if rule.is_target else "as_of"
        if not rule.is_target and _ischange_source(candidate):
            return None  # 截至去年底，鸟类由建区时的187种增加到374种: 187种 held before that date
        return _nearest_date(candidate, context, flag) or _nearest_date(candidate, context) or candidate.carried
    if rule.dating == "published":
        return _publication(context)
    own = _nearest_date(candidate, context)
    if own is not None or rule.dating == "target":
        return own
    if _since_before(candidate, context) is not None:
        return _publication(context)  # 今年以来…增加到6300多家: counted up to publication
    if context.meeting is not None and _OF_THE_MEETING.match(candidate.sentence):
        return context.meeting  # …发展大会于近日召开。大会共签约项目20个: the meeting's results, at its date
    if context.previous_figures is not None and opens_breakdown(candidate.sentence):
        return context.previous_figures  # …2023年我国进出口总值…。其中，出口…: the time of the figures it breaks down
    first_part = first_part_time(context)
    if first_part is not None:
        return dating.period_end(first_part)  # (the anchor's own object would keep a range's start)
    if context.previous_figures is not None and breaks_down(candidate.sentence, context):
        return context.previous_figures  # 其中，出口…；进口17.99万亿元: the second part shares the first's time
    anchor = context.anchor
    # A dated narrative (2020年9月1日，…) carries on into the sentences after it, and a reported period
    # (今年上半年，…) into the rates of change after it (同期，…增长7.4%).
    # A plan's year (今年，我们将…) dates the plan's figures after it.
    if anchor is not None and (anchor.precision == "day" or anchor.target or _is_past(candidate)
                               or breaks_down(candidate.sentence, context) or _is_change(candidate)):
        return anchor
    return None


def _reported_time(candidate: Candidate, rule: Rule, context: Context) -> TimeValue | None:
    """``_as_of``; a period without a year that has not ended yet is last year's for a figure already reported."""
    as_of = _as_of(candidate, rule, context)
    if rule.is_target or as_of is context.anchor or as_of is None:
        return as_of
    if any(dating.written_year(tv) and tv.start.year == as_of.start.year for _, _, tv in context.dates):
        return as_of  # 2024年…，第四季…: the sentence says the year
    return dating.finished_period(as_of, context.reference)


def _build(candidate: Candidate, rule: Rule, context: Context) -> StatisticRecord:
    return StatisticRecord(
        subject=subject_of(candidate, context),
        value=candidate.quantity.value,
        unit=candidate.unit,
        qualifier=_qualifier(candidate),
        is_target=rule.is_target,
        as_of=dating.figure_time(_reported_time(candidate, rule, context), context.published),
        span=_span(candidate, rule.name),
    )


def extract(sentence: str, *, context: Context) -> list[StatisticRecord]:
    """Return one StatisticRecord per substantive figure in ``sentence``, in text order."""
    if not context.quantities and FIGURE_CHAR.search(sentence) is None:
        return []  # no figure at all: most sentences of an article
    stripped = sentence.rstrip()
    if not stripped or (stripped[-1] not in SENTENCE_FINAL and len(stripped) <= HEADLINE_MAX
                        and (context.heading or len(_PROSE_COMMA.findall(stripped)) < 2
                             and stripped.count("、") < 3)):
        return []
    records: list[StatisticRecord] = []
    for candidate in find_candidates(sentence, context):
        for rule in RULES:
            if rule.view is not None and rule.pattern.search(candidate.view(rule.view)):
                records.append(_build(candidate, rule, context))
                break
    return name_bare_specs(records)


def rule_names() -> tuple[str, ...]:
    """Names of every rule, in order (for tests and the quality table)."""
    return tuple(rule.name for rule in RULES)

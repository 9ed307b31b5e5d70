"""The subject of a figure: the topic words before it in its clause (after an earlier figure of a
chain: 75%、50%), else the noun phrase after its unit, else the previous sentence's topic."""

import dataclasses
import re
from typing import TYPE_CHECKING

from extractors.facts.project_rules import SUFFIX_RE as PROJECT_HEAD
from extractors.facts.statistic_lexicon import LEXICON, ends_with_any, starts_with_any
from extractors.facts.statistic_rules import CHANGE_FROM, CHANGE_TO, is_streak, noun_phrase_after
from extractors.records import Context, StatisticRecord
from extractors.rules import CLAUSE_BREAK

if TYPE_CHECKING:
    from extractors.facts.statistic import Candidate

# Joiners of a list of figures that share one topic (75%、50%; 15.6%和18.2%).
CHAIN_JOINERS = frozenset("、和及与")
# Words too empty to be a topic on their own (是2021年的5倍多 → 是的).
FUNCTION_CHARS = "是的为比较了"
# Prepositions before a share (以不到全国0.6%的国土面积 …): not part of what the share is of.
SHARE_PREPOSITIONS = "以用占仅"
# Subjects are short noun phrases; qualifier cues are looked for this far before the number.
SUBJECT_MAX = 24


def change_source(sentence: str, start: int, end: int, clause_end: int) -> int:
    """Where 由/从 in sentence[start:end] opens the starting value of a change (由187种增加到374种), or -1."""
    for cue in CHANGE_FROM.finditer(sentence, start, end):
        if cue.group("cue") is not None:
            return cue.start() if CHANGE_TO.search(sentence, cue.end(), clause_end) else -1
    return -1

def _strip_topic(text: str, context: Context, offset: int) -> str:
    """Trim time expressions, discourse cues and trailing verbs from the words before a figure."""
    # Drop date expressions inside the words (2020年，… / 截至2021年底…).
    for d_start, d_end, _ in sorted(context.dates, reverse=True):
        rel_start, rel_end = d_start - offset, d_end - offset
        if 0 <= rel_start and rel_end <= len(text):
            text = text[:rel_start] + " " + text[rel_end:]
    text = text.strip(" \u3000")
    changed = True
    while changed and text:
        changed = False
        lead = starts_with_any(text, LEXICON.topic_leading)
        if lead and len(text) > len(lead):
            text = text[len(lead) :].lstrip(" \u3000，,")
            changed = True
        trail = ends_with_any(text, LEXICON.topic_trailing)
        if trail and len(text) > len(trail):
            text = text[: -len(trail)].rstrip(" \u3000")
            changed = True
    # 总人口(68.79万人)按年增加1,500人 → 总人口按年增加
    text = _BRACKETED_FIGURE.sub("", _OPEN_BRACKET_END.sub("", text.replace(" ", "")))
    return text[-SUBJECT_MAX:]


# A figure printed in brackets after its noun (总人口( 68.79万人 )): the bracket is not part of the noun.
_OPEN_BRACKET_END = re.compile(r"[(（]$")
_BRACKETED_FIGURE = re.compile(r"[(（][0-9０-９][^()（）]*[)）]")


def topic_start_of(candidate: "Candidate") -> int:
    """Start of the figure's topic: a figure listed right after another shares its topic."""
    start = candidate.start
    sentence = candidate.sentence
    ends = {q_end: q_start for q_start, q_end in candidate.others}
    while start > candidate.clause_start:
        # 75%、50%, 15.6%和18.2% and 3区2园
        previous = ends.get(start - 1) if sentence[start - 1] in CHAIN_JOINERS else ends.get(start)
        if previous is None:
            break
        start = previous
    return start


def topic_window(candidate: "Candidate", topic_start: int) -> int:
    """Where the words of the topic may start: after the last earlier figure of the clause and its 、.

    …国道达到9条、三级及以上普通省道达到10条 → 三级及以上普通省道.
    """
    window = candidate.clause_start
    for q_start, q_end in candidate.others:
        if candidate.clause_start <= q_start and q_end <= topic_start:
            comma = candidate.sentence.find("、", q_end, topic_start)
            if comma >= 0:
                window = max(window, comma + 1)
    return window


def chain_end(candidate: "Candidate") -> int:
    """End of the run of figures written back to back from this one (10大类40小类500多种商品)."""
    end = candidate.end
    starts = {q_start: q_end for q_start, q_end in candidate.others}
    while end in starts:
        end = starts[end]
    return end


def _previous_topic(candidate: "Candidate", context: Context) -> str:
    """The topic of the clause before (GDP 2.79万亿元，增长6.1% → GDP): its words up to its first figure."""
    if candidate.clause_start == 0:
        return ""
    start = 0
    for match in CLAUSE_BREAK.finditer(candidate.sentence, 0, candidate.clause_start - 1):
        start = match.end()
    end = candidate.clause_start - 1
    for q_start, _ in candidate.others:
        if start <= q_start < end:
            end = q_start
            break
    words = candidate.sentence[start:end]
    source = change_source(candidate.sentence, start, end, candidate.clause_start - 1)
    if source > start:
        words = candidate.sentence[start:source]
    return _strip_topic(words, context, start)


# A size written before the noun it describes (全长12673米的…隧道, 总投资45亿元的…项目): the noun after is the subject.
_LEAD_OF_NOUN_AFTER = re.compile(r"(?:全长|总长|总投资|计划总投资|占地面积|总面积|建筑面积|占地|设计时速|总装机容量|装机容量|总库容)$")


def subject_of(candidate: "Candidate", context: Context) -> str:
    """What is counted: the noun after the unit (311项川渝通办事项) or the topic before (通道达到20条)."""
    sentence = candidate.sentence
    after = noun_phrase_after(sentence[chain_end(candidate) : candidate.clause_end])
    topic_start = topic_start_of(candidate)
    window = topic_window(candidate, topic_start)
    words = sentence[window:topic_start]
    source = change_source(sentence, window, topic_start, candidate.clause_end)
    if source > window:  # 活跃数从5400多家增加到了6300多家: both figures measure 活跃数
        words = sentence[window:source]
    topic = _strip_topic(words, context, window)
    if candidate.unit_class == "percent" and after and sentence.startswith("的", chain_end(candidate)):
        # 以不到全国0.6%的国土面积: the share is of the noun after it; the scope (全国) and a verb
        # before it (承载了全国6.8%的人口) are not part of what is measured.
        scope = ends_with_any(topic, LEXICON.region_wide)
        if scope:
            topic = topic[: -len(scope)]
        topic = topic.rstrip(SHARE_PREPOSITIONS)
        return after if topic.endswith("了") else topic + after
    lead = _LEAD_OF_NOUN_AFTER.search(topic)
    if lead and sentence.startswith("的", chain_end(candidate)):
        named = noun_phrase_after(sentence[chain_end(candidate) : candidate.clause_end], named=True)
        heads = [m.end() for m in PROJECT_HEAD.finditer(named)]
        if heads:  # up to its head noun (…隧道建设顺利 → …隧道)
            return named[: heads[-1]] + lead.group()  # 全长12673米的向阳二号隧道 → 向阳二号隧道全长
    if candidate.unit_class == "duration" and is_streak(sentence, candidate.clause_start, candidate.start):
        return topic + after  # 水质连续7年保持Ⅱ类 → 水质保持Ⅱ类
    core = topic.strip(FUNCTION_CHARS)
    if len(core) < 2 or core in LEXICON.topic_leading or core in LEXICON.topic_trailing or core in LEXICON.np_stops:
        core = ""  # 其中42项, 目前已有311项, 将达到400项: the clause before names what is counted
    if not core or core in LEXICON.cues["growth"]:  # 增长16%, 是2021年的5倍, 较上年增加1.5万户
        topic = _previous_topic(candidate, context) + core
    if candidate.unit_class in ("count", "duration"):  # 节约24小时的通关时间 → 通关时间
        return after or topic or candidate.unit
    return topic or after or candidate.unit


# What a project's figures are written as after its name (X铁路全长…，设计时速…，总投资…).
_SPECS = ("线路全长", "全长", "总长", "总投资", "计划总投资", "设计时速", "时速", "总里程")


def name_bare_specs(records: list[StatisticRecord]) -> list[StatisticRecord]:
    """X铁路全长107公里，设计时速250公里: a later figure written with its bare spec word (设计时速) is of the
    thing the sentence's first figure names (X铁路)."""
    named = next((r.subject[: -len(spec)] for r in records for spec in _SPECS
                  if r.subject.endswith(spec) and len(r.subject) > len(spec)), None)
    if named is None:
        return records
    return [dataclasses.replace(r, subject=named + r.subject) if r.subject in _SPECS else r for r in records]

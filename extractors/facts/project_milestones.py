"""Project milestones: the milestone verbs that speak of a project (its clause, a weak head's
neighbour, clauses that go on about it: 预计2028年建成通车, 该项目…), their dates and whether planned."""

import re

from extractors.facts import dating
from extractors.facts.project_names import Candidate
from extractors.facts.project_rules import (EXTENSION_HEADS, LEXICON, MILESTONES, PLANNED_RE, SUFFIX_RE,
                                            VERB_RE)
from extractors.records import Context, MilestoneRecord, Span
from extractors.rules import CLAUSE_BREAK, alternation, clause, word_patterns
from extractors.values import TimeValue

# How a clause goes on about the project named before it (see project.yaml).
_CONTINUES, _REFERS, _FIGURES, _LEADING_ADVERBS, _ADVERBS, _NOMINAL = word_patterns(LEXICON, {
    "continuing_openers": "^{words}", "referring_openers": "^{words}", "figure_openers": "^{words}",
    "leading_adverbs": "^{words}*", "gap_adverbs": "{words}", "nominal_after": "中(?!心)|{words}",
})
_AGENT = re.compile(r"^(?:[（(][^（）()]*[)）])?由[^，,。；;]{2,200}?(?:共同|联合)?$")
# Gaps that do not separate a name from its verb: 在两江新区开工, 获国家发展改革委批复.
_BRIDGE = re.compile(r"^(?:在|于)[^，,。；;的]{1,20}$|^[^，,。；;的]{0,12}获[^，,。；;的]{0,12}$")
_PAST = re.compile(r"^(?:了|完毕)")
# A weak head (平台, 基金, 工程) is a project only when it is being built or opened, not 共建 / 规划.
_WEAK_VERB_EXCLUDED = frozenset({"共建", "合资共建", "谋划", "规划", "规划推进", "规划建设", "建设规划", "前期工作",
                                 "纳入规划", "加快推进", "推进建设", "规划选址"})
# A verb closing a relative clause, with a second verb at most (建成运营的, 开工建设的).
_RELATIVE = re.compile(r"[^，,。；;的]{0,3}的")
_CLOSES = re.compile(r"[，,。；;！!、]|$")
_NOW = re.compile(r"(?:正在|目前|当前|现正|正)[^，,。；;]{0,4}$")
_ONGOING = re.compile(r"(?:正在|正|在)$")
# A clause announcing a batch of projects (规划推进一批重大交通项目，形成A…).
_BATCH_END = re.compile(r"(?:一批|一系列|若干)[^，,；;]*(?:项目|工程)$")
# A clause that lists the projects a clause before it announced (今年有多项重大建设预计通车，如A、B、C等).
_LIST_INTRO = re.compile(r"\s*(?:如|例如|比如|包括|其中包括|分别是|分别为|主要有|涵盖)")
_BATCH_NOUN = re.compile(r"(?:多项|多个|多条|一批|一系列|若干|[0-9一二三四五六七八九十]+[个项条座])[^，,；;]{0,8}?(?:项目|工程|建设)")
_TRAFFIC = frozenset({"railway", "highway"})
_YEAR_MARKERS = frozenset({"今年", "年内", "明年"})


def _masked(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _verbs(sentence: str, start: int, end: int, names: list[tuple[int, int]]) -> list[re.Match]:
    # a verb used as a noun (“十三五”规划中, 建设期间) states no milestone; 正在兴建中 is one going on
    return [m for m in VERB_RE.finditer(sentence, start, end)
            if not _masked(names, m.start()) and (not _NOMINAL.match(sentence, m.end())
                                                  or _ONGOING.search(sentence, max(0, m.start() - 2), m.start())
                                                  and sentence.startswith("中", m.end()))]


def _undated(sentence: str, start: int, end: int, dates: list[tuple[int, int]]) -> str:
    """The text of [start, end) without its date expressions."""
    return "".join(ch for i, ch in enumerate(sentence[start:end], start) if not any(s <= i < e for s, e in dates))


def _near_verbs(sentence: str, hi: int, after: list[re.Match], dates: list[tuple[int, int]]) -> list[re.Match]:
    """Verbs after a name that speak of it: the first within a short gap (dates and 于/在 phrases
    do not count), then the verbs chained to it (全面竣工投产). Verbs after a relative 的
    (…为骨架的航道体系基本建成) or before one (X建设的关键) speak of something else."""
    kept: list[re.Match] = []
    for v in after:
        if _RELATIVE.match(sentence, v.end()):
            continue  # 将与已建成运营的西安至成都高铁连通: the verb is of the line after 的
        if kept:
            if v.start() - kept[-1].end() <= 2:
                kept.append(v)
            continue
        gap = _undated(sentence, hi, v.start(), dates)
        if (len(gap) <= 12 and "的" not in gap and "为" not in gap) or _AGENT.match(gap) or _BRIDGE.match(gap):
            kept.append(v)  # …基金（暂定名）由A、B共同发起设立: the agents do not separate the verb
    return kept


def _weak_verbs(sentence: str, cand: Candidate, lo: int, hi: int, before: list[re.Match], after: list[re.Match],
                dates: list[tuple[int, int]]) -> tuple[list[re.Match], list[re.Match]]:
    """A weak head (平台, 基金, 工程) needs its verb right next to it: 建成X, X建设, X启用."""
    extension = cand.name.endswith(tuple(EXTENSION_HEADS))
    before = [v for v in before if lo - v.end() <= 1 and v.group(0) not in _WEAK_VERB_EXCLUDED
              and not (extension and v.group(0) == "建设")]
    # …工程建设取得成效: 建设 is a noun there; …重点项目建设。 closes a clause: it is the event
    after = [v for v in after if (len(_ADVERBS.sub("", _undated(sentence, hi, v.start(), dates))) <= 2
                                  or _AGENT.match(sentence[hi:v.start()]) or _BRIDGE.match(sentence[hi:v.start()]))
             and v.group(0) not in _WEAK_VERB_EXCLUDED
             and not (extension and v.group(0) == "建设" and not _CLOSES.match(sentence, v.end()))]
    return before, after


def _clause_verbs(sentence: str, cand: Candidate, names: list[tuple[int, int]], lo: int, hi: int,
                  dates: list[tuple[int, int]]) -> list[re.Match]:
    """Milestone verbs of the project's own clause (or of a clause announcing a batch of projects)."""
    clause_start, clause_end = clause(sentence, lo, hi)
    # a verb before another name speaks of that one (规划推进成渝中线高铁接入重庆北站: not the station)
    before = [v for v in _verbs(sentence, clause_start, lo, names) if not any(v.end() <= s < lo for s, _ in names)]
    after = _verbs(sentence, hi, clause_end, names)
    if cand.weak:
        before, after = _weak_verbs(sentence, cand, lo, hi, before, after, dates)
    after = _near_verbs(sentence, hi, after, dates)
    if after:
        before = [v for v in before if sentence[v.end():v.end() + 1] != "的"]  # 共建的X…开工: the verb after
    verbs = before[-1:] + after
    if not verbs and not cand.weak and clause_start > 0:
        # 规划推进一批重大交通项目，形成A: the verb of a clause announcing the projects; 今年有多项重大建设预计
        # 通车、启用，如A、B: the projects it then lists (the verb that fits each: a line opens to traffic)
        prev_start, prev_end = clause(sentence, clause_start - 2, clause_start - 1)
        if _BATCH_END.search(sentence, prev_start, prev_end):
            verbs = _verbs(sentence, prev_start, prev_end, names)[-1:]
        elif _LIST_INTRO.match(sentence, clause_start) and _BATCH_NOUN.search(sentence, prev_start, prev_end):
            verbs = _fitting(_verbs(sentence, prev_start, prev_end, names), cand.category)
    return verbs


def _fitting(verbs: list[re.Match], category: str) -> list[re.Match]:
    """Of the verbs announcing a list of projects, the one that fits a project of ``category``."""
    opens = [v for v in verbs if "通车" in MILESTONES[v.group(0)]]
    if category in _TRAFFIC:
        return opens[-1:] or verbs[-1:]
    return [v for v in verbs if v not in opens][-1:] or verbs[-1:]


def _next_clause(sentence: str, pos: int, names: list[tuple[int, int]],
                 dates: list[tuple[int, int]]) -> tuple[bool, bool, int]:
    """Whether the clause after the break at ``pos`` goes on about the project, whether it only gives
    figures (the one after may still go on), and where it ends."""
    nxt = CLAUSE_BREAK.search(sentence, pos + 1)
    nxt_end = nxt.start() if nxt else len(sentence)
    body_start = pos + 1
    for s, e in dates:
        if s == body_start:
            body_start = e  # 去年7月开工建设, 2018年7月全线贯通: a dated clause goes on
    body = sentence[body_start:nxt_end].lstrip()
    refers = _REFERS.match(body)
    rest = body[refers.end():] if refers else body
    if any(pos < s < nxt_end for s, _ in names) or SUFFIX_RE.search(rest):
        return False, False, nxt_end  # a clause about another (named or generic) project does not continue this one
    if _FIGURES.match(rest):
        return False, True, nxt_end  # 线路全长163.8公里: figures only, the next clause may go on
    dated_verb = body_start > pos + 1 and VERB_RE.match(rest, len(_LEADING_ADVERBS.match(rest).group(0)))
    goes_on = bool(_CONTINUES.match(body) or _CONTINUES.match(sentence[pos + 1:nxt_end].lstrip()) or refers or dated_verb)
    return goes_on, False, nxt_end


_COPULA = re.compile("是|为|成为")  # 是设计时速250公里的双线铁路隧道: a description, not the subject


def associated_verbs(sentence: str, cand: Candidate, names: list[tuple[int, int]],
                     list_span: tuple[int, int] | None, dates: list[tuple[int, int]]) -> list[re.Match]:
    """Milestone verbs that speak of this project: in its clause, or a clause continuing it."""
    lo, hi = list_span or (cand.start, cand.end)
    clause_start, pos = clause(sentence, lo, hi)
    verbs = _clause_verbs(sentence, cand, names, lo, hi, dates)
    # the name is its clause's subject (新建福厦铁路设计时速…, 由贵州黄桶至广西百色的黄百铁路全长…): later clauses
    # (,预计…建成通车; ,去年11月全面开工) may go on about it
    prefix = sentence[clause_start:lo].strip("“”\" ")
    opens_clause = len(prefix) <= 2 or (prefix.endswith("的") and not _COPULA.search(prefix)
                                        and not _verbs(sentence, clause_start, lo, names))
    while pos < len(sentence) and (verbs or opens_clause):
        goes_on, figures, nxt_end = _next_clause(sentence, pos, names, dates)
        if figures:
            pos = nxt_end
            continue
        if not goes_on:
            break
        verbs += _verbs(sentence, pos + 1, nxt_end, names)
        pos = nxt_end
    return verbs


def _milestone_time(sentence: str, context: Context, verb: re.Match, names: list[tuple[int, int]]) -> TimeValue | None:
    """A milestone's date: from its own clause first, then an earlier clause of the sentence, then the
    narrative anchor only when the sentence has no date at all."""
    found = dating.stated_date(sentence, context, verb.start(), verb.end(),
                               own_clause_first=True, exclude=tuple(names))
    clause_start, _ = clause(sentence, verb.start(), verb.end())
    if _ATTRIBUTIVE.match(sentence, verb.end()) and (verb.group(0) == "在建" or _STATE_BEFORE.search(
            sentence, max(0, verb.start() - 3), verb.start())):
        # 与已建成运营的西安至成都高铁连通: a state named in passing, dated only by a date in its own clause
        return found[2] if found is not None and found[0] >= clause_start else None
    if found is not None:
        return found[2]
    if MILESTONES[verb.group(0)] == ["在建"] and _NOW.search(sentence, clause_start, verb.start()):
        # 正在加快建设: under construction as the article is written (its month)
        day = context.published or TimeValue(context.reference.isoformat(), context.reference, context.reference, "day")
        return dating.month_now(day)
    anchor = context.anchor
    if dating.sentence_has_date(sentence, context) or anchor is None:
        return None  # a date in another clause is another event's; the anchor is the previous sentence's
    # the narrative date carries over to an undated milestone, unless it is only a year long past
    if anchor.precision in ("day", "month") or anchor.end.year >= context.reference.year:
        return anchor
    return None


# 已建成运营的X, 在建的X: a verb modifying the name after it
_ATTRIBUTIVE = re.compile(r"(?:运营|使用|投用|通车|投产)?的")
_STATE_BEFORE = re.compile(r"(?:已|已经|早已|业已)$")  # (本次集中开工的项目 is this batch, not a state)
# 已启用, 已正式启用, 已经全部建成: done, whatever year word stands before it
_DONE_BEFORE = re.compile(rf"已(?:经)?(?:{alternation(LEXICON['gap_adverbs'])})?$")


def _planned(sentence: str, verb: re.Match, time: TimeValue | None) -> bool:
    if _PAST.match(sentence, verb.end()) or _DONE_BEFORE.search(sentence, max(0, verb.start() - 6), verb.start()):
        return False
    if time is not None and time.target:
        return True
    if sentence[verb.end():verb.end() + 1] == "后":
        return True  # 建成后, 将…
    clause_start, _ = clause(sentence, verb.start(), verb.end())
    marker = PLANNED_RE.search(sentence, clause_start, verb.start())
    if marker and marker.group(0) in _YEAR_MARKERS and time is not None and time.precision in ("day", "month"):
        # 今年9月实现盾构始发: a past month of this year, not a plan (年内/今年建成 alone is one)
        marker = PLANNED_RE.search(sentence, marker.end(), verb.start())
    return bool(marker)


def milestones_of(sentence: str, context: Context, verbs: list[re.Match], names: list[tuple[int, int]],
                  rule: str) -> list[MilestoneRecord]:
    """One milestone per event and date stated by ``verbs`` (their spans named after ``rule``)."""
    milestones = []
    seen: set[tuple] = set()
    for verb in verbs:
        time = dating.event_in_period(_milestone_time(sentence, context, verb, names))
        for event in MILESTONES[verb.group(0)]:
            if (event, time) in seen:
                continue
            seen.add((event, time))
            milestones.append(MilestoneRecord(event, time, _planned(sentence, verb, time),
                                              Span(verb.start(), verb.end(), rule)))
    return milestones

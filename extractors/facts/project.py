"""Projects: named infrastructure and industrial projects, their category, milestones and figures.

A project is found by the head noun that ends its name (高铁, 高速公路, 变电站, 航运枢纽, 产业园 …,
``extractors/lexicons/project.yaml``); the name runs back to the nearest verb, preposition or
punctuation. It becomes a record only when the text says something happened to it: a milestone
verb (规划, 开工, 在建, 贯通, 建成, 通车, 投运, 竣工, 签约, 其他) in its clause, or figures
(length, speed, voltage, investment). Rules:
``project.milestone`` (成渝中线高铁实现全面开工建设), ``project.list_item`` (新开工南充至潼南、
内江至大足等9个高速公路项目: each item + the list's head), ``project.facility`` (weak heads
平台 / 基金 / 工程 / 项目 right next to a construction verb: 建成数字重庆云平台) and
``project.attributes`` (no milestone, but figures: 正线长度292公里).
A clause that goes on about the project (预计2028年建成通车, 去年7月开工建设, 该项目…) adds its
milestones, also after clauses of figures; 通道 is a head only after a proper name and before
project facts (深中通道全长24公里); parts (其T3航站楼, 第五跑道) join the project named before them;
names of events and venues (…科技园项目集中签约暨推进会, 在…会展中心举行) are no projects.
Milestone dates come from ``extractors.dating`` (own clause first; the previous sentence's date
only for a sentence without one; 正在建设 → the publication month).
"""

import re
from dataclasses import replace
from typing import NamedTuple

from extractors.facts.project_milestones import associated_verbs, milestones_of
from extractors.facts.project_names import EXAMPLE_OF, METRO_RE, Candidate, find_list, find_single, heads_of, locate
from extractors.facts.project_rules import COMPONENT_HEADS, LEXICON, SERVICE_EVENTS, STRUCTURE_HEADS, SUFFIX_RE, category_of
from extractors.records import Context, MilestoneRecord, ProjectRecord, Span
from extractors.rules import CLAUSE_BREAK, Rule, clause

__all__ = ["RULES", "extract", "LEXICON"]


class Built(NamedTuple):
    """A candidate name with what the sentence says of it: its verbs, milestones and figures."""

    cand: Candidate
    verbs: list[re.Match]
    milestones: list[MilestoneRecord]
    attrs: dict[str, float]


_LINE_PREFIX = re.compile(r"^(.{2,20}?(?:高速铁路|城际铁路|高铁|铁路|高速公路|高速|轨道交通|地铁))(?:[\u4e00-\u9fff]{1,8}段)?(?=.)")
_PRONOUN_BEFORE = re.compile(r"(?:其|该|这|此)$")
_BARE_COMPONENT = re.compile(r"^(?:第[一二三四五六七八九十0-9]+|[A-Z]?[0-9]{0,2}|[一二三四五六七八九十]号|新|东|西|南|北)?"
                             r"(?:航站楼|跑道|标段|站房)$")


_STATION = re.compile(r"(?:东|西|南|北|火车|高铁)站$")


def _attributes(sentence: str, context: Context, cand: Candidate, *, alone: bool) -> dict[str, float]:
    """Figures about the project: 正线长度292公里, 时速350公里, 500千伏, 总投资…亿元, 总规模300亿元
    (from its clause and the next one, or the whole sentence when it names only this project); none for one
    example of a batch (X生产基地等14个项目，总投资…: the batch's figures)."""
    attrs: dict[str, float] = {}
    if EXAMPLE_OF.match(sentence, cand.end):
        return attrs
    _, clause_end = clause(sentence, cand.start, cand.end)
    following = CLAUSE_BREAK.search(sentence, clause_end + 1)
    limit = len(sentence) if alone or not following else following.start()
    for s, e, q in context.quantities:
        # 总投资4.2亿元的X项目: a figure right before the name, joined by 的, describes it
        before_name = sentence[e:e + 1] == "的" and e + 1 == cand.start
        if not before_name and (not cand.start <= s < limit or sentence[e:e + 1] == "的"):
            continue  # 长度为1.7公里的特大桥: the figure describes the noun after it
        about = before_name or s > cand.start
        lead = sentence[max(0, s - 6):s]
        unit = q.unit or ""
        if unit == "千伏" and cand.start <= s < cand.end + 4:
            attrs.setdefault("voltage_kv", q.value)
        elif unit in ("公里", "千米") and "时速" in lead:
            attrs.setdefault("speed_kmh", q.value)
        elif unit in ("公里", "千米") and _LENGTH_LEAD.search(lead) and about:
            attrs.setdefault("length_km", q.value)
        elif unit.endswith("元") and "投资" in lead and about:
            attrs.setdefault("investment_yuan", q.value)
        elif unit.endswith("元") and "总规模" in lead and about:
            attrs.setdefault("total_size_yuan", q.value)
        elif unit.endswith("千瓦") and "装机" in lead:
            attrs.setdefault("capacity_kw", q.value)
    return attrs


def _quote(sentence: str, cand: Candidate, verbs: list[re.Match]) -> tuple[int, int]:
    clause_start, clause_end = clause(sentence, cand.start, cand.end)
    start = min([clause_start] + [v.start() for v in verbs])
    end = max([clause_end] + [v.end() for v in verbs])
    if end - start > 60:
        start = max(start, min([cand.start] + [v.start() for v in verbs if v.start() >= cand.start - 20]))
        end = min(end, start + 60)
    if end - start < 8 and start > 0:
        # 成渝高铁开通 alone is too short to check: take in the clause before (2015年，…)
        start = max(clause(sentence, start - 2, start - 1)[0], end - 60)
    return start, max(end, min(cand.end, start + 60))


def _series(sentence: str, singles: list[Candidate]) -> dict[int, tuple[int, int]]:
    """Names joined by 、 (A、B、C等项目加快建设) share their verbs: the span of each run, by member start."""
    ordered = sorted(singles, key=lambda c: c.start)
    runs: list[list[Candidate]] = []
    for cand in ordered:
        if runs and _JOINER.fullmatch(sentence, runs[-1][-1].end, cand.start):
            runs[-1].append(cand)
        else:
            runs.append([cand])
    spans = {}
    for run in runs:
        end = run[-1].end
        tail = _SERIES_TAIL.match(sentence, end)
        if len(run) > 1 or tail.group(0):
            for cand in run:
                spans[cand.start] = (run[0].start, end + len(tail.group(0)))
    return spans


_FACT_HEADS = ("基地", "载体")
_PLANT_HEADS = ("生产基地", "产业基地")  # a plant, a project of its own (签约X精密制造生产基地)
_LENGTH_LEAD = re.compile(r"全长|长度|里程|线路长|长约|总长")
_JOINER = re.compile(r"[、和及与]|以及")
_SERIES_TAIL = re.compile(r"(?:等(?:[0-9一二三四五六七八九十多]+[个条座项])?)?(?:项目|工程)?")


def _fold_components(sentence: str, built: list[Built]) -> list[Built]:
    """Parts join their project: 其T3航站楼及第五跑道…投运 are milestones of the airport expansion named
    before them; a part with no project before it and no name of its own (其跑道, 第五跑道) is dropped.
    A structure named after its line (津潍高铁天津段海河特大桥合龙, 浦梅铁路牛峒山隧道贯通) reports on the line:
    the line is the project, the structure's milestones are the line's."""
    kept: list[Built] = []
    for cand, verbs, milestones, attrs in built:
        head = next((h for h in COMPONENT_HEADS if cand.name.endswith(h)), None)
        bare = head is not None and bool(_BARE_COMPONENT.match(cand.name) or _PRONOUN_BEFORE.search(sentence, 0, cand.start))
        parent = next((k for k in reversed(kept) if k[0].end <= cand.start
                       and not any(k[0].name.endswith(h) for h in COMPONENT_HEADS)), None)
        if bare and parent is not None:
            known = {(m.event, m.time) for m in parent[2]}
            parent[2].extend(m for m in milestones if (m.event, m.time) not in known)
            continue
        if bare:
            continue
        if parent is not None and _structure_of(parent[0], cand, sentence):
            known = {(m.event, m.time) for m in parent[2]}
            parent[2].extend(m for m in milestones if (m.event, m.time) not in known)
            continue
        line = _LINE_PREFIX.match(cand.name)
        if line and (head or cand.name.endswith(tuple(STRUCTURE_HEADS))):
            # 浦梅铁路牛峒山隧道贯通: a structure of a line is reported under the line (its 贯通 is the line's)
            cand = Candidate(cand.start, cand.start + len(line.group(1)), line.group(1), category_of(line.group(1)),
                             False, cand.kind)
        kept.append(Built(cand, verbs, milestones, attrs))
    return kept


_TUNNEL_OR_BRIDGE = ("隧道", "大桥", "特大桥")
_STRUCTURE_GAP = re.compile(r"(?:——)?(?:全长[0-9.]+(?:公里|千米|米)的?)?[\u4e00-\u9fff]{0,3}")


def _structure_of(line: Candidate, cand: Candidate, sentence: str) -> bool:
    """成昆铁路…改线工程新建岩岱隧道9日贯通, X高铁Y段控制性工程——全长12673米的Z隧道: a tunnel or bridge
    written right after its line (a verb or its length between them) reports on that line."""
    return (cand.name.endswith(_TUNNEL_OR_BRIDGE) and line.category in ("railway", "highway")
            and not line.name.endswith(tuple(STRUCTURE_HEADS))
            and _STRUCTURE_GAP.fullmatch(sentence, line.end, cand.start) is not None)


# The sentence goes on about the line of a structure (…特大桥实现合龙，该线全长约237公里).
_REFERS_LINE = re.compile(r"[，,；;]\s*(?:该线|该项目|该工程|全线|线路全长|该铁路|该高铁|该公路)")


def _record(b: Built, sentence: str, rule: str) -> list[ProjectRecord]:
    start, end = _quote(sentence, b.cand, b.verbs)
    milestones = b.milestones
    if b.cand.category == "other":
        milestones = [replace(m, event=SERVICE_EVENTS.get(m.event, m.event)) for m in milestones]
    return [ProjectRecord(b.cand.name, b.cand.category, b.attrs, milestones, Span(start, end, rule))]


def _build_list_item(b: Built, sentence: str, context: Context, rule: str) -> list[ProjectRecord]:
    return _record(b, sentence, rule) if b.cand.kind == "list" and b.milestones else []


def _build_milestone(b: Built, sentence: str, context: Context, rule: str) -> list[ProjectRecord]:
    return _record(b, sentence, rule) if b.cand.kind == "strong" and b.milestones else []


def _build_facility(b: Built, sentence: str, context: Context, rule: str) -> list[ProjectRecord]:
    return _record(b, sentence, rule) if b.cand.kind == "weak" and b.milestones else []


_INVESTED_AFTER = re.compile(r"[，,]?(?:计划|预计|拟|共)?总?投资(?:额)?(?:约|达|为|超过?)?[0-9０-９]")


def _build_attributes(b: Built, sentence: str, context: Context, rule: str) -> list[ProjectRecord]:
    # a figure alone (时速350公里) describes a line, it reports nothing about it
    figures = bool({"length_km", "investment_yuan"} & set(b.attrs)) or len(b.attrs) >= 2
    # a weak head (X项目) names a project when its investment follows it (凤栖小镇核心区项目计划投资30亿元)
    named = (not b.cand.weak or bool(_INVESTED_AFTER.match(sentence, b.cand.end))) and b.cand.kind != "list"
    return _record(b, sentence, rule) if not b.milestones and named and figures else []


# Every rule starts from a head noun (SUFFIX_RE); a candidate name becomes the record of the first
# rule that accepts it. Order matters only for reading: the kinds (list item, strong, weak head) and
# milestones-or-figures make the four conditions exclusive.
LIST_ITEM = Rule("project.list_item", SUFFIX_RE, _build_list_item)  # an item of a list closed by its head
MILESTONE = Rule("project.milestone", SUFFIX_RE, _build_milestone)  # a specific head with a milestone verb
FACILITY = Rule("project.facility", SUFFIX_RE, _build_facility)  # a weak head right next to its verb
ATTRIBUTES = Rule("project.attributes", SUFFIX_RE, _build_attributes)  # figures (length, investment), no milestone
RULES: tuple[Rule, ...] = (LIST_ITEM, MILESTONE, FACILITY, ATTRIBUTES)
# The rule a candidate's milestones are named after, by the candidate's kind.
_MILESTONE_RULE = {"list": LIST_ITEM.name, "strong": MILESTONE.name, "weak": FACILITY.name}


# 该项目 / 该工程 opening a sentence: the project the previous sentence named (…项目签约。该项目于3月开工)
# 该项目于…, and 项目 alone opening a sentence about the project just named (澄华高速全长…。项目于去年11月…)
_ANAPHOR = re.compile(r"^(?:[^，,。；;]{0,16}[，,])?(?P<name>(?:该|此|这一)(?:项目|工程)"
                      r"|(?<![\u4e00-\u9fff])项目(?=于|已|将|目前|计划|预计|自|在|正))")


def _anaphor(sentence: str, context: Context) -> list[Candidate]:
    """The project 该项目 refers to: the last one with a specific name in the previous sentence."""
    m = _ANAPHOR.match(sentence)
    if not m or not context.previous:
        return []
    before = Context(reference=context.reference, dates=context.previous_dates)
    named = [c for c in find_single(context.previous, before) if c.kind == "strong"]
    if not named:
        return []
    return [Candidate(m.start("name"), m.end("name"), named[-1].name, named[-1].category, False, "strong")]


def _built(sentence: str, context: Context, heads: list[tuple[int, int, str]]) -> list[Built]:
    """Every candidate name with its verbs, milestones and figures, parts folded into their project."""
    located = locate(sentence, context, heads)
    listed = find_list(sentence, context, located)
    singles = [c for c in find_single(sentence, context, located) + _anaphor(sentence, context)
               if not any(c.start < o.end and o.start < c.end for o in listed)]
    names = [(c.start, c.end) for c in listed + singles]
    list_span = (min(c.start for c in listed), max(c.head_end for c in listed)) if listed else None
    groups = _series(sentence, singles)
    dates = [(s, e) for s, e, _ in context.dates]
    # figures of the sentence belong to its one line, not to the stations it passes (重庆北站)
    lines = [c for c in listed + singles if not _STATION.search(c.name)]
    built = []
    for cand in sorted(listed + singles, key=lambda c: c.start):
        verbs = associated_verbs(sentence, cand, names, list_span if cand.kind == "list" else groups.get(cand.start),
                                 dates)
        milestones = milestones_of(sentence, context, verbs, names, _MILESTONE_RULE[cand.kind])
        if cand.category == "other":  # 公交专线开通: a service goes into operation, nothing opens to traffic
            milestones = [replace(m, event=SERVICE_EVENTS.get(m.event, m.event)) for m in milestones]
        attrs = _attributes(sentence, context, cand, alone=len(lines) == 1 and cand in lines)
        built.append(Built(cand, verbs, milestones, attrs))
    return _fold_components(sentence, built)


def extract(sentence: str, *, context: Context) -> list[ProjectRecord]:
    """One ProjectRecord per project the sentence reports a milestone or figure for (the pipeline
    merges mentions of one project within a document)."""
    heads = heads_of(sentence, metro=bool(METRO_RE.search(sentence) or METRO_RE.search(context.previous)))
    if not heads:
        return []  # no head noun: no project (most sentences stop here)
    records = []
    for b in _built(sentence, context, heads):
        if b.cand.name.endswith(_FACT_HEADS) and not b.cand.name.endswith(_PLANT_HEADS) and not b.attrs and all(m.time is None or "now" in m.time.flags
                                                                      for m in b.milestones):
            continue  # 已建成…创业基地: a base or carrier needs a dated milestone or figures to be a project
        records.extend(next((found for rule in RULES if (found := rule.build(b, sentence, context, rule.name))), []))
    return records

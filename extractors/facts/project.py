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

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.facts import dating
from extractors.facts.project_rules import (
    CLAUSE_BREAK,
    COMPONENT_HEADS,
    CONDITIONAL,
    RHETORIC_END_RE,
    STRUCTURE_HEADS,
    EXTENSION_HEADS,
    LEXICON,
    LIST_STOP_RE,
    MILESTONES,
    NAME_STOP_RE,
    NOT_AFTER_RE,
    PLANNED_RE,
    SUFFIX_RE,
    TAIL_RE,
    VERB_RE,
    WEAK,
    category_of,
    clean_name,
    is_generic,
)
from extractors.records import Context, MilestoneRecord, ProjectRecord, Span
from extractors.rules import clause
from extractors.values import TimeValue

__all__ = ["RULES", "Rule", "extract", "LEXICON"]

_COUNTED = re.compile(r"(?<!第)(?:[0-9０-９]+|[一二三四五六七八九十两几多]+)[个条座项批家]")
# Clauses that continue the previous one's subject: 预计6月30日投运, 并于年底建成.
_CONTINUES = re.compile(r"^(?:预计|计划|将|力争|争取|并|已|于|年内|目前|现已|随后|同时|正在|年底前|届时)")
# A clause naming the project again (该项目全长…, 全线贯通, 全桥贯通, 线路全长…): it goes on about it.
_REFERS = re.compile(r"^(?:该(?:项目|工程|线|线路|桥|大桥|隧道|通道|机场)|全线|全桥|全段|全隧|主线|线路|航道|其)")
# A clause that only gives figures (线路全长163.8公里, 设计时速350公里, 总投资约1112亿元): the next one
# may still speak of the project (…，预计2028年建成通车).
_FIGURES = re.compile(r"^(?:全长|长约|总长|长度|里程|设计时速|时速|总投资|投资|总建筑面积|建筑面积|占地|装机|总规模|每年可|年输送|"
                      r"可向|最高时速)")
_LEADING_ADVERBS = re.compile(r"^(?:已经|已|正式|顺利|于|并|又|还|将|均|实现|完成|正在)*")
# After a head, words that make the name part of an event's name (…科技园项目集中签约暨推进会在…举行)
_EVENT_AFTER = re.compile(r"(?:项目)?([^，,。；;、“”]{0,16}?)(?:会|仪式|论坛|峰会|典礼|活动)(?=在|于|举行|召开|举办|开幕|[，,。；;]|$)")
_CEREMONY_MILESTONE = re.compile(r"开工|通车|竣工|投产|投运|建成|开通|奠基")
_VENUE_AFTER = re.compile(r"[^，,。；;]{0,4}?(?:举行|召开|举办|开幕)")
# A weak head followed by these modifies another noun (…创业基地“1+12+N”孵化载体体系).
_WEAK_MODIFIES = re.compile(r"[“\"]|体系|网络|矩阵|集群|联盟|布局")
# Facts that make 通道 a project head: figures or a milestone right after the name (深中通道去年…通车).
_FACTS_AFTER = re.compile(r"[^，,。；;]{0,14}?(?:全长|长约|总长|总投资|开工|动工|通车|建成|贯通|投运|在建|施工|合龙|封顶)")
# A line named before its structure (津潍高铁天津段海河特大桥): the line's own name.
_LINE_PREFIX = re.compile(r"^(.{2,20}?(?:高速铁路|城际铁路|高铁|铁路|高速公路|高速|轨道交通|地铁))(?:[\u4e00-\u9fff]{1,8}段)?(?=.)")
_DIGIT = re.compile(r"[0-9０-９]")
_PRONOUN_BEFORE = re.compile(r"(?:其|该|这|此)$")
_BARE_COMPONENT = re.compile(r"^(?:第[一二三四五六七八九十0-9]+|[A-Z]?[0-9]{0,2}|[一二三四五六七八九十]号|新|东|西|南|北)?"
                             r"(?:航站楼|跑道|标段|站房)$")
_JOINED_PLACE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:新区|区|市|县|省|镇|州|岛)[与和]")
_AGENT = re.compile(r"^(?:[（(][^（）()]*[)）])?由[^，,。；;]{2,200}?(?:共同|联合)?$")
_NOMINAL = re.compile(r"中(?!心)|里|期间|时期|阶段性|项目|工程|单位|用地|资金|任务|指挥部|活动|现场|大会|前置|条件|手续")
# Gaps that do not separate a name from its verb: 在两江新区开工, 获国家发展改革委批复.
_BRIDGE = re.compile(r"^(?:在|于)[^，,。；;的]{1,20}$|^[^，,。；;的]{0,12}获[^，,。；;的]{0,12}$")
_ADVERBS = re.compile(r"已经|已|正式|顺利|正在|正|于|全面|率先|成功|如期|提前|基本")
# A head followed by these modifies another noun (凉山高速公路项目建设合作, 高速公路建设市场, …座谈会).
_MODIFIER = re.compile(r"(?:项目)?(?:开工|通车)?(?:建设)?(?:新闻发布会|发布会|座谈会|推进会|现场会|会议|合作|市场|领域|工作|"
                       r"指挥部|管理|行业|企业)")
_STATION = re.compile(r"(?:东|西|南|北|火车|高铁)站$")
_PAST = re.compile(r"^(?:了|完毕)")
GENERIC_END = re.compile(r"(?:重大|重点|相关|各类|一批|新型|大)[“”\"]?$")
# A weak head (平台, 基金, 工程) is a project only when it is being built or opened, not 共建 / 规划.
_WEAK_VERB_EXCLUDED = frozenset({"共建", "合资共建", "谋划", "规划", "规划推进", "规划建设", "建设规划", "前期工作",
                                 "纳入规划", "加快推进", "推进建设", "规划选址"})


@dataclass
class Candidate:
    """A project name found in a sentence: [start, end) and how it was found."""

    start: int
    end: int
    name: str
    category: str
    weak: bool
    rule: str
    head_end: int = 0  # for a list item: the end of the list's head (…等9个高速公路项目)


@dataclass(frozen=True)
class Rule:
    """A named rule: how its candidates are found and when one becomes a record.

    The build step is shared (milestone verbs, dates, figures); ``extract`` names each record
    after the rule whose condition it met, in the order below.
    """

    name: str
    find: Callable[[str, Context], list[Candidate]]
    accepts: str


def _inside_title(sentence: str, pos: int) -> bool:
    return sentence.rfind("《", 0, pos) > sentence.rfind("》", 0, pos)


def _inside_parens(sentence: str, pos: int) -> bool:
    opened = max(sentence.rfind("（", 0, pos), sentence.rfind("(", 0, pos))
    closed = max(sentence.rfind("）", 0, pos), sentence.rfind(")", 0, pos))
    return opened > closed


def _name_start(sentence: str, clause_start: int, head_start: int, context: Context) -> int:
    start = clause_start
    for s, e, _ in context.dates:
        if clause_start <= e <= head_start:
            start = max(start, e)
    stop = NAME_STOP_RE.match(sentence, start, head_start)
    found = stop.end() if stop else start
    # 两江新区与天府新区直连高速通道: two places joined by 与/和 open the name
    joined = _JOINED_PLACE.search(sentence, start, found)
    if joined and joined.end() == found:
        inner = NAME_STOP_RE.match(sentence, joined.start(), joined.end() - 1)
        return inner.end() if inner else joined.start()
    return found


def _heads(sentence: str) -> list[tuple[int, int, str]]:
    """Every head noun with its tail (段, 二期, 扩容) that is not part of a longer word (铁路港)."""
    found: list[tuple[int, int, str]] = []
    for m in SUFFIX_RE.finditer(sentence):
        if _inside_title(sentence, m.start()) or (found and m.start() < found[-1][1]) or _inside_parens(sentence, m.start()):
            continue  # inside a title, an alias (连徐高铁), or the tail of the previous head (…作业区二期工程)
        end = TAIL_RE.match(sentence, m.end()).end()
        if NOT_AFTER_RE.match(sentence, end) or NOT_AFTER_RE.match(sentence, m.end()) or _MODIFIER.match(sentence, end):
            continue
        found.append((m.start(), end, m.group(0)))
    return found


Located = tuple[int, int, str, int, int, int]  # head start, end, head, clause start, clause end, name start


def _locate(sentence: str, context: Context, heads: list[tuple[int, int, str]] | None = None) -> list[Located]:
    """Every head with its clause and the start of the name it ends (found once for all rules)."""
    located = []
    for head_start, end, head in _heads(sentence) if heads is None else heads:
        clause_start, clause_end = clause(sentence, head_start, end)
        located.append((head_start, end, head, clause_start, clause_end,
                        _name_start(sentence, clause_start, head_start, context)))
    return located


def find_single(sentence: str, context: Context, located: list[Located] | None = None) -> list[Candidate]:
    """Names ending in a head noun: 川渝第三条500千伏输电通道铜梁500千伏变电站."""
    found = []
    if located is None:
        located = _locate(sentence, context)
    heads = [(s, e, h) for s, e, h, *_ in located]
    for head_start, end, head, clause_start, clause_end, start in located:
        if LIST_STOP_RE.search(sentence[clause_start:start]):
            continue  # the head of a list (…等9个高速公路项目): find_list handles it
        raw = sentence[start:end]
        name = clean_name(raw)
        core = name[: max(0, len(name) - len(head))] if name.endswith(head) else name
        if (is_generic(core) and head not in COMPONENT_HEADS) or _COUNTED.search(raw) or len(name) < 4 \
                or _SUPERLATIVE.match(raw) or _FIRST_BEFORE.search(sentence, max(0, start - 2), start):
            continue  # 首只“双城经济圈”发展基金, 最大民用运输机场: a description, not a name
        if _COUNTED.search(sentence, end, clause_end):
            continue  # 新增高速公路省际通道8个: a count of such works, a statistic
        if head in CONDITIONAL and not _proper_corridor(sentence, start, end, core):
            continue  # 物流通道, “黄金通道”: rhetoric; 深中通道全长24公里: a work
        if _event_name(sentence, start, end):
            continue  # …科技园项目集中签约暨推进会在…举行, 在…会展中心举行: an event's name or venue
        # a conditional head inside the name (…陆海新通道平台) does not make a weak head specific
        weak = head in WEAK and not any(h not in WEAK and h not in CONDITIONAL for s, e, h in heads if start <= s and e <= end)
        if weak and _WEAK_MODIFIES.match(sentence, end):
            continue  # …创业基地“1+12+N”孵化载体体系: the head describes another noun
        if weak and head in EXTENSION_HEADS and len(core) < 4:
            continue  # a bare …工程 needs a specific name (引江济淮工程)
        if weak and (is_generic(GENERIC_END.sub("", core)) or _COUNTED.search(sentence, clause_start, start)):
            continue  # 重大工程, 重点平台: a class of projects (but 遂潼涪江蔬菜乐园重点项目 is one)
        found.append(Candidate(start, end, name, category_of(name), weak,
                               "project.facility" if weak else "project.milestone"))
    # a name inside a longer one is part of it (输电通道 in …输电通道铜梁500千伏变电站)
    return [c for c in found if not any(o is not c and o.start <= c.start and c.end <= o.end for o in found)]


def _proper_corridor(sentence: str, start: int, end: int, core: str) -> bool:
    """通道 names a work only after a proper name (深中, 狮子洋) and before project facts."""
    quoted = (start > 0 and sentence[start - 1] in "“\"‘") or sentence[end:end + 1] in ("”", "\"", "’")
    return (2 <= len(core) <= 8 and not quoted and not RHETORIC_END_RE.search(core) and not is_generic(core)
            and not _DIGIT.search(core) and bool(_FACTS_AFTER.match(sentence, end)))


def _event_name(sentence: str, start: int, end: int) -> bool:
    """The name opens an event's name (…科技园项目集中签约暨推进会) or is the venue of 在…举行."""
    event = _EVENT_AFTER.match(sentence, end)
    if event and not _CEREMONY_MILESTONE.search(event.group(1)):
        return True  # but 成渝中线高铁开工仪式 states the line's start
    return sentence[start - 1:start] == "在" and start > 0 and bool(_VENUE_AFTER.match(sentence, end))


def find_list(sentence: str, context: Context, located: list[Located] | None = None) -> list[Candidate]:
    """Items of a list closed by its head: 南充至潼南、内江至大足等9个高速公路项目 → each + 高速公路."""
    found = []
    for head_start, end, head, clause_start, _, start in located if located is not None else _locate(sentence, context):
        marker = LIST_STOP_RE.search(sentence[clause_start:start])
        if not marker or head in WEAK or head in CONDITIONAL:
            continue
        items_end = clause_start + marker.start()
        # the list runs back to the nearest stop that is not the 、 between items
        window = sentence[clause_start:items_end].replace("、", "\0")
        stop = NAME_STOP_RE.match(window)
        items_start = clause_start + (stop.end() if stop else 0)
        offset = items_start
        for item in sentence[items_start:items_end].split("、"):
            item_start = offset
            offset += len(item) + 1
            if SUFFIX_RE.search(item) or is_generic(item) or len(item) > 12:
                continue  # an item with its own head is a name of its own
            name = clean_name(item + head)
            head_tail = _HEAD_TAIL.match(sentence, end).end() - end
            found.append(Candidate(item_start, item_start + len(item), name, category_of(name), False,
                                   "project.list_item", end + head_tail))
    return found


RULES: tuple[Rule, ...] = (
    # Order matters: list items are whole names and win over a single name on the same words.
    Rule("project.list_item", find_list, "an item of a list closed by its head, with a milestone verb"),
    Rule("project.milestone", find_single, "a name ending in a specific head, with a milestone verb in its clause"),
    Rule("project.facility", find_single, "a weak head (平台, 基金, 工程, 项目) right next to its construction verb"),
    Rule("project.attributes", find_single, "a specific head with figures (length, investment) but no milestone"),
)


def _masked(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _verbs(sentence: str, start: int, end: int, names: list[tuple[int, int]]) -> list[re.Match]:
    # a verb used as a noun (“十三五”规划中, 建设期间) states no milestone
    return [m for m in VERB_RE.finditer(sentence, start, end)
            if not _masked(names, m.start()) and not _NOMINAL.match(sentence, m.end())]


def _undated(sentence: str, start: int, end: int, dates: list[tuple[int, int]]) -> str:
    """The text of [start, end) without its date expressions."""
    return "".join(ch for i, ch in enumerate(sentence[start:end], start) if not any(s <= i < e for s, e in dates))


def _near_verbs(sentence: str, hi: int, after: list[re.Match], dates: list[tuple[int, int]]) -> list[re.Match]:
    """Verbs after a name that speak of it: the first within a short gap (dates and 于/在 phrases
    do not count), then the verbs chained to it (全面竣工投产). Verbs after a relative 的
    (…为骨架的航道体系基本建成) or before one (X建设的关键) speak of something else."""
    kept: list[re.Match] = []
    for v in after:
        if sentence[v.end():v.end() + 1] == "的":
            continue
        if kept:
            if v.start() - kept[-1].end() <= 2:
                kept.append(v)
            continue
        gap = _undated(sentence, hi, v.start(), dates)
        if (len(gap) <= 12 and "的" not in gap and "为" not in gap) or _AGENT.match(gap) or _BRIDGE.match(gap):
            kept.append(v)  # …基金（暂定名）由A、B共同发起设立: the agents do not separate the verb
    return kept


def _associated(sentence: str, cand: Candidate, names: list[tuple[int, int]],
                list_span: tuple[int, int] | None, context_dates: list[tuple[int, int]]) -> list[re.Match]:
    """Milestone verbs that speak of this project: in its clause, or a clause continuing it."""
    lo, hi = list_span or (cand.start, cand.end)
    clause_start, clause_end = clause(sentence, lo, hi)
    # a verb before another name speaks of that one (规划推进成渝中线高铁接入重庆北站: not the station)
    before = [v for v in _verbs(sentence, clause_start, lo, names) if not any(v.end() <= s < lo for s, _ in names)]
    after = _verbs(sentence, hi, clause_end, names)
    if cand.weak:
        # a weak head (平台, 基金, 工程) needs its verb right next to it: 建成X, X建设, X启用
        extension = cand.name.endswith(tuple(EXTENSION_HEADS))
        before = [v for v in before if lo - v.end() <= 1 and v.group(0) not in _WEAK_VERB_EXCLUDED
                  and not (extension and v.group(0) == "建设")]
        # …工程建设取得成效: 建设 is a noun there; …重点项目建设。 closes a clause: it is the event
        after = [v for v in after if (len(_ADVERBS.sub("", _undated(sentence, hi, v.start(), context_dates))) <= 2
                                      or _AGENT.match(sentence[hi:v.start()]) or _BRIDGE.match(sentence[hi:v.start()]))
                 and v.group(0) not in _WEAK_VERB_EXCLUDED
                 and not (extension and v.group(0) == "建设" and not _CLOSES.match(sentence, v.end()))]
    after = _near_verbs(sentence, hi, after, context_dates)
    if after:
        before = [v for v in before if sentence[v.end():v.end() + 1] != "的"]  # 共建的X…开工: the verb after
    verbs = before[-1:] + after
    if not verbs and not cand.weak and clause_start > 0:
        # 规划推进一批重大交通项目，形成A: the verb of a clause announcing the projects
        prev_start, prev_end = clause(sentence, clause_start - 2, clause_start - 1)
        previous = sentence[prev_start:prev_end]
        if re.search(r"(?:一批|一系列|若干)[^，,；;]*(?:项目|工程)$", previous):
            verbs = _verbs(sentence, prev_start, prev_end, names)[-1:]
    pos = clause_end
    opens_clause = len(sentence[clause_start:lo].strip("“”\" ")) <= 2  # 新建福厦铁路设计时速…,预计…建成通车
    while pos < len(sentence) and (verbs or opens_clause):
        nxt = CLAUSE_BREAK.search(sentence, pos + 1)
        nxt_end = nxt.start() if nxt else len(sentence)
        body_start = pos + 1
        for s, e in context_dates:
            if s == body_start:
                body_start = e  # 去年7月开工建设, 2018年7月全线贯通: a dated clause goes on
        body = sentence[body_start:nxt_end].lstrip()
        refers = _REFERS.match(body)
        rest = body[refers.end():] if refers else body
        if any(pos < s < nxt_end for s, _ in names) or SUFFIX_RE.search(rest):
            break  # a clause about another (named or generic) project does not continue this one
        if _FIGURES.match(rest):
            pos = nxt_end  # 线路全长163.8公里: figures only, the next clause may go on
            continue
        dated_verb = body_start > pos + 1 and VERB_RE.match(rest, len(_LEADING_ADVERBS.match(rest).group(0)))
        if not (_CONTINUES.match(body) or _CONTINUES.match(sentence[pos + 1:nxt_end].lstrip()) or refers or dated_verb):
            break
        verbs += _verbs(sentence, pos + 1, nxt_end, names)
        pos = nxt_end
    return verbs


_NOW = re.compile(r"(?:正在|目前|当前|现正|正)[^，,。；;]{0,4}$")


def _milestone_time(sentence: str, context: Context, verb: re.Match, names: list[tuple[int, int]]) -> TimeValue | None:
    """A milestone's date: from its own clause first, then an earlier clause of the sentence, then the
    narrative anchor only when the sentence has no date at all."""
    found = dating.stated_date(sentence, context, verb.start(), verb.end(),
                               own_clause_first=True, exclude=tuple(names))
    if found is not None:
        return found[2]
    clause_start, _ = clause(sentence, verb.start(), verb.end())
    if MILESTONES[verb.group(0)] == ["在建"] and _NOW.search(sentence, clause_start, verb.start()):
        # 正在加快建设: under construction as the article is written (its month)
        return _month(context.published) if context.published is not None else _month_of(context.reference)
    anchor = context.anchor
    if dating.sentence_has_date(sentence, context) or anchor is None:
        return None  # a date in another clause is another event's; the anchor is the previous sentence's
    # the narrative date carries over to an undated milestone, unless it is only a year long past
    if anchor.precision in ("day", "month") or anchor.end.year >= context.reference.year:
        return anchor
    return None


def _month_of(day: dt.date) -> TimeValue:
    """The month of the publication day."""
    return _month(TimeValue(day.isoformat(), day, day, "day"))


def _month(tv: TimeValue) -> TimeValue:
    """The month of a day (正在…: the publication month, as 目前 is read)."""
    if tv.precision != "day":
        return tv
    first = tv.start.replace(day=1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return TimeValue(first.strftime("%Y-%m"), first, last, "month", "正在", frozenset({"now"}))


def _planned(sentence: str, verb: re.Match, time: TimeValue | None) -> bool:
    if _PAST.match(sentence, verb.end()) or sentence[max(0, verb.start() - 1):verb.start()] == "已":
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


_YEAR_MARKERS = frozenset({"今年", "年内", "明年"})


def _attributes(sentence: str, context: Context, cand: Candidate, *, alone: bool) -> dict[str, float]:
    """Figures about the project: 正线长度292公里, 时速350公里, 500千伏, 总投资…亿元, 总规模300亿元
    (from its clause and the next one, or the whole sentence when it names only this project)."""
    attrs: dict[str, float] = {}
    _, clause_end = clause(sentence, cand.start, cand.end)
    following = CLAUSE_BREAK.search(sentence, clause_end + 1)
    limit = len(sentence) if alone or not following else following.start()
    for s, e, q in context.quantities:
        if not cand.start <= s < limit or sentence[e:e + 1] == "的":
            continue  # 长度为1.7公里的特大桥: the figure describes the noun after it
        lead = sentence[max(0, s - 6):s]
        unit = q.unit or ""
        if unit == "千伏" and cand.start <= s < cand.end + 4:
            attrs.setdefault("voltage_kv", q.value)
        elif unit in ("公里", "千米") and "时速" in lead:
            attrs.setdefault("speed_kmh", q.value)
        elif unit in ("公里", "千米") and _LENGTH_LEAD.search(lead) and s > cand.start:
            attrs.setdefault("length_km", q.value)
        elif unit.endswith("元") and "投资" in lead and s > cand.start:
            attrs.setdefault("investment_yuan", q.value)
        elif unit.endswith("元") and "总规模" in lead and s > cand.start:
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


def extract(sentence: str, *, context: Context) -> list[ProjectRecord]:
    """One ProjectRecord per project the sentence reports a milestone or figure for (the pipeline
    merges mentions of one project within a document)."""
    heads = _heads(sentence)
    if not heads:
        return []  # no head noun: no project (most sentences stop here)
    located = _locate(sentence, context, heads)
    listed = find_list(sentence, context, located)
    singles = [c for c in find_single(sentence, context, located)
               if not any(c.start < o.end and o.start < c.end for o in listed)]
    names = [(c.start, c.end) for c in listed + singles]
    list_span = (min(c.start for c in listed), max(c.head_end for c in listed)) if listed else None
    groups = _series(sentence, singles)
    # figures of the sentence belong to its one line, not to the stations it passes (重庆北站)
    lines = [c for c in listed + singles if not _STATION.search(c.name)]
    built: list[tuple[Candidate, list[re.Match], list[MilestoneRecord], dict[str, float]]] = []
    for cand in sorted(listed + singles, key=lambda c: c.start):
        in_list = cand.rule == "project.list_item"
        verbs = _associated(sentence, cand, names, list_span if in_list else groups.get(cand.start),
                            [(s, e) for s, e, _ in context.dates])
        milestones = _milestones(sentence, context, cand, verbs, names)
        attrs = _attributes(sentence, context, cand, alone=len(lines) == 1 and cand in lines)
        built.append((cand, verbs, milestones, attrs))
    built = _fold_components(sentence, built)
    records = []
    for cand, verbs, milestones, attrs in built:
        rule = cand.rule
        if not milestones:
            if cand.weak or cand.rule == "project.list_item" \
                    or not ({"length_km", "investment_yuan"} & set(attrs) or len(attrs) >= 2):
                continue  # a figure alone (时速350公里) describes a line, it reports nothing about it
            rule = "project.attributes"
        if cand.name.endswith(_FACT_HEADS) and not attrs and all(m.time is None or "now" in m.time.flags
                                                                for m in milestones):
            continue  # 已建成…创业基地: a base or carrier needs a dated milestone or figures to be a project
        start, end = _quote(sentence, cand, verbs)
        records.append(ProjectRecord(cand.name, cand.category, attrs, milestones, Span(start, end, rule)))
    return records


_FACT_HEADS = ("基地", "载体")
_SUPERLATIVE = re.compile(r"最|首[只个条座批家]")
_FIRST_BEFORE = re.compile(r"首[只个条座批家]$")
_HEAD_TAIL = re.compile(r"(?:项目|工程|通道)?")
_CLOSES = re.compile(r"[，,。；;！!、]|$")
_LENGTH_LEAD = re.compile(r"全长|长度|里程|线路长|长约|总长")
_JOINER = re.compile(r"[、和及与]|以及")
_SERIES_TAIL = re.compile(r"(?:等(?:[0-9一二三四五六七八九十多]+[个条座项])?)?(?:项目|工程)?")


def _milestones(sentence: str, context: Context, cand: Candidate, verbs: list[re.Match],
                names: list[tuple[int, int]]) -> list[MilestoneRecord]:
    """One milestone per event and date stated by ``verbs``."""
    milestones = []
    seen: set[tuple] = set()
    for verb in verbs:
        time = _milestone_time(sentence, context, verb, names)
        for event in MILESTONES[verb.group(0)]:
            if (event, time) in seen:
                continue
            seen.add((event, time))
            milestones.append(MilestoneRecord(event, time, _planned(sentence, verb, time),
                                              Span(verb.start(), verb.end(), cand.rule)))
    return milestones


def _fold_components(sentence: str, built: list) -> list:
    """Parts join their project: 其T3航站楼及第五跑道…投运 are milestones of the airport expansion named
    before them; a part with no project before it and no name of its own (其跑道, 第五跑道) is dropped.
    A structure named after its line (津潍高铁天津段海河特大桥合龙，该线全长…) reports on the line when the
    sentence goes on about the line: the line is the project, under construction at that date."""
    kept: list = []
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
        line = _LINE_PREFIX.match(cand.name)
        if line and (head or cand.name.endswith(tuple(STRUCTURE_HEADS))) and _REFERS_LINE.search(sentence, cand.end):
            events: list[MilestoneRecord] = []
            for m in milestones:
                event = "在建" if m.event in ("贯通", "开工", "其他", "在建") and not m.planned else m.event
                if all((e.event, e.time) != (event, m.time) for e in events):
                    events.append(MilestoneRecord(event, m.time, m.planned, m.span))
            cand = Candidate(cand.start, cand.start + len(line.group(1)), line.group(1), category_of(line.group(1)),
                             False, cand.rule)
            milestones = events
        kept.append((cand, verbs, milestones, attrs))
    return kept


# The sentence goes on about the line of a structure (…特大桥实现合龙，该线全长约237公里).
_REFERS_LINE = re.compile(r"[，,；;]\s*(?:该线|该项目|该工程|全线|线路全长|该铁路|该高铁|该公路)")

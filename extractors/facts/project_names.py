"""Project names in a sentence: the head nouns (``project_rules``), the name each ends, list items
closed by one head (南充至潼南、内江至大足等9个高速公路项目), and what is no name (descriptions, counts,
rhetoric such as 物流通道, the names of events and venues)."""

import re
from dataclasses import dataclass

from extractors.facts.project_rules import (
    COMPONENT_HEADS,
    CONDITIONAL,
    EXTENSION_HEADS,
    LEXICON,
    LINE_HEADS,
    LINE_NAME_RE,
    LIST_STOP_RE,
    NAME_STOP_RE,
    NOT_AFTER_RE,
    RHETORIC_END_RE,
    SUFFIX_RE,
    TAIL_RE,
    WEAK,
    category_of,
    clean_name,
    is_generic,
)
from extractors.records import Context
from extractors.rules import DIGIT, alternation, clause, inside_title, word_patterns

# What follows a head that makes it no project's (see project.yaml): a ceremony's milestone, facts
# that make 通道 a project head (深中通道去年…通车), nouns a head modifies, and generic endings.
_CEREMONY_MILESTONE, _FACTS_AFTER, _MODIFIER, _WEAK_MODIFIES, GENERIC_END = word_patterns(LEXICON, {
    "ceremony_milestones": "{words}", "facts_after": "[^，,。；;]{0,14}?{words}",
    "head_modifies": "(?:项目)?(?:开工|通车)?(?:建设)?{words}", "weak_head_modifies": r'[“"]|{words}',
    "generic_endings": r'{words}[“”"]?$',
})
_DIGIT = re.compile(DIGIT)
_COUNTED = re.compile(r"(?<!第)(?:[0-9０-９]+|[一二三四五六七八九十两几多]+)[个条座项批家]")
# A count followed by its own noun (共设14座车站) counts parts of the work, not works like it.
_COUNT_OF_NOUN = re.compile(r"(?:多|余)?[\u4e00-\u9fff]*?(?:车站|站|桥梁|隧道|涵洞|出入口|机厂|机廠|车厂|列车|车厢)")
# After a head, words that make the name part of an event's name (…科技园项目集中签约暨推进会在…举行)
_EVENT_AFTER = re.compile(r"(?:项目)?([^，,。；;、“”]{0,16}?)(?:会|仪式|论坛|峰会|典礼|活动)(?=在|于|举行|召开|举办|开幕|[，,。；;]|$)")
_VENUE_AFTER = re.compile(r"[^，,。；;]{0,4}?(?:举行|召开|举办|开幕)")
_JOINED_PLACE = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:新区|区|市|县|省|镇|州|岛)[与和]")
_SUPERLATIVE = re.compile(r"最|首[只个条座批家]")
_FIRST_BEFORE = re.compile(r"首[只个条座批家]$")
EXAMPLE_OF = re.compile(r"(?:项目)?[”\"]?等")
_HEAD_TAIL = re.compile(r"(?:项目|工程|通道)?")


@dataclass
class Candidate:
    """A project name found in a sentence: [start, end) and how it was found."""

    start: int
    end: int
    name: str
    category: str
    weak: bool
    kind: str  # "list" (an item of a list closed by its head), "weak" or "strong" (its head)
    head_end: int = 0  # for a list item: the end of the list's head (…等9个高速公路项目)


Located = tuple[int, int, str, int, int, int]  # head start, end, head, clause start, clause end, name start


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


def heads_of(sentence: str, *, metro: bool = False) -> list[tuple[int, int, str]]:
    """Every head noun with its tail (段, 二期, 扩容) that is not part of a longer word (铁路港); with
    ``metro`` (the text speaks of a metro), line names alone too (信义线东延段, 屯马线一期); stations that
    open (北京丰台站开通运营)."""
    found: list[tuple[int, int, str]] = []
    for m in SUFFIX_RE.finditer(sentence):
        if inside_title(sentence, m.start()) or (found and m.start() < found[-1][1]) or _inside_parens(sentence, m.start()):
            continue  # inside a title, an alias (连徐高铁), or the tail of the previous head (…作业区二期工程)
        line = LINE_NAME_RE.match(sentence, m.end()) if m.group(0) in LINE_HEADS else None
        end = TAIL_RE.match(sentence, line.end() if line else m.end()).end()
        if NOT_AFTER_RE.match(sentence, end) or NOT_AFTER_RE.match(sentence, m.end()) or _MODIFIER.match(sentence, end):
            continue
        found.append((m.start(), end, m.group(0)))
    # a metro line (in a text about a metro), a station that opens: not already ending in a head (屯门南延线)
    alone = (_metro_lines(sentence) if metro else []) + (_stations(sentence) if "站" in sentence else [])
    found += [line for line in alone if not any(s < line[1] and line[0] < e for s, e, _ in found)]
    return sorted(found)


# A metro line written alone, in a text about a metro (捷运, 港铁…): 信义线, 万大中和线, 环状线北环段.
METRO_RE = re.compile(alternation(LEXICON["metro_words"]))
METRO_LINE_HEAD = "线"
_METRO_LINE = re.compile(rf"(?:^|(?<=[、，,；;。：:“”「」\s及和与]))(?:{alternation(LEXICON['metro_words'])})?"
                         r"(?P<name>[\u4e00-\u9fff]{2,4}?)线")
_NOT_A_LINE = re.compile(f"(?:{alternation(LEXICON['line_words'])})$")


# A station opening in a text about rail (北京丰台站开通运营, 郑州航空港站也在20日开通运营): a work of its own.
_STATION_OPENS = re.compile(rf"(?:^|(?<=[、，,；;。：:“”「」\s及和与]))(?P<name>[\u4e00-\u9fff]{{2,6}}?)站"
                            rf"(?=(?:也|已|已经|正式|顺利|同步|将)?(?:在|于)?[^，,。；;]{{0,6}}?(?:{alternation(LEXICON['station_verbs'])}))")
_NOT_A_STATION = re.compile(f"(?:{alternation(LEXICON['not_stations'])})$")


def _stations(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start("name"), m.end(), METRO_LINE_HEAD) for m in _STATION_OPENS.finditer(sentence)
            if not _NOT_A_STATION.search(m.group("name"))]


def _metro_lines(sentence: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _METRO_LINE.finditer(sentence):
        if _NOT_A_LINE.search(m.group(0)):
            continue
        found.append((m.start("name"), TAIL_RE.match(sentence, m.end()).end(), METRO_LINE_HEAD))
    return found


def locate(sentence: str, context: Context, heads: list[tuple[int, int, str]] | None = None) -> list[Located]:
    """Every head with its clause and the start of the name it ends (found once for all rules)."""
    located = []
    for head_start, end, head in heads_of(sentence) if heads is None else heads:
        clause_start, clause_end = clause(sentence, head_start, end)
        start = head_start if head == METRO_LINE_HEAD else _name_start(sentence, clause_start, head_start, context)
        located.append((head_start, end, head, clause_start, clause_end, start))
    return located


def _described(sentence: str, head: str, start: int, end: int, clause_end: int, raw: str, name: str,
               core: str) -> bool:
    """A description, a count, rhetoric or an event's name rather than the name of one work."""
    if (is_generic(core) and head not in COMPONENT_HEADS) or _COUNTED.search(raw) or len(name) < 4 \
            or _SUPERLATIVE.match(raw) or _FIRST_BEFORE.search(sentence, max(0, start - 2), start):
        return True  # 首只“双城经济圈”发展基金, 最大民用运输机场: a description, not a name
    counted = _COUNTED.search(sentence, end, clause_end)
    if counted and not _COUNT_OF_NOUN.match(sentence, counted.end(), clause_end) and not EXAMPLE_OF.match(sentence, end):
        # 新增高速公路省际通道8个: a count of such works (but 红线共设14座车站 counts its stations, and
        # 签约X生产基地等14个项目 names one of them)
        return True
    if head in CONDITIONAL and not _proper_corridor(sentence, start, end, core):
        return True  # 物流通道, “黄金通道”: rhetoric; 深中通道全长24公里: a work
    return _event_name(sentence, start, end)  # …科技园项目集中签约暨推进会在…举行, 在…会展中心举行


def _weak_rejected(sentence: str, head: str, start: int, end: int, clause_start: int, core: str) -> bool:
    """A weak head (平台, 基金, 工程) that describes another noun, or has no specific name."""
    if _WEAK_MODIFIES.match(sentence, end):
        return True  # …创业基地“1+12+N”孵化载体体系: the head describes another noun
    if head in EXTENSION_HEADS and len(core) < 4:
        return True  # a bare …工程 needs a specific name (引江济淮工程)
    # 重大工程, 重点平台: a class of projects (but 遂潼涪江蔬菜乐园重点项目 is one)
    return is_generic(GENERIC_END.sub("", core)) or bool(_COUNTED.search(sentence, clause_start, start))


def find_single(sentence: str, context: Context, located: list[Located] | None = None) -> list[Candidate]:
    """Names ending in a head noun: 川渝第三条500千伏输电通道铜梁500千伏变电站."""
    found = []
    if located is None:
        located = locate(sentence, context)
    heads = [(s, e, h) for s, e, h, *_ in located]
    for head_start, end, head, clause_start, clause_end, start in located:
        if LIST_STOP_RE.search(sentence[clause_start:start]):
            continue  # the head of a list (…等9个高速公路项目): find_list handles it
        raw = sentence[start:end]
        name = clean_name(raw)
        core = name[: max(0, len(name) - len(head))] if name.endswith(head) else name
        if _described(sentence, head, start, end, clause_end, raw, name, core):
            continue
        # a conditional head inside the name (…陆海新通道平台) does not make a weak head specific
        weak = head in WEAK and not any(h not in WEAK and h not in CONDITIONAL for s, e, h in heads if start <= s and e <= end)
        if weak and _weak_rejected(sentence, head, start, end, clause_start, core):
            continue
        category = "railway" if head == METRO_LINE_HEAD else category_of(name)
        found.append(Candidate(start, end, name, category, weak, "weak" if weak else "strong"))
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
    for head_start, end, head, clause_start, _, start in located if located is not None else locate(sentence, context):
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
                                   "list", end + head_tail))
    return found


# 澄江至华宁高速公路（以下简称“澄华高速”）: the short name the article goes on with
_DECLARED_ALIAS = re.compile(r"[（(](?:以下)?简称[“\"]?(?P<short>[\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"]?[)）]")


def declared_aliases(text: str, context: Context) -> dict[str, str]:
    """Short name → full name for every project the text names with （以下简称…）."""
    aliases: dict[str, str] = {}
    for m in _DECLARED_ALIAS.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        named = [c for c in find_single(before, context) if c.end == len(before) and c.kind == "strong"]
        if named and named[-1].name != m.group("short"):
            aliases[m.group("short")] = named[-1].name
    return aliases

"""Filters and rule table of the statistics extractor (extractors/facts/statistic.py).

Filters (``FILTERS``) name what looks like a figure but is not a fact. A rule
(``RULES``) is data: which view of a candidate figure it looks at, the pattern it
needs there, how the figure is then dated, and whether it is a target. The first
rule whose pattern matches a candidate decides its record.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.values import Quantity
from extractors.facts.project_rules import SUFFIX_RE as PROJECT_HEAD_RE, VERB_RE as PROJECT_VERB_RE
from extractors.facts.statistic_lexicon import LEXICON, ends_with_any, starts_with_any
from extractors.rules import Rule, alternation


# Views a rule pattern can be matched against (see statistic.Candidate.view).
VIEWS = ("kind", "unit_class", "date_flags", "before", "plan", "clause_before")
# How a rule dates its figure (statistic._as_of interprets these).
DATINGS = ("sentence", "flagged_date", "published", "target")


# ---------------------------------------------------------------------------
# Text helpers shared by the filters and the record builder.

# Where a noun phrase read after the unit ends: punctuation, a digit, whitespace other than the
# plain space (skipped), or a stop word.
NP_MAX = 14
NP_BREAK_OR_STOP = re.compile(
    r"[^\S ]|[，,；;：:。！？!?、（）()《》〈〉\[\]【】—…·/|0-9０-９%％]|"
    + alternation(LEXICON.np_stops + LEXICON.cues["change_to"])
)
QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'), ("‘", "’"))
QUOTE_OPENING = re.compile("[" + "".join(re.escape(opening) for opening, _ in QUOTE_PAIRS) + "]")
# 由/从 … 增加到: the figure after 由/从 is the starting value of a change.
CHANGE_FROM = re.compile(
    "(?:" + "|".join(re.escape(word) for word in LEXICON.cues["not_change_from"]) + ")"
    "|(?P<cue>" + "|".join(re.escape(word) for word in LEXICON.cues["change_from"]) + ")"
)
CHANGE_TO = re.compile("|".join(re.escape(word) for word in LEXICON.cues["change_to"]))
# Names and titles: cue words inside them (“天使计划”, 《…规划》) are not cues.
QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|「[^「」]*」|『[^『』]*』")


def blank_quoted(text: str) -> str:
    """The text with quoted names and titles blanked out (same length)."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def noun_phrase_after(text: str, *, named: bool = False) -> str:
    """The noun phrase right after a unit: up to punctuation, a digit or a stop word (``named``: the phrase
    after 的 is known to be a name, whatever word it starts with: 全长12673米的向阳二号隧道)."""
    text = text.lstrip(" \u3000")
    if text.startswith("的"):
        text = text[1:]
    if not text or not named and starts_with_any(text, LEXICON.np_stops):
        return ""
    stop = NP_BREAK_OR_STOP.search(text, 1 if named else 0)
    phrase = text[: stop.start()] if stop else text
    if " " in phrase:
        phrase = phrase.replace(" ", "")
    return phrase[:NP_MAX].strip("“”‘’\"「」『』")


def inside_short_quote(sentence: str, start: int, end: int, longest: int) -> bool:
    """Whether [start, end) sits in a quoted phrase of at most ``longest`` characters."""
    if QUOTE_OPENING.search(sentence, max(0, start - longest), start) is None:
        return False
    for opening, closing in QUOTE_PAIRS:
        left = sentence.rfind(opening, 0, start)
        right = sentence.find(closing, end)
        if left < 0 or right < 0:
            continue
        if opening == closing:
            if sentence.count(opening, 0, start) % 2 == 0:
                continue
        elif sentence.find(closing, left + 1, start) >= 0:
            continue  # the quote opened before the figure is closed before it
        if right - left - 1 <= longest:
            return True
    return False


# ---------------------------------------------------------------------------
# Filters: what looks like a figure but is not a fact. Each is named; the first that
# applies says why a quantity is dropped (statistic.reject_reason).

ASCII_DIGIT = re.compile(r"[0-9０-９]")
# Kinds of numbers results that are never figures.
REJECTED_KINDS = frozenset({"age", "date", "year", "time", "phone", "code"})
# A short quoted phrase holding a count is a slogan (“擦亮六个特色品牌”).
MAX_QUOTED_SLOGAN = 16
# How far before a figure a specification word (时速 …) is looked for.
SPEC_WINDOW = 8
# How far into the noun phrase after a unit a rhetoric head is looked for (十项重点任务).
RHETORIC_WINDOW = 6
# 次 after these characters is counted (举办了四次会议), not a session number.
COUNTING_CHARS = frozenset("了过共计开办行已")


@dataclass(slots=True)
class Figure:
    """A quantity of a sentence with the surroundings the filters look at."""

    sentence: str
    start: int
    end: int
    quantity: Quantity
    unit: str
    unit_class: str | None
    clause_start: int
    clause_end: int
    date_spans: tuple[tuple[int, int], ...]
    next_start: int = -1  # where the sentence's next quantity starts (-1: none)

    @property
    def clause_before(self) -> str:
        """The clause up to the figure."""
        return self.sentence[self.clause_start : self.start]

    @property
    def after(self) -> str:
        """The clause after the figure."""
        return self.sentence[self.end : self.clause_end]

    @property
    def char_before(self) -> str:
        """The character right before the figure ("" at the start)."""
        return self.sentence[max(0, self.start - 1) : self.start]


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of ``words``, longest first."""
    return re.compile(alternation(words))


HEADLINE_MARKER = _words_pattern(LEXICON.headline_markers)
SPEC_CUE = _words_pattern(LEXICON.cues["spec"])
SPEED_CUE = _words_pattern(LEXICON.cues["speed"])
TIME_SAVED_CUE = _words_pattern(LEXICON.cues["time_saved"])
# 之一 ends a membership (三大平台公司之一), not a fraction (九分之一).
MEMBERSHIP_CUE = re.compile("(?<!分)(?:" + _words_pattern(LEXICON.cues["membership"]).pattern + ")")
# How far before a span of time its streak cue is looked for (连续7年, 已连续6年).
STREAK_WINDOW = 4
# How far before a framed count its frame cue is looked for, and how far from the count it may
# end (从三个层次, 围绕这四个维度).
FRAME_WINDOW = 6
FRAME_GAP = 2
FRAME_CUE_BEFORE = re.compile("(?:" + _words_pattern(LEXICON.frame_cues).pattern + f").{{0,{FRAME_GAP}}}$")
FRAME_OR_RHETORIC_HEAD = _words_pattern(LEXICON.frame_heads + LEXICON.rhetoric_heads)
CHINESE_DIGITS = "〇零一二两三四五六七八九十"
# Between a count of a region's units and a later figure, these join two counts (15个市州与重庆35个区县).
COUNT_JOINERS = re.compile(r"[与和及、同跟]|以及")
# Before a count, these make it a finding (已有25个省份…), not the scope of another figure.
EXISTENTIAL_BEFORE = ("有", "其中", "共", "达")
RHETORIC_HEAD = _words_pattern(LEXICON.rhetoric_heads)
ASCII_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


def _is_code(f: Figure) -> bool:
    """A letter right before the number, maybe across spaces and hyphens (TJ6项目, G85, A-1)."""
    i = f.start
    while i > 0 and (f.sentence[i - 1].isspace() or f.sentence[i - 1] == "-"):
        i -= 1
    return i > 0 and ASCII_LETTER.match(f.sentence, i - 1) is not None


def _is_date(f: Figure) -> bool:
    return any(s < f.end and f.start < e for s, e in f.date_spans)


def _is_chinese_only(f: Figure) -> bool:
    return not ASCII_DIGIT.search(f.quantity.text)


def _is_small_ordinal(f: Figure) -> bool:
    return f.quantity.kind == "ordinal" and (
        f.unit_class != "count" or f.quantity.value < LEXICON.ordinal_cumulative_min
    )


def _is_vague(f: Figure) -> bool:
    vague = LEXICON.cues["vague"]
    text = f.quantity.text.lstrip()
    if starts_with_any(text, vague):
        return True
    return _is_chinese_only(f) and ends_with_any(f.sentence[max(0, f.start - 2) : f.start], vague) is not None


def _is_plain_duration(f: Figure) -> bool:
    """A duration is a fact only as time saved or cut (压缩25天) or as a streak (连续7年), not as a span (挂职1年)."""
    if f.unit_class != "duration":
        return False
    # The window runs into the figure: numbers may read 节约24小时 as 约24小时.
    window_start = max(f.clause_start, f.start - SPEC_WINDOW)
    if TIME_SAVED_CUE.search(f.sentence, window_start, f.end) is not None:
        return False
    return not is_streak(f.sentence, f.clause_start, f.start)


def is_streak(sentence: str, clause_start: int, start: int) -> bool:
    """Whether the span of time at ``start`` is a streak (水质连续7年保持Ⅱ类)."""
    window = sentence[max(clause_start, start - STREAK_WINDOW) : start]
    return ends_with_any(window, LEXICON.cues["streak"]) is not None


def _is_collective_name(f: Figure) -> bool:
    """三省一市, 三省市, 九省区, 苏浙皖三省: a count of places that names a group of them, not a figure."""
    if f.unit not in LEXICON.collective_units:
        return False
    if _is_chinese_only(f):
        return True  # 苏浙皖三省, 沪苏两市: places written as a number name the group just listed
    after = f.sentence[f.end : f.end + 3]
    if after[:1] in LEXICON.collective_units:
        return True  # 三省市, 九省区, 12省区市
    i = 0
    while i < len(after) and after[i] in CHINESE_DIGITS:
        i += 1
    return 0 < i < len(after) and after[i] in LEXICON.collective_units  # 三省一市, 两省一市


def _is_region_make_up(f: Figure) -> bool:
    """全省16个设区市 (…PM2.5平均浓度为38微克): a region's own units, counted as its make-up or as a scope."""
    if f.unit_class != "count":
        return False
    after = f.sentence[f.end : f.clause_end].lstrip(" ")
    unit_noun = starts_with_any(after, LEXICON.region_units)
    if unit_noun is None:
        return False
    before = f.sentence[f.clause_start : f.start].rstrip(" ")
    have = ends_with_any(before, LEXICON.region_have)
    if ends_with_any(before[: len(before) - len(have or "")], LEXICON.region_wide) is not None:
        return True  # 全省16个设区市, 全市共有12个区县
    # The count is the scope of a later figure of its clause (16个设区市PM2.5平均浓度为38…).
    if f.next_start < 0 or f.next_start >= f.clause_end or before.endswith(EXISTENTIAL_BEFORE):
        return False
    noun_end = f.sentence.index(unit_noun, f.end) + len(unit_noun)
    return COUNT_JOINERS.search(f.sentence, noun_end, f.next_start) is None


def _is_framed_rhetoric(f: Figure) -> bool:
    """从三个层次推进, 围绕四个维度: aspects counted inside a phrase of perspective, not things."""
    if f.quantity.value > LEXICON.rhetoric_max:
        return False
    if FRAME_CUE_BEFORE.search(f.sentence[max(f.clause_start, f.start - FRAME_WINDOW) : f.start]) is None:
        return False
    phrase = noun_phrase_after(f.after)[:RHETORIC_WINDOW]
    return FRAME_OR_RHETORIC_HEAD.search(phrase) is not None


def _is_duration(f: Figure) -> bool:
    after = f.after.lstrip()
    if after[:1] in ("多", "半"):
        after = after[1:]
    return f.unit == "个" and starts_with_any(after, LEXICON.cues["duration_after"]) is not None


def _is_bare_scale(f: Figure) -> bool:
    text = f.quantity.text.lstrip()
    return text[:1] in "百千万亿" and text[1:2] not in ("余", "多")


def _is_rhetoric(f: Figure) -> bool:
    if f.quantity.value > LEXICON.rhetoric_max:
        return False
    phrase = noun_phrase_after(f.after)[:RHETORIC_WINDOW]
    return RHETORIC_HEAD.search(phrase) is not None


def _is_membership(f: Figure) -> bool:
    """三大平台公司之一: one of a group, not a count."""
    return MEMBERSHIP_CUE.search(f.sentence, f.end, min(f.clause_end, f.end + NP_MAX)) is not None


_MODIFIER_IN_BRACKETS = re.compile(r"^[（(][\u4e00-\u9fff]{1,4}[)）]")  # 第150次(扩大)会议


def _is_session(f: Figure) -> bool:
    if f.unit not in LEXICON.event_units:
        return False
    after = _MODIFIER_IN_BRACKETS.sub("", f.after)
    return f.char_before == "届" or (after.startswith(LEXICON.cues["session_nouns"]) and f.char_before not in COUNTING_CHARS)


def _is_rank(f: Figure) -> bool:
    """前三位分别是…, 前十强: places in a ranking, not a count."""
    return f.char_before == "前" and f.unit in ("位", "强")


def _is_road_number(f: Figure) -> bool:
    """320国道, 107省道: a road's number, not 320 countries."""
    return f.unit in ("国", "省", "县") and f.sentence.startswith("道", f.end)


# A measure written inside a project's name, between its owner and its head noun (某新能源5GW光伏组件项目):
# an attribute of the project, not a figure (but 700吨蔬菜冷藏冻库 opening its clause states a capacity).
_BEFORE_PROJECT_HEAD = re.compile(rf"[\u4e00-\u9fffA-Za-z]{{0,16}}?(?:{PROJECT_HEAD_RE.pattern})")
_NAME_OPENING = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}$")


# 主要建设内容为年产20万吨…, 建成年产…: a capacity stated, a figure
_STATES_CAPACITY = re.compile(r"(?:为|是|建设|建成|新建|形成|达到|具备|实现|新增)年产$")


def _in_project_name(f: Figure) -> bool:
    if f.unit_class != "measure" or not _NAME_OPENING.search(f.clause_before):
        return False  # 签约20个项目, 投资5亿元项目: counts and money stay figures
    opening = _NAME_OPENING.search(f.clause_before).group(0)
    m = _BEFORE_PROJECT_HEAD.match(f.after)
    if opening.endswith("年产") and not _STATES_CAPACITY.search(opening):
        return bool(m) and "的" not in m.group(0)  # 台江县年产20万吨再生资源…项目: the owner's name, then the plant's
    return (bool(m) and "的" not in m.group(0) and not PROJECT_VERB_RE.search(m.group(0) + opening)
            and not opening.endswith(("年产", "产能", "装机", "规模", "新增", "累计")))



Filter = tuple[str, Callable[[Figure], bool]]

# Order only decides which reason is reported; a figure any filter matches is dropped.
FILTERS: tuple[Filter, ...] = (
    ("date", _is_date),  # 2020年, 3月17日: the date layer owns these
    ("kind", lambda f: f.quantity.kind in REJECTED_KINDS),  # 13岁
    ("code", _is_code),  # TJ6项目, G85
    ("bare_scale", _is_bare_scale),  # 百万市民, 万名干部联万企 (千余家 stays)
    ("vague", _is_vague),  # 数千家, 数十万元
    ("small_chinese", lambda f: _is_chinese_only(f) and f.quantity.value <= LEXICON.small_chinese_max),
    ("unit", lambda f: f.unit_class is None),  # durations, voltages, bare numbers
    ("duration", _is_duration),  # 1个多小时 (numbers reads 1个)
    ("span_of_time", _is_plain_duration),  # 3年来, 挂职时间1年, 13个小时 (压缩25天 stays)
    ("ordinal", _is_small_ordinal),  # 第六次 (第10000列 stays)
    ("headline", lambda f: HEADLINE_MARKER.search(f.sentence, f.end) is not None),
    ("anaphora", lambda f: ends_with_any(f.clause_before.rstrip(), LEXICON.cues["anaphora"]) is not None),
    ("spec", lambda f: SPEC_CUE.search(f.sentence, max(f.clause_start, f.start - SPEC_WINDOW), f.start) is not None),
    ("speed_modifier", lambda f: f.sentence.startswith("的", f.end)  # 时速350公里的动车组
     and SPEED_CUE.search(f.sentence, max(f.clause_start, f.start - SPEC_WINDOW), f.start) is not None),
    ("slogan", lambda f: inside_short_quote(f.sentence, f.start, f.end, MAX_QUOTED_SLOGAN)),
    ("framed_rhetoric", _is_framed_rhetoric),  # 从三个层次推进, 围绕四个维度
    ("rhetoric", _is_rhetoric),  # 六个方面, 十项重点任务, 4个文件精神
    ("collective_name", _is_collective_name),  # 三省一市, 三省市, 九省区
    ("region_make_up", _is_region_make_up),  # 全省16个设区市, 16个设区市PM2.5平均浓度为…
    ("membership", _is_membership),  # 三大平台公司之一 (九分之一 is a fraction)
    ("session", _is_session),  # 五届八次全会, 委六次会议
    ("project_name", _in_project_name),  # 某新能源5GW光伏组件项目
    ("road_number", _is_road_number),  # 320国道
    ("rank", _is_rank),  # 前三位分别是…
)


# Named pattern fragments.
TARGET_CUE = alternation(LEXICON.cues["target"])
TARGET_CLAUSE_CUE = alternation(LEXICON.cues["target_clause"])
AS_OF_NOW_CUE = alternation(LEXICON.cues["as_of_now"])


def check_rules(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """``rules`` unchanged, once every rule has a known view and dating; raise ValueError if not."""
    for rule in rules:
        if rule.view not in VIEWS:
            raise ValueError(f"{rule.name}: unknown view {rule.view!r}")
        if rule.dating not in DATINGS:
            raise ValueError(f"{rule.name}: unknown dating {rule.dating!r}")
    return rules


# Order matters: the first matching rule wins.
# - cumulative_ordinal first: an ordinal is otherwise never a figure (第六次), but
#   第10000列 / 第1000万名 milestones state a running total.
# - targets before as-of cues: 到2025年 / 力争 / 预计 … make a plan even when the
#   sentence also says 目前 (目前…，力争到年底达到…).
# - explicit 截至 dates before 目前 / 如今 (截至目前 is both: the date flag wins).
# - the four figure kinds last, dated by the sentence's own date or the narrative.
RULES: tuple[Rule, ...] = check_rules((
    Rule("statistic.cumulative_ordinal", re.compile(r"^ordinal$"), view="kind", dating="sentence"),
    Rule("statistic.target_date", re.compile(r"\btarget\b"), view="date_flags", dating="flagged_date", is_target=True),
    Rule("statistic.target", re.compile(f"(?:{TARGET_CUE})"), view="plan", dating="target", is_target=True),
    Rule("statistic.target_clause", re.compile(f"(?:{TARGET_CLAUSE_CUE})"), view="clause_before", dating="target",
         is_target=True),
    Rule("statistic.cumulative_as_of", re.compile(r"\bas_of\b"), view="date_flags", dating="flagged_date"),
    Rule("statistic.as_of_now", re.compile(f"(?:{AS_OF_NOW_CUE})"), view="before", dating="published"),
    Rule("statistic.percent", re.compile(r"^percent$"), view="unit_class", dating="sentence"),
    Rule("statistic.amount", re.compile(r"^money$"), view="unit_class", dating="sentence"),
    Rule("statistic.measure", re.compile(r"^measure$"), view="unit_class", dating="sentence"),
    Rule("statistic.time_saved", re.compile(r"^duration$"), view="unit_class", dating="sentence"),
    Rule("statistic.count_with_unit", re.compile(r"^count$"), view="unit_class", dating="sentence"),
))

"""Lexicon, regex fragments and name helpers for extractors/project.py (the rule table lives there)."""

import re

from extractors.rules import LEXICON_DIR, SHARED, alternation, first_char_guard, load_lexicon

LEXICON_PATH = LEXICON_DIR / "project.yaml"
CATEGORIES = ("railway", "highway", "power", "water", "port", "aviation", "industrial", "public_facility", "other")
EVENTS = ("规划", "开工", "在建", "贯通", "建成", "通车", "投运", "竣工", "签约", "其他")
SCHEMA = {key: ("some_groups", CATEGORIES, "words") for key in ("suffixes", "weak_suffixes", "conditional_heads")} | {
    "milestones": ("choices", EVENTS), "service_events": ("choices", EVENTS)} | {key: "words" for key in (
        "generic_heads", "extension_heads", "structure_heads", "industrial_words", "not_after", "planned_markers",
        "generic_words", "component_heads", "conditional_rhetoric", "continuing_openers", "referring_openers",
        "figure_openers", "leading_adverbs", "gap_adverbs", "nominal_after", "ceremony_milestones", "facts_after",
        "head_modifies", "weak_head_modifies", "generic_endings", "line_heads", "sector_endings",
        "metro_words", "line_words", "station_verbs", "not_stations")}
LEXICON = load_lexicon(LEXICON_PATH, SCHEMA)
alt = alternation


CATEGORY_OF: dict[str, str] = {}
for _category, _words_ in LEXICON["weak_suffixes"].items():
    CATEGORY_OF.update({w: _category for w in _words_})
for _category, _words_ in LEXICON["conditional_heads"].items():
    CATEGORY_OF.update({w: _category for w in _words_})
for _category, _words_ in LEXICON["suffixes"].items():
    CATEGORY_OF.update({w: _category for w in _words_})
CONDITIONAL = frozenset(w for ws in LEXICON["conditional_heads"].values() for w in ws)
COMPONENT_HEADS = frozenset(LEXICON["component_heads"])
# A conditional head's name must not end in one of these (物流通道, 出海通道): rhetoric, not a work.
RHETORIC_END_RE = re.compile(rf"(?:{alt(LEXICON['conditional_rhetoric'])})$")
WEAK = frozenset(w for ws in LEXICON["weak_suffixes"].values() for w in ws)
GENERIC_HEADS = frozenset(LEXICON["generic_heads"])
EXTENSION_HEADS = frozenset(LEXICON["extension_heads"])
STRUCTURE_HEADS = frozenset(LEXICON["structure_heads"])
INDUSTRIAL_RE = re.compile(alt(LEXICON["industrial_words"]))
MILESTONES: dict[str, list[str]] = LEXICON["milestones"]
# A service (platform, bus line: category other) that opens goes into operation (开通 → 投运, not 通车).
SERVICE_EVENTS: dict[str, str] = {event: to[0] for event, to in LEXICON["service_events"].items()}

# A route number is a highway head of its own: S202线, G93.
ROUTE = r"[GS][0-9]{1,4}线?"


def trie_alternation(words) -> str:
    """A regex matching the longest of ``words``, written as a prefix tree (高速(?:公路|铁路)?…): one
    branch per first character instead of one per word, so a position that starts no word fails fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group  # greedy: the longer word first

    return build(trie)


# The first character of every head, tested before the alternation (most positions start none).
HEAD_GUARD = first_char_guard(CATEGORY_OF, "GS")
SUFFIX_RE = re.compile(rf"{HEAD_GUARD}(?:{ROUTE}|{trie_alternation(CATEGORY_OF)})")
# Phases and sections written after a head: 通江至广安段, 重庆段, （一期）, 二期工程, 扩容, 改造工程.
TAIL_RE = re.compile(
    r"(?:[（(](?:[一二三四五六七八九十]期|[\u4e00-\u9fff]{1,4}[境段]|简称[^（）()]{1,10}|暂定名|[^（）()]{2,10}?"
    r"(?:高铁|铁路|高速|公路|大桥|机场|港))[)）]"
    # (…隧道是连城段…: a copula, not a section)
    r"|(?![是为在于])[\u4e00-\u9fff]{1,6}至[\u4e00-\u9fff]{1,8}段|(?![是为在于])[\u4e00-\u9fff]{2,3}段(?![\u4e00-\u9fff]{0,1}[时落])|[东南西北中]段"
    r"|第?[一二三四五六七八九十]期(?:工程)?|扩容(?:工程)?|扩能改造(?:工程)?|改扩建工程|改造工程|线路"
    r"|全线主体工程|主体工程|全线|[0-9一二三四五六七八九十]{1,3}号线|环线|支线|联络线|延伸段|延长线)*"
)
# After a metro head (line_heads: 捷运, 轻轨), a named or coloured line: 捷运绿线, 轻轨氹仔线, 捷运万大线.
LINE_HEADS = frozenset(LEXICON["line_heads"])
LINE_NAME_RE = re.compile(r"(?:[红橙黄绿蓝紫棕东西南北]|(?:(?!线)[\u4e00-\u9fff]){2,3})线(?![路上下])")
HEAD_END_RE = re.compile(rf"(?:{ROUTE}|{alt(w for w in CATEGORY_OF if w != '项目')})(?:{TAIL_RE.pattern})$")
NOT_AFTER_RE = re.compile(rf"(?:{alt(LEXICON['not_after'])})")
VERB_RE = re.compile(alt(MILESTONES))
# Planned: shared.yaml's planned markers and hedges, and the project's own (年内, 今年, 明年).
PLANNED_RE = re.compile(alt(SHARED["planned_markers"] + SHARED["hedges"] + LEXICON["planned_markers"]))
GENERIC_RE = re.compile(alt(LEXICON["generic_words"]))
SECTOR_END_RE = re.compile(f"(?:{alt(LEXICON['sector_endings'])})$")
# Where a name starts, read backwards: punctuation, a verb, a relative 的, a preposition, 项目 in apposition.
NAME_STOP_RE = re.compile(
    r".*(?:(?<=[，,；;：:])(?:例如|比如|如)|[，,。；;：:、！？!?…\s]|——|(?<![\u4e00-\u9fff])—|—(?![\u4e00-\u9fff])|的|了|在|对|将|和|与|及|以及|把|从|其(?!他)|该|这|随着|作为|包括|其中|包含|接入|连接|形成|实现|"
    r"打造|支持|实施|完成|签约|投资|落户|引进|拟建|整个|整条|整座|标志着|源于|来自|位于|属于|起自|但|而|并|即|又|就|举行|举办|召开|签署|签订|协议|暨|"
    r"加大|加强|加速|深化|完善|提升|优化|确保|启动|推进|由|启动|推动|推进|加快|同步|已经|已|正在|正|还|也|新建|建成|建设|开工|开建|开通|规划|"
    r"共建|合资|开发(?![区园])|投用|项目(?!一期|二期|三期)|首条|首只|首个|着力|积极|全力|继|确保|期间|等(?![级待到候同])|一批|"
    r"经过|抓紧|希望|此次|本次|这次|是|保障|庆祝|以来|赶工|境内|摄|"
    r"(?<!第)(?:[0-9]+|[一二三四五六七八九十两几多]+)[个条座项批处])",
    re.S,
)
LIST_STOP_RE = re.compile(r"等(?<!高等)$|等?(?:[0-9]+|[一二三四五六七八九十两几多]+)[个条座项批]$|一批$")
_GLOSS_RE = re.compile(r"[（(][\u4e00-\u9fff]{1,3}[)）]")
# (简称“开梁高速”), (连徐高铁), (暂定名): another name for the same project, not part of it
_ALIAS_RE = re.compile(r"[（(](?:(?:以下)?简称[^（）()]*|暂定名|[^（）()]{2,10}?(?:高铁|铁路|高速|公路|大桥|机场|港))[)）]")
_DETERMINER_RE = re.compile(r"^(?:首只|首条|首个|首批|一批|一座|一条|一个|该|此|这个|这条|这座|各)")
_LINE_TAIL_RE = re.compile(r"(?:线路|全线主体工程|主体工程|全线|(?:重难点|重点|关键)?控制性工程)$")
_ROUTE_RE = re.compile(ROUTE)
# Ordinals, digits and batch labels say nothing specific (第二批, 2023年第二季度, 春季: a batch, not a project).
_ORDINAL_DIGITS_RE = re.compile(r"第[一二三四五六七八九十0-9]+[条个座批次]|[0-9０-９]+年?|[（）()+＋]"
                                r"|第?[一二三四1-4]季度|[春秋]季|[上下]半年|年度|集中")
_QUOTES_RE = re.compile(r"[“”\"‘’「」\s]")


def clean_name(name: str) -> str:
    """The name as written, without quotes, spaces, 简称 notes, place glosses (成（都）资（阳）渝) or 项目."""
    name = _ALIAS_RE.sub("", name)
    if len(_GLOSS_RE.findall(name)) >= 2:
        name = _GLOSS_RE.sub("", name)
    name = _QUOTES_RE.sub("", name)
    name = _LINE_TAIL_RE.sub("", name)  # the line itself, not a part
    if name.endswith("项目") and HEAD_END_RE.search(name[:-2]):
        name = name[:-2]  # 遂渝高速扩容项目 → 遂渝高速扩容, but 长安汽车新能源项目 keeps its only head
    return _DETERMINER_RE.sub("", name) if len(name) > 6 else name


def category_of(name: str) -> str:
    """The category of the last specific head in the name (…高速公路匝道…工程 → highway)."""
    # a conditional head (通道) names the category only at the end of the name (not …陆海新通道平台)
    heads = [m.group(0) for m in SUFFIX_RE.finditer(name) if m.group(0) not in CONDITIONAL or m.end() == len(name)]
    specific = [h for h in heads if h not in GENERIC_HEADS and h not in WEAK]
    # a structure (隧道, 大桥) takes the category of the line named before it
    lines = [h for h in specific if h not in STRUCTURE_HEADS]
    for head in reversed(lines or specific):
        if _ROUTE_RE.fullmatch(head):
            return "highway"
        return CATEGORY_OF[head]
    if INDUSTRIAL_RE.search(name):
        return "industrial"  # 长安汽车新能源项目, 宁德时代四川基地
    for head in sorted(reversed(heads), key=lambda h: h in GENERIC_HEADS):
        if head in CATEGORY_OF:
            return CATEGORY_OF[head]  # 宁德时代四川基地项目: the base, not the 项目
    return "other"


def is_generic(core: str) -> bool:
    """A modifier with nothing specific left once generic words are removed (一批重大, 新型), or a sector
    (现代服务业, 产业类: 现代服务业项目 is a kind of project, not one)."""
    rest = GENERIC_RE.sub("", _QUOTES_RE.sub("", core))
    rest = SUFFIX_RE.sub("", _ORDINAL_DIGITS_RE.sub("", rest))  # 重点铁路(项目): a kind of work is no name
    return len(rest) < 2 or bool(SECTOR_END_RE.search(core))

"""Lexicon, meeting series, regex fragments and series names for extractors/meeting.py."""

import re
from pathlib import Path

from extractors.rules import LEXICON_DIR, SHARED, alternation, load_lexicon, word_patterns

LEXICON_PATH = LEXICON_DIR / "meeting.yaml"
SERIES_PATH = LEXICON_DIR / "meeting_series.yaml"

SCHEMA = {key: "words" for key in ("nouns", "weak_nouns", "convene_verbs", "planned_markers", "count_markers",
                                   "generic_modifiers", "not_after", "held_after", "sitting_nouns", "sitting_verbs")} | {"online": "mapping",
                                                                                    "name_endings": "mapping"}
SERIES_SCHEMA = {
    "series?": ("records", {"name": "text", "variants?": "texts"}),
    "region_pairs?": "lists",
    "short_forms?": ("records", {"form": "text", "name": "text", "near": "texts"}),
}


def load_series(path: Path = SERIES_PATH) -> dict:
    """The canonical series table; an empty one when the seeds file is missing."""
    try:
        return load_lexicon(path, SERIES_SCHEMA)
    except FileNotFoundError:
        return {"series": [], "region_pairs": {}}


LEXICON = load_lexicon(LEXICON_PATH, SCHEMA)
SERIES = load_series()


def _variants(series: dict) -> list[tuple[str, str]]:
    """(variant, canonical name), longest variant first; a variant starting with a region pair
    (重庆四川…) also stands for its other spellings (四川重庆…, 川渝…)."""
    pairs = series.get("region_pairs") or {}
    found: set[tuple[str, str]] = set()
    for entry in series.get("series", []):
        for variant in [entry["name"], *(entry.get("variants") or [])]:
            found.add((variant, entry["name"]))
            for canon, aliases in pairs.items():
                if variant.startswith(canon):
                    found.update((alias + variant[len(canon):], entry["name"]) for alias in aliases)
    return sorted(found, key=lambda p: len(p[0]), reverse=True)


# The longest variant a name ends with decides its series.
VARIANTS = _variants(SERIES)


def add_series(path: Path) -> None:
    """Add a series table (a corpus's lexicons/meeting_series.yaml) to the packaged one, in this process."""
    extra = load_lexicon(path, SERIES_SCHEMA)
    SERIES.setdefault("series", []).extend(extra.get("series") or [])
    SERIES.setdefault("region_pairs", {}).update(extra.get("region_pairs") or {})
    SERIES.setdefault("short_forms", []).extend(extra.get("short_forms") or [])
    VARIANTS[:] = _variants(SERIES)

_HALF_WIDTH = str.maketrans("()", "（）")


def _any_brackets(pattern: str) -> str:
    """A pattern written with full-width brackets (常委（扩大）会) that also matches half-width ones."""
    return pattern.replace("（", "[（(]").replace("）", "[）)]")


NOUN = _any_brackets(alternation(LEXICON["nouns"]))
ANY_NOUN = _any_brackets(alternation(LEXICON["nouns"] + LEXICON["weak_nouns"] + LEXICON["sitting_nouns"]))
CN_NUM = r"[0-9０-９〇零一二两三四五六七八九十百]{1,4}"
# Characters a meeting or organ name is written with (CJK, Latin, digits, brackets, quotes, spaces).
NAME_CHAR = r"[\u4e00-\u9fffA-Za-z0-9０-９（）()“”\"《》·—\-－\s]"

NOUN_RE = re.compile(f"(?:{ANY_NOUN})")
WEAK_NOUNS = frozenset(LEXICON["weak_nouns"])
SITTING_NOUNS = frozenset(LEXICON["sitting_nouns"])
NOT_AFTER_RE, HELD_AFTER_RE, CONVENE_RE, COUNT_RE, SITTING_RE = word_patterns(LEXICON, {
    "not_after": "{words}", "held_after": "{words}", "convene_verbs": "{words}", "count_markers": "{words}",
    "sitting_verbs": "{words}",
})
# A meeting only planned: the shared planned markers and hedges, and the meeting's own (迎接, 申办).
PLANNED_RE = re.compile(f"(?:{alternation(SHARED['planned_markers'] + SHARED['hedges'] + LEXICON['planned_markers'])})")
GENERIC = frozenset(LEXICON["generic_modifiers"])
ONLINE_RE = re.compile(f"(?:{alternation(list(LEXICON['online']))})(?:形式|方式|会议|连线)")
# A count of meetings written after the noun (会议6次, 已连续举办6次) or before it (举办了四次).
COUNT_AFTER_RE = re.compile(rf"^(?:[^，,。；;]{{0,8}}?(?:召开|举办|举行)(?:了)?)?{CN_NUM}[余多]?次")
COUNT_BEFORE_RE = re.compile(rf"(?<!第){CN_NUM}[余多]?次$")
# Where a name starts: after punctuation, a verb of convening, a relative 的, a preposition.
NAME_STOP_RE = re.compile(
    r".*(?:[，,。；;：:、！？!?…]|——|的|了|在|于|以(?=[^，,。；;]{1,8}(?:形式|方式))|和|与|即|通过|审议|召开|举行|举办|主持|出席|参加|牵头|对此|随着|传达学习|学习贯彻|贯彻落实|传达|贯彻|落实|"
    r"从|由|是|为|据|按照|根据|经过|期间|其中|作为|围绕|之后|此外|同时|另外|暨|以及|宣布|表示|指出|强调|介绍)",
    re.S,
)
# A meeting still to come, stated after its name: …第六次会议将于年底前在河北召开, 拟于下月举行.
PLANNED_AFTER_RE = re.compile(
    r"^[^，,。；;]{0,4}?(?:将|拟|计划|预计|定于|准备|即将)(?:于|在)?[^，,。；;]{0,16}?(?:召开|举行|举办|开幕)"
)
# A remote meeting's form, not a meeting: (以)视频会议形式, 线上会议方式.
MODE_AFTER_RE = re.compile(r"(?:的)?(?:形式|方式)")
# Where a name goes on before 暨 or 和 (集中签约暨推进会, 生态保护和高质量发展推进会): punctuation or the start.
SEGMENT_OPEN_RE = re.compile(r"(?:^|[，,。；;：:、！？!?…\s])$")
# 在<venue>召开/举行: the venue is the location.
VENUE_RE = re.compile(r"在([\u4e00-\u9fffA-Za-z0-9（）()·]{2,24}?)[上内里中]?(?:主持)?(?:召开|举行|举办|开幕|隆重召开|顺利召开)")
LEADING_CPC = re.compile(r"^中共(?=[\u4e00-\u9fff]{2,}(?:委|委员会))")

# 重庆市委五届八次全会, 十三届全国人大三次会议, 十九届五中全会, 五届68次区政府常务会议 (the organ after
# the session: series 五届区政府常务会议)
PLENARY_RE = re.compile(
    rf"(?P<term>{CN_NUM})届(?P<mid>[\u4e00-\u9fff]{{0,6}}?)(?P<session>{CN_NUM})(?:次|中)"
    # 五届68次区政府常务会议: the organ may follow the session number
    r"(?P<after>[\u4e00-\u9fff]{0,6}?)(?P<noun>全体会议|全会|主席会议|常委会议|常务会议|会议)"
)
# …第N次会议 / 第N次党政联席会议 / 中央财经委六次会议
SESSION_RE = re.compile(
    # 第八、第九次会议: sessions written together, each a record
    rf"(?P<others>(?:第{CN_NUM}次?[、和及与]){{1,3}})?"
    rf"(?P<ordinal>第)?(?P<session>{CN_NUM})次(?P<mid>[\u4e00-\u9fffA-Za-z（）()“”]{{0,14}}?)(?P<noun>{NOUN})"
)
ORG_END_RE = re.compile(r"(?:委员会|委|常委会|工作组|领导小组|人大|政协|政府|国务院|政治局|办公室)$")
# An organ that convenes its own numbered sessions (执委会召开第五次全体会议): ORG_END_RE and boards.
CONVENER_END_RE = re.compile(rf"(?:{ORG_END_RE.pattern[3:-2]}|执委会|理事会|管委会|董事会)$")
ORG_CONVENE_RE = re.compile(
    rf"(?P<verb>召开|举行)(?:了)?(?P<mid>[\u4e00-\u9fff“”]{{0,4}}?)(?P<noun>{NOUN})"
)


# 政协第十三届浙江省委员会(第一次会议) is the series 浙江省政协十三届会议 (as X政协十三届二次会议 is).
CPPCC_COMMITTEE = re.compile(r"^(?:中国人民政治协商会议|政协)第(?P<term>[一二三四五六七八九十]+)届(?P<place>[\u4e00-\u9fff]{2,10}?)委员会(?:会议)?$")


NAME_ENDING_RE = re.compile(rf"(?:{_any_brackets(alternation(LEXICON['name_endings']))})$")


def canonical_name(name: str, around: str = "") -> str:
    """The series name: spaces and quotes out, 中共 off, known variants mapped to one name; a short
    form (党政联席会议) takes its series' name when ``around`` speaks of the series' region."""
    name = re.sub(r"[\s“”\"]+", "", name)
    name = LEADING_CPC.sub("", name)
    name = CPPCC_COMMITTEE.sub(r"\g<place>政协\g<term>届会议", name)
    ending = NAME_ENDING_RE.search(name)
    if ending:
        name = name[:ending.start()] + LEXICON["name_endings"][ending.group(0).translate(_HALF_WIDTH)]
    for variant, canon in VARIANTS:
        if name.endswith(variant):
            return canon
    for short in SERIES.get("short_forms") or []:
        if name == short["form"] and any(word in around for word in short["near"]):
            return short["name"]
    return name


ORG_STOP_RE = re.compile(
    r".*(?:[，,。；;：:！？!?…]|——|的|了|在|于|以(?=[^，,。；;]{1,8}(?:形式|方式))|即|通过|审议|召开|举行|举办|主持|出席|参加|对此|随着|传达学习|学习贯彻|贯彻落实|传达|贯彻|落实|从|由|是|为|据|按照|"
    r"根据|经过|期间|其中|作为|围绕|之后|此外|同时|另外)",
    re.S,
)

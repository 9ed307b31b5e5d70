"""Quantities in Chinese news: 9.4万余个, 7.4万亿元, 超过200份, 8.5%, 上百家, 13岁.

Units, qualifiers and set phrases are data (extractors/lexicons/numbers.yaml). Dates and
their parts (2020年, 3月, 17日, 4天后, 10时) are masked out first with rules.DATE_MASK.

Quantity.kind: "quantity"; "percent" (8.5%, 七成, 百分之五, unit "%"); "percent_point"
(0.8个百分点); "age" (13岁, unit "岁"); "fraction" (三分之一); "range" (3至5年: value is the
lower bound, qualifier at_least); "vague" (百万市民: a round scale before a noun without a
measure word, qualifier approx); "ordinal" (第六次: only from parse_quantity, never from find).
Collective names of regions (三省一市, 九省区, 粤港澳三地) are masked like set phrases.
Units are as written after the scale (300亿元 -> 3e10 元); no known unit gives unit "".
"""

import re
from pathlib import Path

from extractors.expressions.chinese_numerals import SCALES, parse_number, scale
from extractors.rules import LEXICON_DIR, DATE_MASK, NUMERAL_START, alternation, first_char_guard, load_yaml_strict
from extractors.values import Quantity

_LEXICON_PATH = LEXICON_DIR / "numbers.yaml"
QUALIFIERS = frozenset({"exact", "approx", "at_least", "at_most"})


def load_lexicon(path: Path = _LEXICON_PATH) -> dict:
    """Load and validate the numbers lexicon; raise ValueError on a malformed entry."""
    data = load_yaml_strict(path)
    validate_lexicon(data)
    return data


def validate_lexicon(data: dict) -> None:
    """Check units/set phrases are unique non-empty strings and qualifiers are known."""
    if not isinstance(data, dict):
        raise ValueError("numbers lexicon must be a mapping")
    for key in ("units", "set_phrases", "units_taking_trailing_duo"):
        words = data.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"numbers lexicon: {key} must be a non-empty list of strings")
        if len(set(words)) != len(words):
            dupes = sorted({w for w in words if words.count(w) > 1})
            raise ValueError(f"numbers lexicon: {key} has duplicates: {dupes}")
    for unit in data["units"]:
        if any(unit.startswith(s) for s in ("万", "亿")):
            raise ValueError(f"numbers lexicon: unit {unit} starts with a scale word")
    for key in ("qualifiers_before", "qualifiers_middle", "qualifiers_after"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(q in QUALIFIERS for q in table.values()):
            raise ValueError(f"numbers lexicon: {key} must map words to {sorted(QUALIFIERS)}")
    for key in ("per_units", "qualifier_scopes"):
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"numbers lexicon: {key} must be a list of words")
    for key in ("unit_blocked_after", "qualifier_blocked_before"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            raise ValueError(f"numbers lexicon: {key} must map words to characters")
    for key in ("group_places", "group_di_blocked_after"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"numbers lexicon: {key} must be a string of characters")
    for word, spec in data.get("vague_numbers", {}).items():
        if not (isinstance(spec, list) and len(spec) == 2 and isinstance(spec[0], int) and spec[1] in QUALIFIERS):
            raise ValueError(f"numbers lexicon: vague_numbers.{word} must be [value, qualifier]")


LEXICON = load_lexicon()
UNITS: list[str] = LEXICON["units"]
QUAL_BEFORE: dict[str, str] = LEXICON["qualifiers_before"]
QUAL_MIDDLE: dict[str, str] = LEXICON["qualifiers_middle"]
QUAL_AFTER: dict[str, str] = LEXICON["qualifiers_after"]
VAGUE: dict[str, list] = LEXICON["vague_numbers"]
TRAILING_DUO = frozenset(LEXICON["units_taking_trailing_duo"])
PER_UNITS: list[str] = LEXICON["per_units"]
UNIT_BLOCKED_AFTER: dict[str, str] = LEXICON["unit_blocked_after"]
QUAL_BLOCKED_BEFORE: dict[str, str] = LEXICON["qualifier_blocked_before"]


def _guarded_alternation(words: list[str], before: dict[str, str] | None = None,
                         after: dict[str, str] | None = None) -> str:
    """Alternation of literal words (longest first), each rejected next to its blocked characters."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        # the guard looks back over the word once it is read, so the branch starts with a literal
        # (which the regex engine skips in one step where it does not match)
        lead = f"(?<![{re.escape(before[w])}]{re.escape(w)})" if before and w in before else ""
        tail = f"(?![{re.escape(after[w])}])" if after and w in after else ""
        parts.append(re.escape(w) + lead + tail)
    return "|".join(parts)


# 个 + 多/余/半 + the rest of a 个-unit: 1个多小时, 两个半小时 (个多月 is a unit of its own).
_GE_TAILS = [u[1:] for u in UNITS if u.startswith("个") and len(u) > 1
             and not any("个" + q + u[1:] in UNITS for q in QUAL_MIDDLE)]


NUM_ARABIC = r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
# 千 is a numeral or scale only when not the start of a unit (千瓦时, 千米, 千克, 千伏):
# 三千瓦 is 3 千瓦, 一百万千瓦 is 1e6 千瓦.
_KILO = r"千(?![瓦米克伏帕卡兆焦])"
NUM_CHINESE = rf"(?:[〇零一二两三四五六七八九十百万亿]|{_KILO})+(?:点[〇零一二三四五六七八九]+)?"
SCALE = rf"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|{_KILO})"
_ASCII_UNIT = re.compile(r"[A-Za-z]")
_SIGNS = r"\-−－"  # minus signs, escaped for a character class

# A percentage follows: a qualifier may reach over a scope (不到全国0.6%, 超过全省一半 aside).
_PERCENT_AHEAD = rf"(?=(?:{NUM_ARABIC})\s?[%％]|百分之)"
_UNIT = (
    rf"(?:{_guarded_alternation(UNITS, after=UNIT_BLOCKED_AFTER)})"
    rf"(?:[/／](?:{alternation(PER_UNITS)}))?"  # 元/吨, 微克/立方米, 公里/小时
)

_QUANTITY = (
    rf"{first_char_guard(list(QUAL_BEFORE) + list(VAGUE), NUMERAL_START + _SIGNS)}"
    rf"(?:(?P<pre>{_guarded_alternation(list(QUAL_BEFORE), before=QUAL_BLOCKED_BEFORE)})\s?"
    rf"(?:(?:{alternation(LEXICON['qualifier_scopes'])}){_PERCENT_AHEAD})?)?"
    rf"(?:(?P<vague>{alternation(VAGUE)})(?P<vscale>{SCALE})?"
    rf"|(?P<pct_cn>百分之)(?P<pct_num>{NUM_ARABIC}|{NUM_CHINESE})"
    # (led by a lookahead: at a qualifier or vague word that is not one, fail in one step)
    rf"|(?=[{NUMERAL_START}{_SIGNS}])(?:(?P<frac_den>{NUM_ARABIC}|{NUM_CHINESE})分之(?P<frac_num>{NUM_ARABIC}|{NUM_CHINESE})"
    rf"|(?:(?<![0-9０-９A-Za-z])(?P<sign>[-−－])(?=[0-9０-９]))?"
    rf"(?P<num>{NUM_ARABIC}|(?P<cnn>{NUM_CHINESE}))(?:\s?(?P<scale>{SCALE}))?))"
    # 10多万人: the qualifier may come between the number and its scale
    rf"(?:\s?(?P<mid>{alternation(QUAL_MIDDLE)}))?(?P<scale2>{SCALE})?\s?"
    rf"(?:(?P<pct>%|％|‰|个百分点|百分点)|(?P<cheng>成)(?![为本功立员果都长效就熟])"
    rf"|(?P<age>周岁|岁)|个(?P<gmid>多|余|半)(?P<gunit>{alternation(_GE_TAILS)})"
    rf"|(?P<unit>{_UNIT})(?![A-Za-z]))?"
    rf"(?P<post>{alternation(QUAL_AFTER)})?"
)
# In running text a Chinese numeral with nothing after it (四川, 统一, 一体) is a word: the
# scanner fails there at once instead of handing it to Python; parse_quantity("十七") keeps it.
QUANTITY = re.compile(rf"{_QUANTITY}(?(cnn)(?<![〇零一二两三四五六七八九十百千]))")
QUANTITY_FRAGMENT = re.compile(_QUANTITY)
# Collective names of regions (三省一市, 三省市, 九省区, 12省区市, 九城市, 粤港澳三地): a count with
# two or more place nouns, a count with 地, or N省 + M市/区. Masked like set phrases.
_GROUP_NUM = r"(?:[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3})"
_PLACES = re.escape(LEXICON["group_places"])
GROUP_NAME = (
    rf"(?<![第0-9０-９.．])(?:{_GROUP_NUM}(?:地(?![{re.escape(LEXICON['group_di_blocked_after'])}])"
    rf"|[{_PLACES}]{{2,}})|{_GROUP_NUM}省(?:{_GROUP_NUM}[市区])+)"
)
# Every date part and group name is a numeral run followed (after spaces) by one of these
# characters, or starts with 前 (前3个月): a lookahead on that rejects 四川, 统一 … at once.
_DATE_OR_GROUP_AHEAD = (
    rf"(?=前|[{NUMERAL_START}]++\s*[年月日号天周个时点分:：代\-/.．—–－~～至到多{_PLACES}地])"
)
MASK = re.compile(
    rf"{first_char_guard(LEXICON['set_phrases'], NUMERAL_START)}"
    rf"(?:{_DATE_OR_GROUP_AHEAD}(?:{DATE_MASK}|{GROUP_NAME})|{alternation(LEXICON['set_phrases'])})"
)
# The lower end of a range written before a quantity: 3至5年, 10—15个, 20%—30%, 3万至5万元.
RANGE_LOW = re.compile(
    rf"(?<![0-9０-９.．])(?P<lo>{NUM_ARABIC}|{NUM_CHINESE})(?P<lo_scale>{SCALE})?(?P<lo_pct>[%％])?"
    rf"\s*(?:至|到|—|–|－|-|~|～)\s*$"
)
_ORDINAL_AFTER = re.compile(r"\s*届")
_CN_ONLY = re.compile(NUM_CHINESE)
# Anything a quantity needs: a digit or a Chinese numeral (a cheap check before the scan).
_NUMERAL = re.compile(r"[0-9０-９〇零○一二两三四五六七八九十百千万亿]")
_ADJACENT = "一二三四五六七八九"
_SCALE_CHARS = frozenset("十百千万亿")
_RANGE_CHARS = frozenset("至到—–－-~～")  # what can end the text before a range's upper end
# 一 with these units is an article (一个/一次/一批), not a count.
_ARTICLE_UNITS = frozenset("个 种 批 次 项 场 份 家 条 道 件 张 支 套 起 片 类 处 轮 组 级 间 位 趟 班 列 艘 单 辆 台 座 所 人 株 棵 块 根 本 部 首 篇".split())


def _build(m: re.Match, g: dict, text: str) -> Quantity | None:
    """Turn one QUANTITY match (and its groupdict) into a Quantity (kind set), or None if it is no number."""
    qualifier = "exact"
    if g["pre"]:
        qualifier = QUAL_BEFORE[g["pre"]]
    if g["vague"]:
        value, qualifier = float(VAGUE[g["vague"]][0]), VAGUE[g["vague"]][1]
        if g["vscale"]:
            value = scale(value, SCALES[g["vscale"]])
    elif g["frac_den"]:
        den, numer = parse_number(g["frac_den"]), parse_number(g["frac_num"])
        if not den or numer is None:
            return None
        return Quantity(numer / den, "", qualifier, m.group(0), "fraction")
    elif g["pct_cn"]:
        value = parse_number(g["pct_num"])
        if value is None:
            return None
        return Quantity(value, "%", qualifier, m.group(0), "percent")
    else:
        num = g["num"]
        value = parse_number(num)
        if value is None and len(num) == 2 and num[0] in _ADJACENT and _ADJACENT.find(num[1]) == _ADJACENT.find(num[0]) + 1:
            # 三四分钟, 四五个: "three or four", read as the lower bound, approximately
            value, qualifier = float(_ADJACENT.find(num[0]) + 1), "approx"
        if value is None:
            return None
        if g["scale"]:
            value = scale(value, SCALES[g["scale"]])
        if g["sign"]:
            value = -value
    if g["mid"]:
        qualifier = QUAL_MIDDLE[g["mid"]]
    if g["scale2"]:
        if g["scale"] or g["vague"]:
            return None  # 万多万: not a number
        value = scale(value, SCALES[g["scale2"]])
    unit = g["unit"]
    if g["gunit"]:
        unit = "个" + g["gunit"]  # 1个多小时 = more than 1 个小时; 两个半小时 = 2.5
        if g["gmid"] == "半":
            value += 0.5
        else:
            qualifier = QUAL_MIDDLE[g["gmid"]]
    post = g["post"]
    if post == "多" and unit not in TRAILING_DUO:
        post = None
    if post:
        qualifier = QUAL_AFTER[post]
    end = m.end() if post or not g["post"] else m.start("post")
    text_out = text[m.start():end].rstrip()
    if g["pct"]:
        kind = "percent" if g["pct"] in ("%", "％", "‰") else "percent_point"
        unit = "%" if g["pct"] == "％" else g["pct"]
        return Quantity(value, unit, qualifier, text_out, kind)
    if g["cheng"]:
        if value > 10:
            return None  # 2024成渝…: 成 is a percentage of tenths only up to 十成
        return Quantity(value * 10, "%", qualifier, text_out, "percent")
    if g["age"]:
        return Quantity(value, "岁", qualifier, text_out, "age")
    return Quantity(value, unit or "", qualifier, text_out, "quantity")


def _plain_reject(g: dict, text: str, start: int, end: int) -> bool:
    """Cheap checks before parsing: a bare Chinese numeral with nothing counted (统一, 一体, 百万市民)."""
    num = g["num"]
    if num is None or g["unit"] or g["gunit"] or g["pct"] or g["cheng"] or g["age"]:
        return False
    if not (g["scale"] or g["scale2"] or g["pre"] or g["mid"] or g["post"] or "." in num or num[-1] in "万亿"):
        # a bare integer (2022成都…, 12306, 7+2+N) is a code or a name; a bare 三 is a word
        return True
    if _CN_ONLY.fullmatch(num):
        if not (g["scale"] or g["scale2"] or num[-1] in "万亿"):
            return True  # A Chinese numeral counts only with a unit, scale or percent (三个作用 aside).
    return False


def _vague_scale(g: dict, text: str, start: int, end: int) -> Quantity | None:
    """百万市民, 千万家庭: a round Chinese scale before a noun with no measure word, typed "vague"."""
    num = g["num"]
    if (num is None or len(num) < 2 or not _SCALE_CHARS.issuperset(num) or g["unit"] or g["gunit"] or g["pct"]
            or g["cheng"] or g["age"] or g["pre"] or g["mid"] or g["scale"] or g["scale2"]):
        return None
    value = parse_number(num)
    if value is None:
        return None
    return Quantity(value, "", "approx", text[start:start + len(num)], "vague")


def _accept(g: dict, q: Quantity, text: str, start: int, end: int, num_start: int) -> bool:
    """Reject what reads as a number but is not a quantity (ordinals, slogans, codes)."""
    before = text[max(0, start - 2):start]
    if before.rstrip().endswith(("第", "届")) or _ORDINAL_AFTER.match(text, end):
        return False
    if num_start > 0 and _ASCII_UNIT.match(text[num_start - 1]):
        return False  # G85, C919, G8631次 (COD低于50毫克/升 is a figure: the letters precede 低于)
    num = g["num"]
    unit = g["unit"] or g["gunit"]
    if num is not None and not (unit or g["pct"] or g["cheng"] or g["age"] or g["scale"] or g["scale2"] or g["pre"]
                                or g["mid"] or q.qualifier != "exact" or "." in num or num[-1] in "万亿"):
        return False  # a bare integer (2022成都…, 12306, 7+2+N) is a code or a name, not a quantity
    if unit == "级" and (g["scale"] or g["scale2"] or (num is not None and num[-1] in "万亿")):
        return False  # 千亿级产业集群: a class of size, not a count
    if num is not None and unit and end < len(text) and text.startswith(unit[-1], end):
        return False  # 一株株, 一批批: reduplication, "one after another"
    if num is not None and _CN_ONLY.fullmatch(num):
        # A Chinese numeral counts only with a unit, scale or percent (三个作用 aside).
        if not (unit or g["scale"] or g["scale2"] or g["pct"] or g["cheng"] or g["age"] or num[-1] in "万亿"):
            return False
        if num == "一" and not g["scale"] and not g["pre"] and (unit is None or unit in _ARTICLE_UNITS):
            return False  # 一个/一次/一批: an article, not a count
        if num in ("零", "〇", "○") or (num in ("百", "千", "万", "亿") and not (g["pre"] or g["mid"])):
            return False  # 零部件, 百年未有, 千层: words, not numbers (千余家, 近千人 are counts)
        if before.endswith(("“", "‘", "「")):
            return False  # “三个作用”: a slogan
    if num is not None and not unit and not g["pct"]:
        if end < len(text) and _ASCII_UNIT.match(text[end]):
            return False  # 5G, 3D
    return True


def _masked(text: str) -> str:
    """The text with date parts and set phrases blanked out (same length, offsets kept)."""
    parts: list[str] = []
    last = 0
    for m in MASK.finditer(text):
        parts.append(text[last:m.start()])
        parts.append("\x00" * (m.end() - m.start()))
        last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _range(m: re.Match, q: Quantity, text: str) -> tuple[int, Quantity] | None:
    """3至5年: the lower end before the upper quantity `q`; kind "range", value the lower bound."""
    if q.kind not in ("quantity", "percent", "age") or m.group("pre") or m.group("num") is None:
        return None
    start = m.start()
    low = RANGE_LOW.search(text, max(0, start - 24), start)
    if low is None or low.end() != start:
        return None
    value = parse_number(low.group("lo"))
    if value is None:
        return None
    if low.group("lo_scale"):
        value = scale(value, SCALES[low.group("lo_scale")])
    elif m.group("scale"):
        value = scale(value, SCALES[m.group("scale")])  # 3至5万元: both ends in 万
    if q.kind == "percent" and not low.group("lo_pct") and m.group("pct") not in ("%", "％"):
        return None
    if value > q.value:
        return None  # 2022-2 or 10-3 is not a range
    return low.start(), Quantity(value, q.unit, "at_least", text[low.start():start] + q.text, "range")


def find(text: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity in a sentence as (start, end, Quantity), in order; dates and ordinals excluded.

    A range (3至5年, 10—15个) is one Quantity of kind "range" whose value is its lower bound.
    """
    if _NUMERAL.search(text) is None:
        return []  # no digit and no Chinese numeral: nothing to count (a third of all sentences)
    masked = _masked(text)
    found: list[tuple[int, int, Quantity]] = []
    for m in QUANTITY.finditer(masked):
        g = m.groupdict()
        start, end = m.span()
        vague = _vague_scale(g, text, start, end)
        if vague is not None:
            found.append((start, start + len(vague.text), vague))
            continue
        if _plain_reject(g, masked, start, end):
            continue
        q = _build(m, g, text)  # the match holds no masked character: its text is the original's
        if q is None or not _accept(g, q, masked, start, end, m.start("num") if g["num"] else start):
            continue
        end = start + len(q.text)
        if start and (masked[start - 1] in _RANGE_CHARS or masked[start - 1].isspace()):
            ranged = _range(m, q, masked)
            if ranged is not None:
                start, q = ranged
                while found and found[-1][1] > start:
                    found.pop()  # the lower end was read on its own (3万至5万元)
                if masked is not text:
                    q = Quantity(q.value, q.unit, q.qualifier, text[start:end], q.kind)
        found.append((start, end, q))
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity expression (超过200份, 9.4万余个, 第六次 as kind "ordinal"), or None."""
    s = text.strip()
    ordinal = s.startswith("第")
    if ordinal:
        s = s[1:].lstrip()
    masked = _masked(s)
    for m in QUANTITY_FRAGMENT.finditer(masked):
        q = _build(m, m.groupdict(), s)
        if q is None:
            continue
        bare_cn = m.group("num") is not None and _CN_ONLY.fullmatch(m.group("num")) is not None
        if bare_cn and not (m.group("unit") or m.group("pct") or m.group("cheng") or m.group("age")):
            if m.group().strip() != s:
                continue  # 一带一路: a Chinese numeral inside a word counts only when it is the whole text
        if ordinal:
            return Quantity(q.value, q.unit, "exact", "第" + q.text, "ordinal")
        return q
    return None

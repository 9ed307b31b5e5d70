"""The numbers lexicon, the quantity scanner and the reject predicates for extractors/expressions/numbers.py.

Data: extractors/lexicons/numbers.yaml. ``REJECTS`` names each reason a number-like match is
not a quantity (an ordinal, a code, a slogan…), as statistic's FILTERS do for facts.
"""

import re
from collections.abc import Callable
from pathlib import Path

from extractors.rules import LEXICON_DIR, DATE_MASK, NUMERAL_START, alternation, first_char_guard, load_yaml_strict, run_checks
from extractors.values import Quantity

_LEXICON_PATH = LEXICON_DIR / "numbers.yaml"
QUALIFIERS = frozenset({"exact", "approx", "at_least", "at_most"})


def load_lexicon(path: Path = _LEXICON_PATH) -> dict:
    """Load and validate the numbers lexicon; raise ValueError on a malformed entry."""
    return run_checks(load_yaml_strict(path), _CHECKS, "numbers lexicon")


def validate_lexicon(data: dict) -> None:
    """Check units/set phrases are unique non-empty strings and qualifiers are known."""
    run_checks(data, _CHECKS, "numbers lexicon")


def _check_word_lists(data: dict) -> None:
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
    for key in ("per_units", "qualifier_scopes"):
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"numbers lexicon: {key} must be a list of words")


def _check_qualifiers(data: dict) -> None:
    for key in ("qualifiers_before", "qualifiers_middle", "qualifiers_after"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(q in QUALIFIERS for q in table.values()):
            raise ValueError(f"numbers lexicon: {key} must map words to {sorted(QUALIFIERS)}")
    for word, spec in data.get("compound_units", {}).items():
        if not (isinstance(spec, list) and len(spec) == 2 and isinstance(spec[0], str) and isinstance(spec[1], int)):
            raise ValueError(f"numbers lexicon: compound_units.{word} must be [smaller unit, factor]")
    for word, spec in data.get("vague_numbers", {}).items():
        if not (isinstance(spec, list) and len(spec) == 2 and isinstance(spec[0], int) and spec[1] in QUALIFIERS):
            raise ValueError(f"numbers lexicon: vague_numbers.{word} must be [value, qualifier]")


def _check_guards(data: dict) -> None:
    for key in ("unit_blocked_after", "qualifier_blocked_before"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            raise ValueError(f"numbers lexicon: {key} must map words to characters")
    for key in ("group_places", "group_di_blocked_after"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"numbers lexicon: {key} must be a string of characters")


_CHECKS = (_check_word_lists, _check_qualifiers, _check_guards)


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
COMPOUND_UNITS: dict[str, list] = LEXICON["compound_units"]
# Units that begin with the last character of a date part (60日元): the number is not a date.
UNITS_OVER_MASK = tuple(u for u in UNITS if len(u) > 1 and u[0] in "年月日号天周")


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


# Digits with two scales (Hong Kong, Taiwan): 1万2千人, 3亿5千万元, 1亿2000万元.
NUM_MIXED = r"[0-9０-９]{1,4}[万亿][0-9０-９]{1,4}(?:千万|百万|十万|万|千|百)(?![0-9０-９])"
NUM_ARABIC = r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
# 千 is a numeral or scale only when not the start of a unit (千瓦时, 千米, 千克, 千伏):
# 三千瓦 is 3 千瓦, 一百万千瓦 is 1e6 千瓦.
_KILO = r"千(?![瓦米克伏帕卡兆焦])"
# Financial (大写) numerals on contracts and budgets (壹仟贰佰万元), and the tens 廿 / 卅 (廿四％ = 24 %).
FINANCIAL = "壹贰叁肆伍陆柒捌玖拾佰仟萬億廿卅"
# Taiwanese print writes decimals with a full-width point between Chinese digits: 九八二．六四亿元.
NUM_CHINESE = rf"(?:[〇零一二两三四五六七八九十百万亿{FINANCIAL}]|{_KILO})+(?:[点．][〇零一二三四五六七八九]+)?"
# A Chinese decimal (三点五亿, 一点二万, 五．二亿): kept out of the date mask, which reads 三点 as a clock time.
CN_DECIMAL = re.compile(r"[〇零一二两三四五六七八九十廿卅]+[点．][〇零一二三四五六七八九]+(?=万|亿)")
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
    rf"{first_char_guard(list(QUAL_BEFORE) + list(VAGUE), NUMERAL_START + FINANCIAL + _SIGNS)}"
    rf"(?:(?P<pre>{_guarded_alternation(list(QUAL_BEFORE), before=QUAL_BLOCKED_BEFORE)})\s?"
    rf"(?:(?:{alternation(LEXICON['qualifier_scopes'])}){_PERCENT_AHEAD})?)?"
    rf"(?:(?P<vague>{alternation(VAGUE)})(?P<vscale>{SCALE})?"
    rf"|(?P<pct_cn>百分之)(?P<pct_num>{NUM_ARABIC}|{NUM_CHINESE})"
    # (led by a lookahead: at a qualifier or vague word that is not one, fail in one step)
    rf"|(?=[{NUMERAL_START}{FINANCIAL}{_SIGNS}])(?:(?P<frac_den>{NUM_ARABIC}|{NUM_CHINESE})分之(?P<frac_num>{NUM_ARABIC}|{NUM_CHINESE})"
    rf"|(?:(?<![0-9０-９A-Za-z])(?P<sign>[-−－])(?=[0-9０-９]))?"
    rf"(?P<num>{NUM_MIXED}|{NUM_ARABIC}|(?P<cnn>{NUM_CHINESE}))(?:\s?(?P<scale>{SCALE}))?))"
    # 10多万人: the qualifier may come between the number and its scale
    rf"(?:\s?(?P<mid>{alternation(QUAL_MIDDLE)}))?(?P<scale2>{SCALE})?\s?"
    rf"(?:(?P<pct>%|％|‰|个百分点|百分点)|(?P<cheng>成)(?![为本功立员果都长效就熟])"
    rf"|(?P<age>周岁|岁)|个(?P<gmid>多|余|半)(?P<gunit>{alternation(_GE_TAILS)})"
    rf"|(?P<unit>{_UNIT})(?![A-Za-z]))?"
    rf"(?P<post>{alternation(QUAL_AFTER)})?"
)
# In running text a Chinese numeral with nothing after it (四川, 统一, 一体) is a word: the
# scanner fails there at once instead of handing it to Python; parse_quantity("十七") keeps it.
QUANTITY = re.compile(rf"{_QUANTITY}(?(cnn)(?<![〇零一二两三四五六七八九十百千{FINANCIAL}]))")
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
CN_ONLY = re.compile(NUM_CHINESE)
# Anything a quantity needs: a digit or a Chinese numeral (a cheap check before the scan).
NUMERAL = re.compile(rf"[0-9０-９〇零○一二两三四五六七八九十百千万亿{FINANCIAL}]")
ADJACENT = "一二三四五六七八九"
SCALE_CHARS = frozenset("十百千万亿")
RANGE_CHARS = frozenset("至到—–－-~～")  # what can end the text before a range's upper end
# 一 with these units is an article (一个/一次/一批), not a count.
_ARTICLE_UNITS = frozenset("个 种 批 次 项 场 份 家 条 道 件 张 支 套 起 片 类 处 轮 组 级 间 位 趟 班 列 艘 单 辆 台 座 所 人 株 棵 块 根 本 部 首 篇".split())


_DIGITS = frozenset("0123456789０１２３４５６７８９")


class Candidate:
    """One built quantity with what the reject predicates look at: its match, the text, its span."""

    __slots__ = ("g", "q", "text", "start", "end", "num_start", "unit", "measured", "cn_num")

    def __init__(self, g: dict, q: Quantity, text: str, start: int, end: int, num_start: int) -> None:
        self.g, self.q, self.text, self.start, self.end, self.num_start = g, q, text, start, end, num_start
        self.unit: str | None = g["unit"] or g["gunit"]
        # a unit, percent, 成, age or scale follows the number
        self.measured = bool(self.unit or g["pct"] or g["cheng"] or g["age"] or g["scale"] or g["scale2"])
        num = g["num"]
        # the number when written in Chinese numerals only (三, 一百), else None
        self.cn_num: str | None = num if num is not None and num[0] not in _DIGITS and CN_ONLY.fullmatch(num) else None


def _ordinal(c: Candidate) -> bool:
    """第三, 第十届: an ordinal."""
    return c.text[max(0, c.start - 2):c.start].rstrip().endswith(("第", "届")) or _ORDINAL_AFTER.match(c.text, c.end) is not None


def _after_letters(c: Candidate) -> bool:
    """G85, C919, G8631次 (COD低于50毫克/升 is a figure: the letters precede 低于)."""
    return c.num_start > 0 and _ASCII_UNIT.match(c.text[c.num_start - 1]) is not None


def _bare_integer(c: Candidate) -> bool:
    """2022成都…, 12306, 7+2+N: a bare integer is a code or a name, not a quantity."""
    g, num = c.g, c.g["num"]
    return num is not None and not (c.measured or g["pre"] or g["mid"] or c.q.qualifier != "exact"
                                    or "." in num or num[-1] in "万亿")


def _size_class(c: Candidate) -> bool:
    """千亿级产业集群: a class of size, not a count."""
    num = c.g["num"]
    return c.unit == "级" and bool(c.g["scale"] or c.g["scale2"] or (num is not None and num[-1] in "万亿"))


def _reduplication(c: Candidate) -> bool:
    """一株株, 一批批: "one after another"."""
    unit = c.unit
    return c.g["num"] is not None and bool(unit) and c.end < len(c.text) and c.text.startswith(unit[-1], c.end)


def _unmeasured_chinese(c: Candidate) -> bool:
    """三个作用 aside, a Chinese numeral counts only with a unit, scale or percent."""
    return c.cn_num is not None and not (c.measured or c.cn_num[-1] in "万亿")


def _article_one(c: Candidate) -> bool:
    """一个/一次/一批: an article, not a count."""
    g = c.g
    return c.cn_num == "一" and not g["scale"] and not g["pre"] and (c.unit is None or c.unit in _ARTICLE_UNITS)


def _numeral_word(c: Candidate) -> bool:
    """零部件, 百年未有, 千层: words, not numbers (千余家, 近千人 are counts)."""
    num = c.cn_num
    return num in ("零", "〇", "○") or (num in ("百", "千", "万", "亿") and not (c.g["pre"] or c.g["mid"]))


def _slogan(c: Candidate) -> bool:
    """“三个作用”: a slogan."""
    return c.cn_num is not None and c.text[max(0, c.start - 2):c.start].endswith(("“", "‘", "「"))


def _model_name(c: Candidate) -> bool:
    """5G, 3D: a number before letters, with no unit."""
    g = c.g
    return (g["num"] is not None and not c.unit and not g["pct"] and c.end < len(c.text)
            and _ASCII_UNIT.match(c.text[c.end]) is not None)


# What reads as a number but is not a quantity; each predicate says why (checked in order).
REJECTS: tuple[Callable[[Candidate], bool], ...] = (
    _ordinal, _after_letters, _bare_integer, _size_class, _reduplication, _model_name,
)
# Checked as well when the number is written in Chinese numerals only (三个, 一批, 百年).
CHINESE_REJECTS: tuple[Callable[[Candidate], bool], ...] = (
    _unmeasured_chinese, _article_one, _numeral_word, _slogan,
)

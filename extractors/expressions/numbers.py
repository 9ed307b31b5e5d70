"""Quantities in Chinese news: 9.4万余个, 7.4万亿元, 超过200份, 8.5%, 上百家, 13岁.

Units, qualifiers and set phrases are data (extractors/lexicons/numbers.yaml). Dates and
their parts (2020年, 3月, 17日, 4天后, 10时) are masked out first with rules.DATE_MASK.

Quantity.kind: "quantity"; "percent" (8.5%, 七成, 百分之五, unit "%"); "percent_point"
(0.8个百分点); "age" (13岁, unit "岁"); "fraction" (三分之一); "range" (3至5年: value is the
upper bound, qualifier at_most, Quantity.low the lower bound); "vague" (百万市民: a round scale before a noun without a
measure word, qualifier approx); "ordinal" (第六次: only from parse_quantity, never from find).
Collective names of regions (三省一市, 九省区, 粤港澳三地) are masked like set phrases.
Units are as written after the scale (300亿元 -> 3e10 元); no known unit gives unit "".
"""

import re
from dataclasses import replace

from extractors.expressions.chinese_numerals import SCALES, parse_number, scale
from extractors.expressions.numbers_rules import (
    ADJACENT,
    CHINESE_REJECTS,
    CN_DECIMAL,
    CN_ONLY,
    COMPOUND_UNITS,
    MASK,
    NUMERAL,
    QUAL_AFTER,
    QUAL_BEFORE,
    QUAL_MIDDLE,
    QUANTITY,
    QUANTITY_FRAGMENT,
    RANGE_CHARS,
    RANGE_LOW,
    REJECTS,
    SCALE_CHARS,
    TRAILING_DUO,
    UNITS,
    UNITS_OVER_MASK,
    VAGUE,
    Candidate,
    load_lexicon,
    validate_lexicon,
)
from extractors.values import Quantity

__all__ = ["CHINESE_REJECTS", "Candidate", "REJECTS", "UNITS", "find", "load_lexicon", "parse_quantity", "validate_lexicon"]


def _number_value(g: dict) -> tuple[float, str | None] | None:
    """The number of a match with its scale and sign, and the qualifier it implies (None: none)."""
    if g["vague"]:
        value = float(VAGUE[g["vague"]][0])
        return (scale(value, SCALES[g["vscale"]]) if g["vscale"] else value), VAGUE[g["vague"]][1]
    num = g["num"]
    value = parse_number(num)
    qualifier = None
    if value is None and len(num) == 2 and num[0] in ADJACENT and ADJACENT.find(num[1]) == ADJACENT.find(num[0]) + 1:
        # 三四分钟, 四五个: "three or four", read as the lower bound, approximately
        value, qualifier = float(ADJACENT.find(num[0]) + 1), "approx"
    if value is None:
        return None
    if g["scale"]:
        value = scale(value, SCALES[g["scale"]])
    return (-value if g["sign"] else value), qualifier


def _typed(g: dict, value: float, unit: str | None, qualifier: str, text: str) -> Quantity | None:
    """The Quantity of its kind: percent (% or 成), percent_point, age, or a plain quantity."""
    if g["pct"]:
        kind = "percent" if g["pct"] in ("%", "％", "‰") else "percent_point"
        return Quantity(value, "%" if g["pct"] == "％" else g["pct"], qualifier, text, kind)
    if g["cheng"]:
        if value > 10:
            return None  # 2024成渝…: 成 is a percentage of tenths only up to 十成
        return Quantity(value * 10, "%", qualifier, text, "percent")
    if g["age"]:
        return Quantity(value, "岁", qualifier, text, "age")
    return Quantity(value, unit or "", qualifier, text, "quantity")


def _build(m: re.Match, g: dict, text: str) -> Quantity | None:
    """Turn one QUANTITY match (and its groupdict) into a Quantity (kind set), or None if it is no number."""
    qualifier = QUAL_BEFORE[g["pre"]] if g["pre"] else "exact"
    if g["frac_den"]:
        den, numer = parse_number(g["frac_den"]), parse_number(g["frac_num"])
        return Quantity(numer / den, "", qualifier, m.group(0), "fraction") if den and numer is not None else None
    if g["pct_cn"]:
        value = parse_number(g["pct_num"])
        return None if value is None else Quantity(value, "%", qualifier, m.group(0), "percent")
    number = _number_value(g)
    if number is None:
        return None
    value, implied = number
    qualifier = implied or qualifier
    if g["mid"]:
        qualifier = QUAL_MIDDLE[g["mid"]]
    if g["scale2"]:
        if g["scale"] or g["vague"]:
            return None  # 万多万: not a number
        value = scale(value, SCALES[g["scale2"]])
    unit = g["unit"]
    if g["gunit"]:
        unit = "个" + g["gunit"]  # 1个多小时 = more than 1 个小时
        if g["gmid"] == "半":
            value, unit = value + 0.5, g["gunit"]  # 一个半小时 = 1.5 小时
        else:
            qualifier = QUAL_MIDDLE[g["gmid"]]
    post = g["post"]
    if post == "多" and unit not in TRAILING_DUO:
        post = None
    if post:
        qualifier = QUAL_AFTER[post]
    end = m.end() if post or not g["post"] else m.start("post")
    return _typed(g, value, unit, qualifier, text[m.start():end].rstrip())


def _plain_reject(g: dict, text: str, start: int, end: int) -> bool:
    """Cheap checks before parsing: a bare Chinese numeral with nothing counted (统一, 一体, 百万市民)."""
    num = g["num"]
    if num is None or g["unit"] or g["gunit"] or g["pct"] or g["cheng"] or g["age"]:
        return False
    if not (g["scale"] or g["scale2"] or g["pre"] or g["mid"] or g["post"] or "." in num or num[-1] in "万亿"):
        # a bare integer (2022成都…, 12306, 7+2+N) is a code or a name; a bare 三 is a word
        return True
    if CN_ONLY.fullmatch(num):
        if not (g["scale"] or g["scale2"] or num[-1] in "万亿"):
            return True  # A Chinese numeral counts only with a unit, scale or percent (三个作用 aside).
    return False


def _vague_scale(g: dict, text: str, start: int, end: int) -> Quantity | None:
    """百万市民, 千万家庭: a round Chinese scale before a noun with no measure word, typed "vague"."""
    num = g["num"]
    if (num is None or len(num) < 2 or not SCALE_CHARS.issuperset(num) or g["unit"] or g["gunit"] or g["pct"]
            or g["cheng"] or g["age"] or g["pre"] or g["mid"] or g["scale"] or g["scale2"]):
        return None
    value = parse_number(num)
    if value is None:
        return None
    return Quantity(value, "", "approx", text[start:start + len(num)], "vague")


def _accept(c: Candidate) -> bool:
    """No reject predicate holds (ordinals, slogans, codes are not quantities)."""
    for reject in CHINESE_REJECTS + REJECTS if c.cn_num is not None else REJECTS:
        if reject(c):
            return False
    return True


# Last characters of the date masks a decimal (三点) or a unit (60日元) may override.
_OVERRIDE_TAILS = frozenset("点" + "".join(u[0] for u in UNITS_OVER_MASK))


def _masked(text: str) -> str:
    """The text with date parts and set phrases blanked out (same length, offsets kept)."""
    parts: list[str] = []
    last = 0
    for m in MASK.finditer(text):
        if text[m.end() - 1] in _OVERRIDE_TAILS and (CN_DECIMAL.match(text, m.start())
                                                     or text.startswith(UNITS_OVER_MASK, m.end() - 1)):
            continue  # 三点五亿 is a decimal, not three o'clock; 60日元 is money, not a day
        parts.append(text[last:m.start()])
        parts.append("\x00" * (m.end() - m.start()))
        last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _range(m: re.Match, q: Quantity, text: str) -> tuple[int, Quantity] | None:
    """3至5年: the lower end before the upper quantity `q`; kind "range", value the upper bound, low the lower."""
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
    return low.start(), Quantity(q.value, q.unit, "at_most", text[low.start():start] + q.text, "range", value)


def find(text: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity in a sentence as (start, end, Quantity), in order; dates and ordinals excluded.

    A range (3至5年, 10—15个) is one Quantity of kind "range": value its upper bound (at_most), low its lower.
    A duration in two units (1小时2分钟) is one Quantity in the smaller unit.
    """
    if NUMERAL.search(text) is None:
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
        if q is None or not _accept(Candidate(g, q, masked, start, end, m.start("num") if g["num"] else start)):
            continue
        end = start + len(q.text)
        if start and (masked[start - 1] in RANGE_CHARS or masked[start - 1].isspace()):
            ranged = _range(m, q, masked)
            if ranged is not None:
                start, q = ranged
                while found and found[-1][1] > start:
                    found.pop()  # the lower end was read on its own (3万至5万元)
                if masked is not text:
                    q = replace(q, text=text[start:end])
        found.append((start, end, q))
    return _join_durations(found, text) if len(found) > 1 else found


# Text that may hold a range or a two-unit duration: two numbers, or a range sign.
_COMPOUND_HINT = re.compile(r"[0-9０-９〇零一二两三四五六七八九十][^0-9０-９〇零一二两三四五六七八九十]+[0-9０-９〇零一二两三四五六七八九十]")


def _join_durations(found: list[tuple[int, int, Quantity]], text: str) -> list[tuple[int, int, Quantity]]:
    """1小时2分钟 = 62 分钟: a duration and the next smaller unit written together, in the smaller unit."""
    out = [found[0]]
    for start, end, q in found[1:]:
        p_start, p_end, prev = out[-1]
        step = COMPOUND_UNITS.get(prev.unit)
        if step is not None and step[0] == q.unit and p_end == start and prev.kind == q.kind == "quantity" \
                and prev.qualifier == "exact":
            joined = Quantity(prev.value * step[1] + q.value, q.unit, q.qualifier, text[p_start:end])
            out[-1] = (p_start, end, joined)
        else:
            out.append((start, end, q))
    return out


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity expression (超过200份, 9.4万余个, 3至5年, 第六次 as kind "ordinal"), or None."""
    s = text.strip()
    ordinal = s.startswith("第")
    if ordinal:
        s = s[1:].lstrip()
    elif _COMPOUND_HINT.search(s):
        found = find(s)
        if len(found) == 1 and found[0][:2] == (0, len(s)):
            return found[0][2]  # a range (1—2天) or a duration in two units (1小时2分钟), read as find does
    masked = _masked(s)
    for m in QUANTITY_FRAGMENT.finditer(masked):
        q = _build(m, m.groupdict(), s)
        if q is None:
            continue
        bare_cn = m.group("num") is not None and CN_ONLY.fullmatch(m.group("num")) is not None
        if bare_cn and not (m.group("unit") or m.group("pct") or m.group("cheng") or m.group("age")):
            if m.group().strip() != s:
                continue  # 一带一路: a Chinese numeral inside a word counts only when it is the whole text
        if ordinal:
            return Quantity(q.value, q.unit, "exact", "第" + q.text, "ordinal")
        return q
    return None

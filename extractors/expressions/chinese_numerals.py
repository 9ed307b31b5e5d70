"""Chinese and Arabic numeral strings to numbers: 二〇二〇, 三千五百万, 3.6万, 1,300, 7.4万亿."""

import re
from decimal import Decimal

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
    "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# 廿四 = 二十四, 卅 = 三十: tens written as one character (Hong Kong and Taiwan print).
CN_TENS = str.maketrans({"廿": "二十", "卅": "三十"})
# 万/亿 close a section: 三千五百万 = (3000+500) * 1e4; 万亿 multiplies both.
CN_SECTIONS = {"万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8}  # 萬/億: financial (大写) forms
SCALES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8,
          "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3, "百": 100}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)(.*)", re.S)
_MIXED = re.compile(r"(\d+)(亿|万)(\d+)(千万|百万|十万|万|千|百)")
_CN_CHARS = frozenset(CN_DIGITS) | frozenset(CN_UNITS) | frozenset(CN_SECTIONS) | {"点", "廿", "卅"}
_LOWER_UNIT = {"十": 1, "拾": 1, "百": 10, "佰": 10, "千": 100, "仟": 100, "万": 1000, "亿": 10**7, "萬": 1000, "億": 10**7}


def parse_cn_integer(text: str) -> int | None:
    """Parse a Chinese integer (三千五百万, 十七, 二〇二〇, 两百) or None if malformed."""
    if not text or any(c not in _CN_CHARS for c in text):
        return None
    text = text.translate(CN_TENS)
    if not any(c in CN_UNITS or c in CN_SECTIONS for c in text):
        return _digit_by_digit(text)
    head = text.rstrip("万亿萬億")
    if head and head != text and all(c in CN_DIGITS for c in head) and len(head) > 2:
        value = _digit_by_digit(head)  # 三一二亿 (Taiwanese print): digits, then the scale
        return None if value is None else value * _section_factor(text[len(head):])
    if text in CN_SECTIONS:
        return CN_SECTIONS[text]  # 万余人: a bare 万 is ten thousand
    if text[0] in CN_SECTIONS:
        return None  # 亿元, 万千: 万 / 亿 cannot start a longer number
    return _positional(text)


def _section_factor(sections: str) -> int:
    """万 = 1e4, 亿 = 1e8, 万亿 = 1e12: the product of trailing section characters."""
    factor = 1
    for ch in sections:
        factor *= CN_SECTIONS[ch]
    return factor


def _digit_by_digit(text: str) -> int | None:
    """二〇二〇, 一九九三: digits without unit characters."""
    if any(c not in CN_DIGITS for c in text):
        return None  # 点 belongs to a decimal (parse_number)
    if len(text) == 1:
        return CN_DIGITS[text]
    if "两" in text or (len(text) == 2 and "〇" not in text and "零" not in text):
        return None  # 三五 / 四五 is "three or five", not 35
    return int("".join(str(CN_DIGITS[c]) for c in text))


def _positional(text: str) -> int | None:
    """三千五百万, 一亿二千万, 一万五: digits, units (十百千) and sections (万亿)."""
    total = 0  # finished 亿 part
    section = 0  # finished 万 part inside the current 亿 part
    current = 0  # below 万
    digit: int | None = None
    last_unit = 10**13
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # 三五 without a unit between
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit >= last_unit:
                return None
            current += (1 if digit is None else digit) * unit  # 十七: a bare 十 is 1*10
            digit = None
            last_unit = unit
        elif CN_SECTIONS.get(ch) == 10**4:
            current += digit or 0
            if current == 0 and section == 0 and total == 0:
                return None
            section += current * 10**4
            current, digit, last_unit = 0, None, 10**13
        elif CN_SECTIONS.get(ch) == 10**8:
            current += digit or 0
            total = (total + section + current) * 10**8
            section, current, digit, last_unit = 0, 0, None, 10**13
        else:
            return None  # 点 belongs to a decimal (parse_number)
    return total + section + current + _trailing_digit(text, digit)


def _trailing_digit(text: str, digit: int | None) -> int:
    """一万五 = 15000, 两千三 = 2300: a trailing digit takes the next lower unit."""
    if digit and len(text) >= 2 and text[-2] in _LOWER_UNIT:
        return digit * _LOWER_UNIT[text[-2]]
    return digit or 0


def scale(value: float, factor: int) -> float:
    """value * factor without binary noise (4.35亿 is 435000000, not 434999999.99999994)."""
    return float(Decimal(repr(value)) * factor)


def parse_number(text: str) -> float | None:
    """Parse a numeral with optional scale: 3.6万, 1,300, 三千五百万, 7.4万亿, 百分之五 excluded."""
    if text.isascii() and text.isdigit():
        return float(text)  # the common case, 200
    s = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    if not s:
        return None
    mixed = _MIXED.fullmatch(s)
    if mixed and SCALES[mixed.group(4)] < SCALES[mixed.group(2)]:  # 1万2千 = 12000
        return float(int(mixed.group(1)) * SCALES[mixed.group(2)] + int(mixed.group(3)) * SCALES[mixed.group(4)])
    m = _ARABIC.fullmatch(s)
    if m:
        base = float(m.group(1))
        rest = m.group(2)
        if not rest:
            return base
        if rest in SCALES:
            return scale(base, SCALES[rest])
        return None
    if "." in s and not any(c.isdigit() and c.isascii() for c in s):
        s = s.replace(".", "点")  # 九八二．六四亿 (Taiwanese print): a full-width point between Chinese digits
    if "点" in s:  # 三点五亿
        head, _, tail = s.partition("点")
        factor = 1
        for name in ("万亿", "亿", "万"):
            if tail.endswith(name):
                tail, factor = tail[: -len(name)], SCALES[name]
                break
        whole = parse_cn_integer(head)
        if whole is None or not tail or any(c not in CN_DIGITS for c in tail):
            return None
        frac = float("0." + "".join(str(CN_DIGITS[c]) for c in tail))
        return float((Decimal(whole) + Decimal(repr(frac))) * factor)
    value = parse_cn_integer(s)
    return None if value is None else float(value)


def parse_small(text: str) -> int | None:
    """Parse a month/day/count numeral (17, 十七, 三十一, 二) to int, or None."""
    s = text.translate(_FULLWIDTH).strip()
    if s.isdigit():
        return int(s)
    return parse_cn_integer(s)

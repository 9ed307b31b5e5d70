"""Named regex fragments shared by extractors (numbers, dates); compile them where they are used."""

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

# The lexicons shipped inside the package (a corpus directory may add its own lexicons/).
LEXICON_DIR = Path(__file__).parent / "lexicons"


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    dupes = sorted({str(k) for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"duplicate keys in lexicon: {dupes}")
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_strict(path: Path) -> dict:
    """Read a lexicon YAML file, rejecting duplicate keys."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass

# Digits, Arabic (also full-width) and Chinese.
DIGIT = r"[0-9０-９]"
CN_DIGIT = r"[〇零○一二三四五六七八九]"
CN_NUMERAL = r"[〇零○一二两三四五六七八九十百千万亿]"

# A four-digit year: 2020, 二〇二〇 (digit by digit).
YEAR_NUM = r"(?:(?<![0-9０-９.])(?<![0-9],)[12０-２][0-9０-９]{3}(?![0-9０-９])|[一二]" + CN_DIGIT + r"{3})"
# A month number as written before 月 (13 still matches so it can be rejected as invalid).
MONTH_NUM = r"(?:(?<![0-9０-９.])[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])"
# A day number before 日/号.
DAY_NUM = r"(?:(?<![0-9０-９.])[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# A bare day standing alone (17日): Arabic or a multi-character Chinese numeral (一日 is too ambiguous).
BARE_DAY_NUM = r"(?:(?<![0-9０-９.])[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?)"
# A small count before 天/个月/年 (4天后, 两个月后).
COUNT_NUM = r"(?:(?<![0-9０-９.])[0-9０-９]{1,3}|[一二两三四五六七八九十]{1,3}|半)"
# Range connectors between two date ends (4月22日至30日, 1—4月, 2020-2022年).
RANGE_SEP = r"\s*(?:至|到|—|–|－|-|~|～|——)\s*"
# Weekday and time-of-day tails that belong to a date but do not change it.
DAY_PERIOD = r"(?:上午|下午|晚上|晚间|早上|早晨|凌晨|中午|傍晚|夜间|夜里|晚|早)"
CLOCK = (
    r"(?:(?:[0-9０-９]{1,2}|[一二]?十[一二]?|[一二三四五六七八九])\s*[时点](?:\s*(?:[0-9０-９]{1,2}|[一二三四五]?十[一二三四五六七八九]?)\s*分|半|整|许)?"
    r"|[0-9０-９]{1,2}[:：][0-9０-９]{2})"
)
WEEKDAY = r"(?:[（(]?(?:星期|礼拜|周)[一二三四五六日天][)）]?)"
DATE_TAIL = rf"(?:\s*{WEEKDAY})?(?:\s*{DAY_PERIOD}(?:\s*{CLOCK})?|\s*{CLOCK})?"

# Characters a numeral can start with (used as a cheap first-character guard on big patterns).
NUMERAL_START = "0-9０-９〇零○一二两三四五六七八九十百千万亿半"


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first (平方公里 before 公里, 上个月 before 上月)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def first_char_guard(words: Iterable[str], extra: str = "") -> str:
    """A lookahead that fails fast unless the next character can start one of `words` (or `extra`)."""
    chars = {w[0] for w in words if w}
    escaped = "".join(sorted(c if c.isalnum() else "\\" + c for c in chars))
    return f"(?=[{extra}{escaped}])"


# Numbers that are parts of dates, masked out of quantities by extractors.numbers.
DATE_MASK = (
    rf"{YEAR_NUM}(?:{RANGE_SEP}{YEAR_NUM})?\s*年(?:度)?"
    rf"|{MONTH_NUM}(?:{RANGE_SEP}{MONTH_NUM})?\s*月(?![份]?\s*(?:之内|内))(?:\s*{DAY_NUM}\s*[日号])?"
    rf"|{DAY_NUM}\s*[日号](?![线楼院机码令])"
    rf"|{COUNT_NUM}\s*(?:天|日|周|个星期|个多月|个月|年)\s*(?:多)?\s*(?:以后|之后|后|以前|之前|前)"
    rf"|{CLOCK}"
    rf"|(?:[1-9]0|[一二三四五六七八九]十)年代"
    rf"|{YEAR_NUM}[-/.][0-9]{{1,2}}(?:[-/.][0-9]{{1,2}})?(?![0-9万亿%％])"
    rf"|前(?:[0-9０-９]{{1,2}}|十[一二]?|[两二三四五六七八九])个月"
)


class LexiconError(ValueError):
    """A lexicon file does not have the expected shape."""


_NOT_A_WORD = re.compile(r"[\s|()\\]")


def check_words(value: object, where: str) -> list[str]:
    """A lexicon word list: non-empty, plain words only (no spaces or regex syntax); raises LexiconError."""
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where} must be a non-empty list")
    for word in value:
        if not isinstance(word, str) or not word.strip() or _NOT_A_WORD.search(word):
            raise LexiconError(f"bad entry {word!r} in {where}")
    return value

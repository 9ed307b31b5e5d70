"""The lexicon and the scanner regex for extractors/temporal.py (data: extractors/lexicons/temporal.yaml)."""

import re
from collections.abc import Iterable
from pathlib import Path

from extractors.rules import (
    LEXICON_DIR,
    BARE_DAY_NUM,
    COUNT_NUM,
    DATE_TAIL,
    DAY_NUM,
    MONTH_NUM,
    NUMERAL_START,
    RANGE_SEP,
    YEAR_NUM,
    alternation,
    first_char_guard,
    load_yaml_strict,
    run_checks,
    word_patterns,
)

_LEXICON_PATH = LEXICON_DIR / "temporal.yaml"

_INT_MAPS = (
    "year_words", "year_words_anchor", "month_words", "month_words_anchor",
    "day_words", "day_words_anchor", "week_words", "five_year_plans", "holiday_days",
)
_LIST_KEYS = (
    "now_words", "recent_words", "target_markers", "target_after", "as_of_markers",
    "as_of_after", "since_after", "first_period_prefixes", "end_of_period_parts", "weekday_prefixes",
    "forward_year_parts", "today_verbs",
)


def load_lexicon(path: Path = _LEXICON_PATH) -> dict:
    """Load and validate the temporal lexicon; raise ValueError on a malformed entry."""
    return run_checks(load_yaml_strict(path), _CHECKS, "temporal lexicon")


def validate_lexicon(data: dict) -> None:
    """Check the lexicon's shape: int maps, string lists, part tables; raise ValueError if wrong."""
    run_checks(data, _CHECKS, "temporal lexicon")


def _check_int_maps(data: dict) -> None:
    for key in _INT_MAPS:
        table = data.get(key)
        if not isinstance(table, dict) or not table:
            raise ValueError(f"temporal lexicon: {key} must be a non-empty mapping")
        for word, value in table.items():
            if not isinstance(word, str) or not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"temporal lexicon: {key}.{word} must map a word to an int")


def _check_lists(data: dict) -> None:
    for key in _LIST_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"temporal lexicon: {key} must be a list of words")


def _check_parts(data: dict) -> None:
    for word, bounds in data.get("month_parts", {}).items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, int) for b in bounds)):
            raise ValueError(f"temporal lexicon: month_parts.{word} must be [first, last]")
        if not (1 <= bounds[0] <= 31 and 0 <= bounds[1] <= 31):
            raise ValueError(f"temporal lexicon: month_parts.{word} out of range")
    kinds = {"month": 2, "months": 3, "fuzzy_year": 3, "half": 2, "quarter": 2, "year": 2}
    for word, spec in data.get("year_parts", {}).items():
        if not (isinstance(spec, list) and spec and spec[0] in kinds and len(spec) == kinds[spec[0]]):
            raise ValueError(f"temporal lexicon: year_parts.{word} malformed")
    for key, parts in (("bare_month_parts", "month_parts"), ("bare_year_parts", "year_parts")):
        for word, part in data.get(key, {}).items():
            if part not in data[parts]:
                raise ValueError(f"temporal lexicon: {key}.{word} names unknown part {part}")


def _check_guards(data: dict) -> None:
    for key in ("blocked_before", "blocked_after", "allowed_before"):
        blocked = data.get(key, {})
        if not isinstance(blocked, dict) or not all(isinstance(v, str) and v for v in blocked.values()):
            raise ValueError(f"temporal lexicon: {key} must map words to characters")
    for key in ("target_marker_blocked_after", "first_period_allowed_before", "holiday_blocked_before",
                "holiday_blocked_after", "weekday_blocked_before", "weekday_blocked_after"):
        if not isinstance(data.get(key, ""), str):
            raise ValueError(f"temporal lexicon: {key} must be a string")


def _check_holidays(data: dict) -> None:
    for key in ("holidays", "lunar_holidays"):
        for word, md in data.get(key, {}).items():
            if not (isinstance(md, list) and len(md) == 2 and 1 <= md[0] <= 12 and 1 <= md[1] <= 31):
                raise ValueError(f"temporal lexicon: {key}.{word} must be [month, day]")
    for word, span in data.get("year_spans", {}).items():
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) for n in span) and span[0] < span[1]):
            raise ValueError(f"temporal lexicon: year_spans.{word} must be [first offset, last offset]")


_CHECKS = (_check_int_maps, _check_lists, _check_parts, _check_guards, _check_holidays)


LEXICON = load_lexicon()


def _guarded(words: Iterable[str], blocked: dict[str, str], blocked_after: dict[str, str] | None = None) -> str:
    """Alternation where a word is rejected next to characters that make it part of another word."""
    allowed = LEXICON["allowed_before"]
    parts = []
    for w in sorted(words, key=len, reverse=True):
        chars = blocked.get(w)
        after = (blocked_after or {}).get(w)
        # The guards look back over the word once it is read, so each branch starts with a
        # literal, which the regex engine skips in one step where it does not match.
        word = re.escape(w)
        guard = f"(?<![{re.escape(chars)}]{word})" if chars else ""
        if w in allowed:  # 后年 only after 到/在/明… or at the start: 建成后年发电量 is 后 + 年发电量
            guard += f"(?<![^{re.escape(allowed[w])}]{word})"
        tail = f"(?![{re.escape(after)}])" if after else ""
        parts.append(word + guard + tail)
    return "|".join(parts)


YEAR_WORD = _guarded(list(LEXICON["year_words"]) + list(LEXICON["year_words_anchor"]),
                     LEXICON["blocked_before"], LEXICON["blocked_after"])
MONTH_WORD = alternation(list(LEXICON["month_words"]) + list(LEXICON["month_words_anchor"]))
DAY_WORD = _guarded(list(LEXICON["day_words"]) + list(LEXICON["day_words_anchor"]),
                    LEXICON["blocked_before"], LEXICON["blocked_after"])
WEEK_WORD = alternation(LEXICON["week_words"])
NOW_WORD = _guarded(LEXICON["now_words"], LEXICON["blocked_before"], LEXICON["blocked_after"])
RECENT_WORD = _guarded(LEXICON["recent_words"], LEXICON["blocked_before"])
# 中 is left out after a month or a year: 3月中国…, 2020年中欧班列 are far commoner than 月中/年中.
MONTH_PART = alternation(w for w in LEXICON["month_parts"] if w != "中")
YEAR_PART = alternation(w for w in LEXICON["year_parts"] if w != "中")
BARE_YEAR_PART = _guarded(LEXICON["bare_year_parts"], LEXICON["blocked_before"], LEXICON["blocked_after"])
BARE_MONTH_PART = _guarded(LEXICON["bare_month_parts"], LEXICON["blocked_before"], LEXICON["blocked_after"])
HOLIDAY = alternation(list(LEXICON["holidays"]) + list(LEXICON["lunar_holidays"]))
_HOLIDAY_ALONE = (rf"(?<![{re.escape(LEXICON['holiday_blocked_before'])}])(?:{HOLIDAY})"
                  rf"(?![{re.escape(LEXICON['holiday_blocked_after'])}])")
FIVE_YEAR_PLAN = alternation(LEXICON["five_year_plans"])
YEAR_SPAN = alternation(LEXICON["year_spans"])
_WEEKDAY_ALONE = (rf"(?<![{re.escape(LEXICON['weekday_blocked_before'])}])(?:{alternation(LEXICON['weekday_prefixes'])})"
                  rf"(?P<bwd_day>[一二三四五六日天])(?![{re.escape(LEXICON['weekday_blocked_after'])}])")
# 农历八月十五, 农历正月初一: a date of the lunar calendar.
_LUNAR_MONTH = r"(?:正|冬|腊|十[一二]?|[一二三四五六七八九])"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|十[一二三四五六七八九]?|[一二三四五六七八九])"

# Month tail after a month number: a day, or a part of the month (上旬, 底).
# 3月17—18日: a day range inside one month.
_MONTH_TAIL = (
    rf"(?:\s*(?P<{{p}}d>{DAY_NUM})(?:{RANGE_SEP}(?P<{{p}}d2>{DAY_NUM}))?\s*[日号號]"
    rf"|(?P<{{p}}mp>{MONTH_PART}))?"
)


def _prefixed(template: str, prefix: str) -> str:
    """A pattern template with its group names prefixed (each alternative of a scanner names its own)."""
    return template.replace("{p}", prefix)


# The first n months or quarters of a year (前5个月, 头三个月, 前7月, 前三季度, 前两个季度).
_FIRST_COUNT = r"(?:[0-9０-９]{1,2}|十[一二]?|[一二两三四五六七八九])"
_FIRST_PERIOD = (
    rf"(?:{alternation(LEXICON['first_period_prefixes'])})\s*"
    rf"(?:(?P<{{p}}fq>[1-4１-４一二两三四])\s*个?\s*季度?|(?P<{{p}}fm>{_FIRST_COUNT})\s*个?\s*月份?)"
)


def _lead(chars: Iterable[str], pattern: str) -> str:
    """An alternative tried only where its first character can start it (the rest fail in one step)."""
    return f"(?={first_char_guard(chars)[3:-1]})(?:{pattern})" if chars else pattern


def _firsts(*keys: str) -> list[str]:
    return [w for key in keys for w in LEXICON[key]]


_NUMERAL_WORDS = list("0123456789０１２３４５６７８９〇零○一二两三四五六七八九十百千万亿半")
# A numeral starts a date atom only when its run of numerals is followed (after spaces) by one
# of these: 年, 月, 日/号, a range sign, 个/天/周 of an offset, 世 of 20世纪, / or . of 2023/2/5.
# Checked first, so 3万个, 5G, 2022 in running text fail at once instead of in every alternative.
_FRACTION_AFTER = "的|以[上下内]|左右|强|弱|多|之|[个名家]"
_ROC_YEAR = r"[1１][0-2０-２][0-9０-９]"
_ROC_BEFORE = "|".join(f"(?<={w})" for w in ("民国", "预计", "预定", "于", "在", "至", "到", "自", "从"))
_ROC_AFTER = rf"(?:\s*{MONTH_NUM}\s*月|度|底|初|中|[上下]半年|第)"
_NUMERAL_AHEAD = rf"[{NUMERAL_START}]++\s*[至到—–－\-~～年月日号號天周个世/.]"

# One scanner: each alternative is one kind of date atom; at a given position the first
# alternative that matches wins, so longer forms come first (a year range before a year,
# a year before a relative offset: 2025年前 is "before 2025", not "2025 years ago").
# Each alternative (or run of alternatives) is led by a lookahead on the characters it can
# start with, so a position is only tried against the alternatives that can match there.
_SCAN_MAIN = "|".join((
    _lead(_NUMERAL_WORDS,
          # 2020—2022年, 2020年至2022年 are handled by range merging; this is the bare first end.
          rf"(?={_NUMERAL_AHEAD})(?:(?P<yr_a>{YEAR_NUM}){RANGE_SEP}(?P<yr_b>{YEAR_NUM})\s*年"
          # （2021-2035）: a plan period in brackets, written without 年
          rf"|(?<=[（(])(?P<yp_a>{YEAR_NUM}){RANGE_SEP}(?P<yp_b>{YEAR_NUM})(?=[)）])"
          rf"|(?P<mr_a>{MONTH_NUM}){RANGE_SEP}(?P<mr_b>{MONTH_NUM})\s*月份?)"),
    # 十四五期间, 十三五末, “十四五” alone (the five years); not inside a number (二十四五个)
    _lead(["“"] + _firsts("five_year_plans"),
          rf"(?<![一二三四五六七八九十第])“?(?P<fyp>{FIVE_YEAR_PLAN})”?(?P<fyp_part>期间|时期|末|初)?"
          rf"(?(fyp_part)|(?![0-9一二三四五六七八九十个百千万亿年岁次届项]))"),
    _lead(_firsts("year_spans"), rf"(?P<ys>{YEAR_SPAN})"),
    _lead(_NUMERAL_WORDS + ["农"],
          rf"(?=农|{_NUMERAL_AHEAD})(?:(?P<ly>{YEAR_NUM})\s*年\s*)?农历\s*(?P<lm>{_LUNAR_MONTH})月(?P<ld>{_LUNAR_DAY})"),
    _lead(_NUMERAL_WORDS + _firsts("year_words", "year_words_anchor"),
          rf"(?:(?={_NUMERAL_AHEAD})(?:(?P<y>{YEAR_NUM})\s*年"
          # 22年3月: a two-digit year, only before a month (22年 alone is a duration)
          rf"|(?<![0-9０-９.])(?P<y2>[0-9]{{2}})年(?=\s*{MONTH_NUM}\s*月)"
          # 113年6月, 114年度, 民国110年, 预计116年: a Republic-of-China year (Taiwan), only 100–129, only
          # before a month, 度 or a part of the year, or after 民国, 预计 or a preposition (116年 alone is a count)
          rf"|(?<![0-9０-９.])(?:{_ROC_BEFORE}|(?={_ROC_YEAR}年{_ROC_AFTER}))(?P<y3>{_ROC_YEAR})年)|(?P<yw>{YEAR_WORD}))"
          rf"(?:\s*(?P<ym>{MONTH_NUM})\s*月份?{_prefixed(_MONTH_TAIL, 'y')}"
          rf"|(?P<hol>{HOLIDAY})|{_prefixed(_FIRST_PERIOD, 'y')}|(?P<yp>{YEAR_PART}))?"),
    _lead(_NUMERAL_WORDS, rf"(?={_NUMERAL_AHEAD})(?P<m>{MONTH_NUM})\s*月份?{_prefixed(_MONTH_TAIL, 'm')}"),
    _lead(_firsts("month_words", "month_words_anchor"), rf"(?P<mw>{MONTH_WORD}){_prefixed(_MONTH_TAIL, 'w')}"),
    # 下周一, 本周五: a weekday of a week word
    _lead(_firsts("week_words"), rf"(?P<wwd>{WEEK_WORD})(?P<wd_day>[一二三四五六日天])"),
    _lead(_NUMERAL_WORDS + ["上"],
          # 2023-02-05, 2023/2/5, 2023.2.5: numeric dates as in front matter
          rf"(?=上|{_NUMERAL_AHEAD})(?:(?P<iso_y>{YEAR_NUM})(?P<iso_sep>[-/.])(?P<iso_m>[0-9]{{1,2}})(?P=iso_sep)(?P<iso_d>[0-9]{{1,2}})(?![0-9])"
          # 6/19, 8/31 (Taiwan): month/day, not a fraction (3/4的企业, 1/3以上, 占1/4)
          rf"|(?<![0-9０-９/.．占约近逾超第])(?P<sl_m>1[0-2]|0?[1-9])/(?P<sl_d>3[01]|[12][0-9]|0?[1-9])(?![0-9０-９/%.．])(?!{_FRACTION_AFTER})"
          # 90年代, 上世纪80年代: a decade
          rf"|(?P<dec_c>上世纪|20世纪|二十世纪|21世纪|二十一世纪)?(?P<dec>[1-9]0|[一二三四五六七八九]十)年代)"),
    _lead(_firsts("first_period_prefixes"),
          rf"(?<![^{re.escape(LEXICON['first_period_allowed_before'])}])(?P<bfp>{_prefixed(_FIRST_PERIOD, 'b')})"),
    _lead(_firsts("bare_year_parts"), rf"(?P<byp>{BARE_YEAR_PART})"),
    _lead(_firsts("bare_month_parts"), rf"(?P<bmp>{BARE_MONTH_PART})"),
    # 今（16）日, 昨(5)日 (Hong Kong, Taiwan): the day of the month in brackets
    _lead(["今", "昨"], r"(?:今|昨)\s*[（(]\s*(?P<pd>[0-9０-９]{1,2})\s*[)）]\s*日"),
    # 立法院会今邀…列席, 国发会今表示 (Taiwan, Hong Kong): 今 alone before the day's verb is today
    _lead(["今"], rf"(?<=[\u4e00-\u9fff）)])(?P<today>今)(?=(?:上午|下午|晚间|早上|稍早)?(?:{alternation(LEXICON['today_verbs'])}))"),
    _lead(_firsts("now_words"), rf"(?P<now>{NOW_WORD})"),
    _lead(_firsts("recent_words"), rf"(?P<recent>{RECENT_WORD})"),
    _lead(_firsts("day_words", "day_words_anchor"), rf"(?P<dw>{DAY_WORD})"),
    _lead(_firsts("week_words"), rf"(?P<ww>{WEEK_WORD})"),
    _lead(_NUMERAL_WORDS,
          # 15日前 is "before the 15th"; only a Chinese count makes 日 a duration (三日后)
          rf"(?={_NUMERAL_AHEAD})(?:(?P<rn>{COUNT_NUM})\s*(?P<ru>个多月|个月|个星期|周|天|年|(?<=[一二两三四五六七八九十])日)\s*多?\s*(?P<rd>以后|之后|后|以前|之前|前)"
          # 国道1号, 中山路5号, 第3号: a road's or a document's number, not a day
          rf"|(?<![国國省县縣乡鄉]道)(?<![路街巷楼樓栋棟第])(?P<d>{BARE_DAY_NUM})\s*[日号號](?![线楼院机码令文门馆厅站口位车仓库公]))"),
))
_SCAN_WORDS = [w for key in ("year_words", "year_words_anchor", "month_words", "month_words_anchor",
                              "day_words", "day_words_anchor", "week_words", "now_words", "recent_words",
                              "bare_year_parts", "bare_month_parts", "five_year_plans", "first_period_prefixes",
                              "year_spans")
               for w in LEXICON[key]] + ["上世纪", "20世纪", "二十世纪", "21世纪", "二十一世纪", "“", "农历"]
# Holidays and weekdays alone start with common characters (中, 国, 周, 元): they are tried only
# where one of their words' first two characters follow, so 中国, 国家, 周边 cost one step.
_PAIR_WORDS = ([w for key in ("holidays", "lunar_holidays") for w in LEXICON[key]]
               + [p + d for p in LEXICON["weekday_prefixes"] for d in "一二三四五六日天"])
_SCAN_NAMED_DAYS = "|".join((rf"(?P<bwd>{_WEEKDAY_ALONE})", rf"(?P<bh>{_HOLIDAY_ALONE})"))
SCAN_PATTERN = (f"{first_char_guard(_SCAN_WORDS, NUMERAL_START)}(?:{_SCAN_MAIN})"
                f"|(?={alternation({w[:2] for w in _PAIR_WORDS})})(?:{_SCAN_NAMED_DAYS})")
# The guard rejects most positions at their first character before the alternation is tried.
SCAN = re.compile(rf"{first_char_guard(_SCAN_WORDS + _PAIR_WORDS, NUMERAL_START)}(?:{SCAN_PATTERN}){DATE_TAIL}")

# A cheap pre-check: every scanner match holds one of these (年, 月, 日, 前 of 目前, 稿 of
# 截至发稿 …) or a numeric date (2023-02-05), and no clause break; clauses without one are
# never scanned. Words of the lexicon that hold none of the base characters add their last one.
_KEY_BASE = "年月日号號天周季旬期代末初今前现晚夜晨（("
_KEY_CHARS = set(_KEY_BASE)
# (Five-year plans, 上世纪, holidays and 前/头 of 前5个月 only match with a 期/末/初, 年 or 月.)
_STANDALONE_WORDS = [w for key in ("year_words", "year_words_anchor", "month_words", "month_words_anchor",
                                    "day_words", "day_words_anchor", "week_words", "now_words",
                                    "recent_words", "bare_year_parts", "bare_month_parts")
                     for w in LEXICON[key]]
for _word in sorted(_STANDALONE_WORDS, key=len):
    if not _KEY_CHARS.intersection(_word):
        _KEY_CHARS.add(_word[-1])
# Words that may stand alone but hold no key character (五一, 十四五, 中秋, 礼拜三) are keys whole
# (a word holding a shorter one is left out: 元旦 covers 元旦节).
_KEY_WORDS = [w for key in ("five_year_plans", "holidays", "lunar_holidays", "weekday_prefixes") for w in LEXICON[key]
              if not _KEY_CHARS.intersection(w)]
_KEY_WORDS = [w for w in _KEY_WORDS if not any(v != w and v in w for v in _KEY_WORDS)]
_KEY_CLASS = re.escape("".join(sorted(_KEY_CHARS)))
# (One character class first, the numeric date's separator tested after it: the engine scans for the class.)
KEY = re.compile(rf"[{_KEY_CLASS}0-9０-９](?:(?<=[{_KEY_CLASS}])|(?<=[0-9０-９])[-/.][0-9０-９])")
KEY_WORD = re.compile(alternation(_KEY_WORDS))


def key_search(text: str, pos: int = 0) -> "re.Match | None":
    """The first key (a key character, a numeric date or a key word) at or after pos, or None.

    Two searches, the word one bounded by the first key character: each regex keeps the
    engine's fast scan for its first characters (one regex mixing both loses it).
    """
    key = KEY.search(text, pos)
    word = KEY_WORD.search(text, pos, len(text) if key is None else key.start())
    return key if word is None else word
# The words around a date that flag it: 截至 before it and 为止 after it (as of), 将 / 之前 after it
# (target), 以来 / 起 after it (since).
AS_OF_BEFORE, TARGET_AFTER, AS_OF_AFTER, SINCE_AFTER = word_patterns(LEXICON, {
    "as_of_markers": r"{words}\s*$", "target_after": r"\s*{words}", "as_of_after": r"\s*{words}",
    "since_after": r"\s*{words}",
})
TO_BEFORE = re.compile(r"(?:到|至)\s*$")
TARGET_BEFORE = re.compile(
    rf"(?:{alternation(m for m in LEXICON['target_markers'] if m not in ('到', '至'))})"
    rf"(?![{re.escape(LEXICON['target_marker_blocked_after'])}])"
)
# 2025年前 (before), 2020年前后 (around); 前往/前夕/前期/前三 are other words.
BEFORE_AFTER = re.compile(r"\s*(前后|左右|以前|之前|前)(?![往夕期三两列后排沿线端身台])")
RANGE_GAP = re.compile(rf"{RANGE_SEP}|\s*(?:持续|一直|延续|延长)(?:至|到)\s*")

"""The rule kit shared by every extractor: named regex fragments (numbers, dates), word alternation,
ONE clause split, ONE overlap policy over a table of named rules, and lexicon loading with
declarative validation."""

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def word_patterns(lexicon: Mapping[str, Any], forms: Mapping[str, str], flags: int = 0) -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of a key table, in its order: ``forms`` maps a lexicon key to a regex in
    which ``{words}`` stands for the key's words as one group, longest first."""
    return tuple(re.compile(form.replace("{words}", f"(?:{alternation(lexicon[key])})"), flags)
                 for key, form in forms.items())


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


# ---------------------------------------------------------------------------
# Clauses and titles.

# The clause breaks, for every extractor: comma, semicolon, colon, sentence ends (full- and
# half-width) and a line break; a colon between two digits (9:30, 1:1) is a clock or a ratio, and a
# half-width comma between a digit and three digits (1,022人) a thousands separator, not a break. A clause is the text between two breaks; a figure, a name or an event's date is looked for
# inside its clause first. The sentence breaks (semicolons and sentence ends) are the strong ones:
# what lies between two of them is one statement.
SENTENCE_BREAKS = "；;。！？!?"
CLAUSE_BREAKS = "，,：:\n" + SENTENCE_BREAKS
# (The break character is matched first and the digit tests look around it: a pattern that opens with a
# character class lets the engine scan for the breaks, many times faster than trying every position.)
CLAUSE_BREAK = re.compile("[" + CLAUSE_BREAKS + "](?:(?<=[，\n" + SENTENCE_BREAKS + r"])"
                          r"|(?<=,)(?:(?![0-9]{3}(?![0-9]))|(?<![0-9],))"
                          r"|(?<=[：:])(?:(?<![0-9０-９][：:])|(?![0-9０-９])))")
SENTENCE_BREAK = re.compile(f"[{SENTENCE_BREAKS}]")


# The clause breaks of the last sentence asked about (one tuple, replaced at once: safe across threads).
_LAST_BREAKS: tuple[str, list[int]] = ("", [])


def clause_breaks(sentence: str) -> list[int]:
    """Positions of the sentence's clause breaks, in order (kept for the last sentence asked about)."""
    global _LAST_BREAKS
    cached, breaks = _LAST_BREAKS
    if cached is not sentence:
        breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
        _LAST_BREAKS = (sentence, breaks)
    return breaks


def clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around [start, end): after the last break before ``start``, up to the next at or after ``end``."""
    breaks = clause_breaks(sentence)
    before = bisect_left(breaks, start)
    after = bisect_left(breaks, end)
    return (breaks[before - 1] + 1 if before else 0), (breaks[after] if after < len(breaks) else len(sentence))


def inside_pair(sentence: str, pos: int, opening: str, closing: str) -> bool:
    """Whether ``pos`` lies after an ``opening`` bracket not closed before it (a title or quote an excerpt
    cut off stays one: a date inside it belongs to the title)."""
    return sentence.rfind(opening, 0, pos) > sentence.rfind(closing, 0, pos)


def inside_title(sentence: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a 《》 title."""
    return inside_pair(sentence, pos, "《", "》")


_TITLE_BODY = re.compile(r"(?<=[《「])[^《》「」]*(?=[》」])")


def without_titles(sentence: str) -> str:
    """``sentence`` with the words inside 《》 and 「」 titles blanked (same length): a 第一次 or 此前 inside
    a title says nothing about when the sentence's event happened."""
    return _TITLE_BODY.sub(lambda m: " " * len(m.group(0)), sentence)


_UNCLOSED_END = re.compile(r"[《「“『][^《》「」“”『』]*$")


_TERMINATED = re.compile(r"[。！？!?；;…”\"’）)》.]\s*$")
_HEADLINE_MAX = 60  # a longer unterminated span is prose cut off (an excerpt's end), not a headline


def headline(sentence: str, context: object) -> bool:
    """Whether ``sentence`` is a headline (a heading line, or a short line without a terminator): a
    headline restates an event the article tells in its own sentence (page chrome, not the report)."""
    if getattr(context, "heading", False):
        return True
    # a title or quote opened and never closed: prose cut off mid-title (an excerpt's end), not a headline
    return len(sentence) <= _HEADLINE_MAX and not _TERMINATED.search(sentence) and not _UNCLOSED_END.search(sentence)


# ---------------------------------------------------------------------------
# Rule tables.


@dataclass(frozen=True)
class Rule:
    """A named rule: ``name`` (``type.rule``, ASCII, stored in ``mentions.rule``), a compiled
    ``pattern`` and ``build(match, sentence, context, name)`` returning the records of one match
    (an empty list when the match states nothing). ``claim`` names the group whose span the rule
    takes from the sentence (the whole match when None).

    A rule that classifies a candidate found elsewhere (statistics: a figure of ``numbers.find``)
    has no ``build``: its pattern is searched in the candidate's ``view``, and the extractor reads
    ``dating`` (how the record is dated) and ``is_target`` (a planned figure) from it."""

    name: str
    pattern: re.Pattern[str]
    build: Callable[..., Any] | None = None
    claim: str | None = None
    view: str | None = None
    dating: str | None = None
    is_target: bool = False

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The part of the sentence a match of this rule claims."""
        return match.span(self.claim) if self.claim else match.span()


def run_rules(rules: Sequence[Rule], sentence: str, context: object, *,
              skip: Callable[[str, re.Match[str]], bool] | None = None) -> list:
    """The records of every rule of ``rules`` over ``sentence``, under ONE overlap policy.

    Every match of every rule is a candidate; candidates are tried longest first, then earliest,
    then in table order (the table order only breaks ties). A candidate that overlaps a span
    already claimed by a built record is dropped; one whose build yields nothing claims nothing.
    ``skip(sentence, match)`` drops a match before it is built.
    """
    candidates = []
    for order, rule in enumerate(rules):
        for match in rule.pattern.finditer(sentence):
            if skip is None or not skip(sentence, match):
                start, end = rule.span(match)
                candidates.append((start - end, start, order, match, rule))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    found: list = []
    for _, start, _, match, rule in candidates:
        end = rule.span(match)[1]
        if any(s < end and start < e for s, e in taken):
            continue
        records = rule.build(match, sentence, context, rule.name) if rule.build else None
        if records:
            taken.append((start, end))
            found.extend(records)
    return found


def find_records(rules: Sequence[Rule], sentence: str, context: object, *, trigger: re.Pattern[str] | None = None,
                 keep_headline: Callable[[Any], bool] | None = None,
                 skip: Callable[[str, re.Match[str]], bool] | None = None) -> list:
    """An extractor's records in ``sentence`` (``run_rules``), in sentence order. A sentence without
    ``trigger`` states none (the cheap first test); with ``keep_headline``, a headline (page chrome
    restating the report) states none unless ``keep_headline(context)`` holds (a dated headline)."""
    if trigger is not None and not trigger.search(sentence):
        return []
    if keep_headline is not None and headline(sentence, context) and not keep_headline(context):
        return []
    return sorted(run_rules(rules, sentence, context, skip=skip), key=lambda record: record.span.start)


# ---------------------------------------------------------------------------
# Lexicons.


class LexiconError(ValueError):
    """A lexicon file does not have the expected shape."""


_NOT_A_WORD = re.compile(r"[\s|()\\]")


def _words(value: object, where: str) -> None:
    """A non-empty list of plain words (no spaces or regex syntax), none listed twice."""
    _texts(value, where)
    for word in value:  # type: ignore[union-attr]
        if _NOT_A_WORD.search(word):
            raise LexiconError(f"bad entry {word!r} in {where}")


def _texts(value: object, where: str) -> None:
    """A non-empty list of non-empty strings, none listed twice."""
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where} must be a non-empty list")
    seen: set[str] = set()
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise LexiconError(f"bad entry {word!r} in {where}")
        if word in seen:
            raise LexiconError(f"{word!r} is listed twice in {where}")
        seen.add(word)


def _text(value: object, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where} must be a non-empty string")


def _mapping(value: object, where: str) -> None:
    """A non-empty mapping of strings to strings."""
    if not isinstance(value, dict) or not value or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip() for k, v in value.items()):
        raise LexiconError(f"{where} must map strings to strings")


def _count(value: object, where: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"{where} must be a non-negative integer")


def _lists(value: object, where: str) -> None:
    """A mapping of names to lists of strings (aliases)."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, list)
                                              and all(isinstance(w, str) and w for w in v) for k, v in value.items()):
        raise LexiconError(f"{where} must map a name to a list of strings")


_KINDS: dict[str, Callable[[object, str], None]] = {
    "words": _words, "texts": _texts, "text": _text, "mapping": _mapping, "count": _count, "lists": _lists,
}
# A schema maps each key to its kind; a key ending in "?" may be missing. A kind is one of
# _KINDS, or a tuple: ("groups", names, kind) a mapping of exactly these names to values of kind;
# ("some_groups", names, kind) some of these names; ("choice", choices) a mapping of words to
# one of choices; ("choices", choices) a mapping of words to non-empty lists of choices;
# ("subset", choices) a list of some of choices; ("records", schema) a list of mappings each checked against schema.
Schema = Mapping[str, object]


def _check_tuple(kind: tuple, value: object, where: str) -> None:
    name, *args = kind
    if name in ("groups", "some_groups"):
        names, inner = args
        if not isinstance(value, dict) or not value:
            raise LexiconError(f"{where} must be a non-empty mapping")
        if (name == "groups" and set(value) != set(names)) or not set(value) <= set(names):
            raise LexiconError(f"{where}: expected the keys {', '.join(names)}, got {sorted(map(str, value))}")
        for key, item in value.items():
            check_kind(inner, item, f"{where}.{key}")
    elif name in ("choice", "choices"):
        choices = args[0]
        if not isinstance(value, dict) or not value:
            raise LexiconError(f"{where} must be a non-empty mapping")
        for word, chosen in value.items():
            picked = [chosen] if name == "choice" else chosen
            if not isinstance(word, str) or not word.strip() or not isinstance(picked, list) or not picked \
                    or any(c not in choices for c in picked):
                raise LexiconError(f"{where} maps {word!r} to unknown {chosen!r}")
    elif name == "subset":
        _words(value, where)
        if not set(value) <= set(args[0]):  # type: ignore[arg-type]
            raise LexiconError(f"{where}: {sorted(set(value) - set(args[0]))} are not among {', '.join(args[0])}")
    elif name == "records":
        if not isinstance(value, list):
            raise LexiconError(f"{where} must be a list")
        for entry in value:
            check_lexicon(entry, args[0], f"{where} entry")
    else:
        raise ValueError(f"unknown lexicon kind {kind!r}")


def check_kind(kind: object, value: object, where: str) -> None:
    """Raise LexiconError unless ``value`` is of ``kind`` (see Schema)."""
    if isinstance(kind, tuple):
        _check_tuple(kind, value, where)
    else:
        _KINDS[kind](value, where)  # type: ignore[index]


def check_lexicon(data: object, schema: Schema, where: str) -> dict:
    """``data`` checked against ``schema`` (key -> kind; "key?" is optional); raises LexiconError."""
    if not isinstance(data, dict):
        raise LexiconError(f"{where} must be a mapping")
    for key, kind in schema.items():
        name = key.rstrip("?")
        if name in data or not key.endswith("?"):
            check_kind(kind, data.get(name), f"{where}: {name}")
    return data


def run_checks(data: object, checks: Sequence[Callable[[dict], None]], what: str) -> dict:
    """``data`` once it is a mapping that each of ``checks`` accepts (a check raises ValueError if not)."""
    if not isinstance(data, dict):
        raise LexiconError(f"{what} must be a mapping")
    for check in checks:
        check(data)
    return data


def load_lexicon(path: Path, schema: Schema) -> dict:
    """A lexicon file read (duplicate keys rejected) and checked against ``schema``."""
    return check_lexicon(load_yaml_strict(path), schema, path.name)


SHARED_SCHEMA = {key: "words" for key in ("planned_markers", "hedges", "earlier_markers", "sign_verbs",
                                          "agreement_nouns", "continues_markers", "date_labels",
                                          "signed_document_nouns")}
# The word lists several extractors read (lexicons/shared.yaml).
SHARED = load_lexicon(LEXICON_DIR / "shared.yaml", SHARED_SCHEMA)

"""Rule table and lexicon for the statistics extractor (extractors/statistic.py).

A rule is data: which view of a candidate figure it looks at, the pattern it
needs there, how the figure is then dated, and whether it is a target. The
first rule of ``RULES`` whose pattern matches a candidate decides its record.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LEXICON_PATH = Path(__file__).parent / "lexicons" / "statistic.yaml"

UNIT_CLASSES = ("count", "measure", "money", "percent")
CUE_KEYS = (
    "as_of_now",
    "target",
    "target_clause",
    "past",
    "at_most",
    "at_least",
    "anaphora",
    "membership",
    "vague",
    "spec",
)
# Views a rule pattern can be matched against (see statistic.Candidate.view).
VIEWS = ("kind", "unit_class", "date_flags", "before", "clause_before")
# How a rule dates its figure (statistic._as_of interprets these).
DATINGS = ("sentence", "flagged_date", "published", "target")


class LexiconError(ValueError):
    """The statistics lexicon file is malformed."""


@dataclass(frozen=True)
class Lexicon:
    """Validated word lists of extractors/lexicons/statistic.yaml."""

    units: dict[str, frozenset[str]]
    event_units: frozenset[str]
    rhetoric_heads: tuple[str, ...]
    small_chinese_max: int
    rhetoric_max: int
    ordinal_cumulative_min: int
    cues: dict[str, tuple[str, ...]]
    np_stops: tuple[str, ...]
    topic_trailing: tuple[str, ...]
    topic_leading: tuple[str, ...]
    unit_aliases: dict[str, str]
    headline_markers: tuple[str, ...]

    def canonical_unit(self, unit: str) -> str:
        """The unit as the statistics table writes it (大类 → 类)."""
        return self.unit_aliases.get(unit, unit)

    def unit_class(self, unit: str) -> str | None:
        """The class ("count", "measure", "money", "percent") of a unit, or None."""
        for name in UNIT_CLASSES:
            if unit in self.units[name]:
                return name
        return None


def _words(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{where}{key}: expected a non-empty list of strings")
    words: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}{key}: {item!r} is not a non-empty string")
        if item in words:
            raise LexiconError(f"{where}{key}: {item!r} is listed twice")
        words.append(item)
    return tuple(words)


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"{key}: expected a non-negative integer")
    return value


def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    # Longest first so that 分别达到 is stripped before 达到 and 达.
    return tuple(sorted(words, key=len, reverse=True))


def load_lexicon(data: Any) -> Lexicon:
    """Validate the parsed YAML of the statistics lexicon and build a Lexicon."""
    if not isinstance(data, dict):
        raise LexiconError("the lexicon must be a mapping")
    units_data = data.get("units")
    if not isinstance(units_data, dict) or set(units_data) != set(UNIT_CLASSES):
        raise LexiconError(f"units: expected exactly the classes {', '.join(UNIT_CLASSES)}")
    units = {name: frozenset(_words(units_data, name, "units.")) for name in UNIT_CLASSES}
    for i, first in enumerate(UNIT_CLASSES):
        for second in UNIT_CLASSES[i + 1 :]:
            shared = units[first] & units[second]
            if shared:
                raise LexiconError(f"units {first} and {second} share {sorted(shared)}")
    cues_data = data.get("cues")
    if not isinstance(cues_data, dict) or set(cues_data) != set(CUE_KEYS):
        raise LexiconError(f"cues: expected exactly the keys {', '.join(CUE_KEYS)}")
    cues = {key: _longest_first(_words(cues_data, key, "cues.")) for key in CUE_KEYS}
    event_units = frozenset(_words(data, "event_units", ""))
    if not event_units <= units["count"]:
        raise LexiconError("event_units must all be count units")
    aliases = data.get("unit_aliases")
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in aliases.items()
    ):
        raise LexiconError("unit_aliases: expected a mapping of unit to unit")
    for alias, unit in aliases.items():
        if not any(unit in units[name] for name in UNIT_CLASSES):
            raise LexiconError(f"unit_aliases: {alias} maps to {unit}, which is no listed unit")
    return Lexicon(
        units=units,
        event_units=event_units,
        rhetoric_heads=_longest_first(_words(data, "rhetoric_heads", "")),
        small_chinese_max=_int(data, "small_chinese_max"),
        rhetoric_max=_int(data, "rhetoric_max"),
        ordinal_cumulative_min=_int(data, "ordinal_cumulative_min"),
        cues=cues,
        np_stops=_longest_first(_words(data, "np_stops", "")),
        topic_trailing=_longest_first(_words(data, "topic_trailing", "")),
        topic_leading=_longest_first(_words(data, "topic_leading", "")),
        unit_aliases=dict(aliases),
        headline_markers=_longest_first(_words(data, "headline_markers", "")),
    )


LEXICON = load_lexicon(yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in _longest_first(words))


# Named pattern fragments.
TARGET_CUE = _alternation(LEXICON.cues["target"])
TARGET_CLAUSE_CUE = _alternation(LEXICON.cues["target_clause"])
AS_OF_NOW_CUE = _alternation(LEXICON.cues["as_of_now"])


@dataclass(frozen=True)
class Rule:
    """A named statistics rule: a pattern on one view of a candidate figure and how to date it."""

    name: str
    view: str
    pattern: re.Pattern[str]
    dating: str
    is_target: bool = False

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ValueError(f"{self.name}: unknown view {self.view!r}")
        if self.dating not in DATINGS:
            raise ValueError(f"{self.name}: unknown dating {self.dating!r}")


# Order matters: the first matching rule wins.
# - cumulative_ordinal first: an ordinal is otherwise never a figure (第六次), but
#   第10000列 / 第1000万名 milestones state a running total.
# - targets before as-of cues: 到2025年 / 力争 / 预计 … make a plan even when the
#   sentence also says 目前 (目前…，力争到年底达到…).
# - explicit 截至 dates before 目前 / 如今 (截至目前 is both: the date flag wins).
# - the four figure kinds last, dated by the sentence's own date or the narrative.
RULES: tuple[Rule, ...] = (
    Rule("statistic.cumulative_ordinal", "kind", re.compile(r"^ordinal$"), "sentence"),
    Rule("statistic.target_date", "date_flags", re.compile(r"\btarget\b"), "flagged_date", is_target=True),
    Rule("statistic.target", "before", re.compile(f"(?:{TARGET_CUE})"), "target", is_target=True),
    Rule(
        "statistic.target_clause",
        "clause_before",
        re.compile(f"(?:{TARGET_CLAUSE_CUE})"),
        "target",
        is_target=True,
    ),
    Rule("statistic.cumulative_as_of", "date_flags", re.compile(r"\bas_of\b"), "flagged_date"),
    Rule("statistic.as_of_now", "before", re.compile(f"(?:{AS_OF_NOW_CUE})"), "published"),
    Rule("statistic.percent", "unit_class", re.compile(r"^percent$"), "sentence"),
    Rule("statistic.amount", "unit_class", re.compile(r"^money$"), "sentence"),
    Rule("statistic.measure", "unit_class", re.compile(r"^measure$"), "sentence"),
    Rule("statistic.count_with_unit", "unit_class", re.compile(r"^count$"), "sentence"),
)

"""The statistics lexicon (extractors/lexicons/statistic.yaml): its schema, the checks the schema
cannot state, and the word lists built from it (longest first, indexed for prefix and suffix tests)."""

import re
from dataclasses import dataclass
from typing import Any

from extractors.rules import LEXICON_DIR, LexiconError, check_lexicon, load_yaml_strict

LEXICON_PATH = LEXICON_DIR / "statistic.yaml"
UNIT_CLASSES = ("count", "measure", "money", "percent", "duration")
CUE_KEYS = (
    "as_of_now",
    "target",
    "target_clause",
    "not_target",
    "past",
    "achieved",
    "at_most",
    "at_least",
    "anaphora",
    "membership",
    "vague",
    "duration_after",
    "time_saved",
    "growth",
    "session_nouns",
    "as_of_prefixes",
    "spec",
    "speed",
    "streak",
    "change_from",
    "not_change_from",
    "change_to",
    "event_verbs",
    "back_reference",
    "money_before",
)
# 台（套）: a unit with an alternative in brackets; 微克/立方米: a compound unit.
BRACKETED_UNIT = re.compile(r"(.+?)[（(](.+?)[）)]")


COMPOUND_SLASH = re.compile(r"[/／]")
class WordList(tuple[str, ...]):
    """A closed word list, longest first, indexed by first and last character for fast prefix and suffix tests."""

    by_first: dict[str, tuple[str, ...]]
    by_last: dict[str, tuple[str, ...]]

    def __new__(cls, words: tuple[str, ...] | list[str]) -> "WordList":
        """Build the list (longest first) and its indexes."""
        self = super().__new__(cls, sorted(words, key=len, reverse=True))
        by_first: dict[str, list[str]] = {}
        by_last: dict[str, list[str]] = {}
        for word in self:
            by_first.setdefault(word[0], []).append(word)
            by_last.setdefault(word[-1], []).append(word)
        self.by_first = {char: tuple(group) for char, group in by_first.items()}
        self.by_last = {char: tuple(group) for char, group in by_last.items()}
        return self


@dataclass(frozen=True)
class Lexicon:
    """Validated word lists of extractors/lexicons/statistic.yaml."""

    units: dict[str, frozenset[str]]
    event_units: frozenset[str]
    rhetoric_heads: WordList
    small_chinese_max: int
    rhetoric_max: int
    ordinal_cumulative_min: int
    cues: dict[str, WordList]
    np_stops: WordList
    topic_trailing: WordList
    topic_leading: WordList
    unit_aliases: dict[str, str]
    headline_markers: WordList
    compound_numerators: frozenset[str]
    compound_denominators: frozenset[str]
    frame_heads: WordList
    frame_cues: WordList
    collective_units: frozenset[str]
    region_units: WordList
    region_wide: WordList
    region_have: WordList
    classes: dict[str, str]  # unit -> its class, from ``units``
    derived: dict[str, str | None]  # compound and bracketed units met so far -> their class

    def canonical_unit(self, unit: str) -> str:
        """The unit as the statistics table writes it (大类 → 类)."""
        return self.unit_aliases.get(unit, unit)

    def unit_class(self, unit: str) -> str | None:
        """The class ("count", "measure", "money", "percent") of a unit, or None.

        Besides the listed units: compounds A/B (微克/立方米) take A's class when A's class is a
        compound numerator and B's a compound denominator; a unit with an alternative in brackets
        (台（套）) takes its own class when the alternative has the same one.
        """
        name = self.classes.get(unit)
        if name is not None or len(unit) < 3:
            return name
        if unit not in self.derived:
            self.derived[unit] = self._derived_class(unit)
        return self.derived[unit]

    def _derived_class(self, unit: str) -> str | None:
        bracketed = BRACKETED_UNIT.fullmatch(unit)
        if bracketed:
            name = self.classes.get(self.canonical_unit(bracketed.group(1)))
            return name if name and self.classes.get(bracketed.group(2)) == name else None
        parts = COMPOUND_SLASH.split(unit)
        if len(parts) != 2:
            return None
        numerator = self.classes.get(self.canonical_unit(parts[0]))
        denominator = self.classes.get(parts[1])
        if numerator in self.compound_numerators and denominator in self.compound_denominators:
            return numerator
        return None


_LISTS = ("event_units", "rhetoric_heads", "np_stops", "topic_trailing", "topic_leading", "headline_markers",
          "frame_heads", "frame_cues", "collective_units", "region_units", "region_wide", "region_have")


SCHEMA = {"units": ("groups", UNIT_CLASSES, "texts"), "cues": ("groups", CUE_KEYS, "texts"),
          "unit_aliases": "mapping", "compound_numerators": ("subset", UNIT_CLASSES),
          "compound_denominators": ("subset", UNIT_CLASSES)} | {key: "texts" for key in _LISTS} | {
    key: "count" for key in ("small_chinese_max", "rhetoric_max", "ordinal_cumulative_min")}


def _check_units(data: dict[str, Any]) -> None:
    """What the schema cannot say: unit classes are disjoint, event units are counts, aliases name units."""
    units = {name: set(data["units"][name]) for name in UNIT_CLASSES}
    for i, first in enumerate(UNIT_CLASSES):
        for second in UNIT_CLASSES[i + 1 :]:
            shared = units[first] & units[second]
            if shared:
                raise LexiconError(f"units {first} and {second} share {sorted(shared)}")
    if not set(data["event_units"]) <= units["count"]:
        raise LexiconError("event_units must all be count units")
    for alias, unit in data["unit_aliases"].items():
        if not any(unit in units[name] for name in UNIT_CLASSES):
            raise LexiconError(f"unit_aliases: {alias} maps to {unit}, which is no listed unit")


def build_lexicon(data: Any) -> Lexicon:
    """Check the parsed YAML of the statistics lexicon against SCHEMA and build a Lexicon."""
    check_lexicon(data, SCHEMA, "statistic lexicon")
    _check_units(data)
    units = {name: frozenset(data["units"][name]) for name in UNIT_CLASSES}
    cues = {key: WordList(data["cues"][key]) for key in CUE_KEYS}
    lists = {key: WordList(data[key]) for key in _LISTS}
    return Lexicon(
        units=units,
        event_units=frozenset(data["event_units"]),
        rhetoric_heads=lists["rhetoric_heads"],
        small_chinese_max=data["small_chinese_max"],
        rhetoric_max=data["rhetoric_max"],
        ordinal_cumulative_min=data["ordinal_cumulative_min"],
        cues=cues,
        np_stops=lists["np_stops"],
        topic_trailing=lists["topic_trailing"],
        topic_leading=lists["topic_leading"],
        unit_aliases=dict(data["unit_aliases"]),
        headline_markers=lists["headline_markers"],
        compound_numerators=frozenset(data["compound_numerators"]),
        compound_denominators=frozenset(data["compound_denominators"]),
        frame_heads=lists["frame_heads"],
        frame_cues=lists["frame_cues"],
        collective_units=frozenset(data["collective_units"]),
        region_units=lists["region_units"],
        region_wide=lists["region_wide"],
        region_have=lists["region_have"],
        classes={unit: name for name in UNIT_CLASSES for unit in units[name]},
        derived={},
    )


LEXICON = build_lexicon(load_yaml_strict(LEXICON_PATH))
def starts_with_any(text: str, words: WordList, at: int = 0) -> str | None:
    """The longest of ``words`` that ``text`` has at ``at``, or None."""
    for word in words.by_first.get(text[at : at + 1], ()):
        if text.startswith(word, at):
            return word
    return None


def ends_with_any(text: str, words: WordList) -> str | None:
    """The longest of ``words`` that ``text`` ends with, or None."""
    for word in words.by_last.get(text[-1:], ()):
        if text.endswith(word):
            return word
    return None



"""The rule kit (extractors.rules): lexicon validation (good/bad table), the clause split, the overlap policy."""

import copy
import datetime as dt
import re

import pytest

from extractors.context import make_context
from extractors.facts import agreement, meeting_rules, policy, project_rules, statistic_lexicon
from extractors.rules import (
    LEXICON_DIR,
    SHARED_SCHEMA,
    LexiconError,
    Rule,
    alternation,
    check_lexicon,
    clause,
    inside_title,
    load_yaml_strict,
    run_rules,
)

# Every shipped lexicon with its schema.
LEXICONS = {
    "shared": ("shared.yaml", SHARED_SCHEMA),
    "meeting": ("meeting.yaml", meeting_rules.SCHEMA),
    "meeting_series": ("meeting_series.yaml", meeting_rules.SERIES_SCHEMA),
    "agreement": ("agreement.yaml", agreement.SCHEMA),
    "policy": ("policy.yaml", policy.SCHEMA),
    "project": ("project.yaml", project_rules.SCHEMA),
    "statistic": ("statistic.yaml", statistic_lexicon.SCHEMA),
}


def _data(name: str) -> dict:
    return load_yaml_strict(LEXICON_DIR / LEXICONS[name][0])


def _edited(name: str, path: tuple[str, ...], value: object) -> dict:
    """The shipped lexicon ``name`` with ``path`` set to ``value`` (None: the key removed)."""
    data = copy.deepcopy(_data(name))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize("name", list(LEXICONS))
def test_shipped_lexicon_is_valid(name: str) -> None:
    data = _data(name)
    assert check_lexicon(data, LEXICONS[name][1], name) == data


BAD = {
    "shared_missing_list": ("shared", ("hedges",), None),
    "shared_regex_in_word": ("shared", ("sign_verbs",), ["签署|签订"]),
    "meeting_empty_word": ("meeting", ("nouns",), ["会议", " "]),
    "meeting_online_not_mapping": ("meeting", ("online",), ["视频"]),
    "series_without_name": ("meeting_series", ("series",), [{"variants": ["川渝党政联席会议"]}]),
    "series_pair_not_a_list": ("meeting_series", ("region_pairs",), {"重庆四川": "川渝"}),
    "series_near_not_a_list": ("meeting_series", ("short_forms",), [{"form": "a", "name": "b", "near": "c"}]),
    "agreement_space_in_word": ("agreement", ("ceremonies",), ["签约 仪式"]),
    "agreement_number_word": ("agreement", ("coreferent",), ["双方", 2]),
    "agreement_word_twice": ("agreement", ("coreferent",), ["双方", "双方"]),
    "policy_unknown_action": ("policy", ("actions_before", "印发"), "撤销"),
    "policy_empty_map": ("policy", ("actions_after",), {}),
    "project_unknown_category": ("project", ("suffixes", "spaceport"), ["航天港"]),
    "project_unknown_event": ("project", ("milestones", "开工"), ["飞行"]),
    "project_missing_list": ("project", ("generic_words",), None),
    "statistic_unknown_unit_class": ("statistic", ("units", "speed"), ["公里每小时"]),
    "statistic_missing_cue": ("statistic", ("cues", "target"), None),
    "statistic_negative_count": ("statistic", ("ordinal_cumulative_min",), -1),
    "statistic_unknown_class": ("statistic", ("compound_numerators",), ["money", "speed"]),
}


@pytest.mark.parametrize(("name", "path", "value"), list(BAD.values()), ids=list(BAD))
def test_bad_lexicon_is_rejected(name: str, path: tuple[str, ...], value: object) -> None:
    with pytest.raises(LexiconError):
        check_lexicon(_edited(name, path, value), LEXICONS[name][1], name)


def test_a_lexicon_must_be_a_mapping() -> None:
    with pytest.raises(LexiconError):
        check_lexicon(["签署"], agreement.SCHEMA, "agreement")


@pytest.mark.parametrize(
    ("path", "value"),
    [(("units", "measure"), ["公里", "项"]), (("event_units",), ["次", "元"])],
    ids=["unit_in_two_classes", "event_unit_not_a_count"],
)
def test_statistic_units_are_consistent(path: tuple[str, ...], value: object) -> None:
    with pytest.raises(LexiconError):
        statistic_lexicon.build_lexicon(_edited("statistic", path, value))


def test_statistic_lexicon_classes() -> None:
    lexicon = statistic_lexicon.build_lexicon(_data("statistic"))
    assert (lexicon.unit_class("项"), lexicon.unit_class("元"), lexicon.unit_class("千伏")) == ("count", "money", None)


def test_clause_breaks_at_commas_semicolons_colons() -> None:
    sentence = "会议指出：要加快建设，确保年底通车；同时推进other。"
    start = sentence.index("加快")
    assert sentence[slice(*clause(sentence, start, start + 2))] == "要加快建设"
    start = sentence.index("确保")
    assert sentence[slice(*clause(sentence, start, start + 2))] == "确保年底通车"


def test_inside_title() -> None:
    sentence = "印发《关于加快建设的意见》并建设"
    assert inside_title(sentence, sentence.index("加快"))
    assert not inside_title(sentence, sentence.rindex("建设"))


def test_alternation_is_longest_first_and_escaped() -> None:
    pattern = re.compile(alternation(["会议", "联席会议", "a+b"]))
    assert pattern.search("党政联席会议").group(0) == "联席会议"
    assert pattern.search("a+b").group(0) == "a+b"


def test_overlap_policy_longest_then_earliest() -> None:
    """Of overlapping matches the longest wins, whatever the table order; a failed build claims nothing."""
    sentence = "川渝两地签署战略合作框架协议"
    context = make_context(sentence, reference=dt.date(2025, 1, 1))

    def build(match: re.Match[str], sentence: str, context: object, name: str) -> list[tuple[str, str]]:
        return [] if match.group(0) == "签署" else [(name, match.group(0))]

    rules = (
        Rule("test.short", re.compile("协议"), build),
        Rule("test.long", re.compile("战略合作框架协议"), build),
        Rule("test.verb", re.compile("签署"), build),
        Rule("test.frame", re.compile("框架"), build),
    )
    assert run_rules(rules, sentence, context) == [("test.long", "战略合作框架协议")]

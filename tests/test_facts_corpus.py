"""Every record type against its corpus (tests/corpus/<type>.yaml, one schema: tests/corpus_support.py):
one case per example, negative and known gap (strict xfail), rule coverage, rule names, quote length."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import importlib

from extractors.rules import Rule
from factline.record_types import EXTRACTED
from tests.corpus_support import (
    CASE_KEYS,
    ODD_PIECES,
    SECTION_KEYS,
    approx_floats,
    assert_slices_safe,
    case_context,
    case_params,
    date_of,
    load_corpus,
)


@dataclass(frozen=True)
class CorpusType:
    """A record type as its corpus sees it: the extractor, its rules and the fields of one record."""

    extract: Callable[..., list]
    rules: tuple[Rule, ...]
    fields: Callable[[Any, str], dict[str, Any]]


def _milestones(r: Any) -> list[dict[str, Any]]:
    return [{"event": m.event, "date": date_of(m.time), "planned": m.planned} for m in r.milestones]


# The fields each type's corpus lists for one record (the rule included), given the record and its sentence.
FIELDS: dict[str, Callable[[Any, str], dict[str, Any]]] = {
    "meeting": lambda r, s: {
        "rule": r.span.rule, "name": r.name, "session": r.session, "date": date_of(r.time), "location": r.location},
    "agreement": lambda r, s: {
        "rule": r.span.rule, "title": r.title, "parties": r.parties, "date": date_of(r.time)},
    "project": lambda r, s: {
        "rule": r.span.rule, "name": r.name, "category": r.category, "attributes": r.attributes,
        "milestones": _milestones(r)},
    "statistic": lambda r, s: {
        "rule": r.span.rule, "subject": r.subject, "value": r.value, "unit": r.unit, "qualifier": r.qualifier,
        "is_target": r.is_target, "as_of": date_of(r.as_of), "quote": s[r.span.start:r.span.end]},
    "policy": lambda r, s: {
        "rule": r.span.rule, "title": r.title, "action": r.action, "date": date_of(r.time)},
}


def _corpus_type(name: str) -> CorpusType:
    module = importlib.import_module(f"extractors.facts.{name}")
    return CorpusType(module.extract, module.RULES, FIELDS[name])


# Every record type an extractor states, in the registry's order (factline.record_types).
TYPES: dict[str, CorpusType] = {t.extractor: _corpus_type(t.extractor) for t in EXTRACTED}
CORPORA = {name: load_corpus(name) for name in TYPES}
# The longest quote a record may take from its sentence: about a clause.
QUOTE_MAX = 60


def _records(name: str, case: dict[str, Any]) -> list:
    return TYPES[name].extract(case["sentence"], context=case_context(CORPORA[name], case))


def _found(name: str, case: dict[str, Any]) -> list[dict[str, Any]]:
    return [TYPES[name].fields(r, case["sentence"]) for r in _records(name, case)]


@pytest.mark.parametrize(("name", "case"), case_params(CORPORA, "examples"))
def test_example(name: str, case: dict[str, Any]) -> None:
    assert _found(name, case) == approx_floats(case["expect"])


@pytest.mark.parametrize(("name", "case"), case_params(CORPORA, "negative"))
def test_negative(name: str, case: dict[str, Any]) -> None:
    assert _found(name, case) == [], case.get("reason")


@pytest.mark.parametrize(("name", "case"), case_params(CORPORA, "xfail"))
def test_known_gap(name: str, case: dict[str, Any]) -> None:
    assert _found(name, case) == approx_floats(case["expect"])


@pytest.mark.parametrize(("name", "case"), case_params(CORPORA, "examples"))
def test_quote_is_a_short_clause(name: str, case: dict[str, Any]) -> None:
    sentence = case["sentence"]
    for record in _records(name, case):
        assert 0 <= record.span.start < record.span.end <= len(sentence)
        assert record.span.end - record.span.start <= QUOTE_MAX


@pytest.mark.parametrize("name", TYPES)
def test_every_rule_is_produced_by_an_example(name: str) -> None:
    produced = {record["rule"] for case in CORPORA[name]["examples"] for record in case["expect"]}
    assert {rule.name for rule in TYPES[name].rules} - produced == set()


@pytest.mark.parametrize("name", TYPES)
def test_rule_names_are_stable_ascii(name: str) -> None:
    names = [rule.name for rule in TYPES[name].rules]
    assert len(names) == len(set(names))
    assert all(n.isascii() and n.startswith(f"{name}.") for n in names)


@pytest.mark.parametrize("name", TYPES)
def test_corpus_follows_the_schema(name: str) -> None:
    corpus = CORPORA[name]
    assert set(corpus) <= {"reference_date", "published", *SECTION_KEYS}
    assert corpus["examples"] and corpus["negative"]
    first = next(case for case in corpus["examples"] if case["expect"])
    record_keys = set(_found(name, first)[0])
    for section, required in SECTION_KEYS.items():
        for case in corpus.get(section) or []:
            assert required <= set(case) <= CASE_KEYS, (section, case["id"])
            assert section != "negative" or "expect" not in case, case["id"]
            for record in case.get("expect", []):
                assert set(record) == record_keys, (section, case["id"])
    ids = [case["id"] for section in SECTION_KEYS for case in corpus.get(section) or []]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", TYPES)
def test_any_text_slice_is_safe(name: str) -> None:
    """Odd input never raises and every span lies inside its sentence (slices of the seeds, fixed seed)."""
    assert_slices_safe(TYPES[name].extract, ODD_PIECES)


def test_every_extracted_record_type_has_a_corpus() -> None:
    """A record type in the registry is tested from tests/corpus/<type>.yaml with its expectation fields."""
    assert set(FIELDS) == set(TYPES) and all(CORPORA[name]["examples"] for name in TYPES)

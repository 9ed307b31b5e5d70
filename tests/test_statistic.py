"""Statistics extractor: one case per corpus example and negative, known gaps, rule coverage, lexicon checks."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractors.facts import statistic
from extractors.expressions import temporal
from extractors.context import make_context
from extractors.records import Context, StatisticRecord
from extractors.values import Quantity
from factline.corpus import parse_published

CORPUS_PATH = Path(__file__).parent / "corpus" / "statistic.yaml"
CORPUS: dict[str, Any] = yaml.safe_load(CORPUS_PATH.read_text(encoding="utf-8"))
REFERENCE = dt.date.fromisoformat(str(CORPUS["reference_date"]))
RECORD_FIELDS = ("subject", "value", "unit", "qualifier", "is_target", "as_of", "rule", "quote")


def _context(case: dict[str, Any]) -> Context:
    reference = dt.date.fromisoformat(str(case.get("reference", REFERENCE)))
    published = parse_published(str(case.get("published", CORPUS["published"])))
    anchor = parse_published(str(case["anchor"])) if case.get("anchor") else None
    previous = case.get("previous", "")
    if previous:  # the sentence before moves the narrative date, as in the pipeline
        before = make_context(previous, reference=reference, published=published, anchor=anchor)
        anchor = temporal.advance_anchor(anchor, before.dates)
    return make_context(case["sentence"], reference=reference, published=published, anchor=anchor, previous=previous)


def _as_dict(sentence: str, record: StatisticRecord) -> dict[str, Any]:
    return {
        "subject": record.subject,
        "value": record.value,
        "unit": record.unit,
        "qualifier": record.qualifier,
        "is_target": record.is_target,
        "as_of": record.as_of.date if record.as_of else None,
        "rule": record.span.rule,
        "quote": sentence[record.span.start : record.span.end],
    }


def _expected(record: dict[str, Any]) -> dict[str, Any]:
    expected = {key: record.get(key) for key in RECORD_FIELDS}
    expected["value"] = float(record["value"])
    expected["qualifier"] = record.get("qualifier", "exact")
    expected["is_target"] = bool(record.get("is_target", False))
    expected["as_of"] = str(record["as_of"]) if record.get("as_of") is not None else None
    return expected


def _approx_values(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "value": pytest.approx(r["value"], rel=1e-9)} for r in records]


def _run(case: dict[str, Any]) -> list[dict[str, Any]]:
    sentence = case["sentence"]
    return [_as_dict(sentence, r) for r in statistic.extract(sentence, context=_context(case))]


@pytest.mark.parametrize("case", CORPUS["examples"], ids=[c["id"] for c in CORPUS["examples"]])
def test_example(case: dict[str, Any]) -> None:
    assert _run(case) == _approx_values([_expected(r) for r in case["records"]])


@pytest.mark.parametrize("case", CORPUS["negative"], ids=[c["id"] for c in CORPUS["negative"]])
def test_negative(case: dict[str, Any]) -> None:
    assert _run(case) == []


@pytest.mark.parametrize("case", CORPUS["xfail"], ids=[c["id"] for c in CORPUS["xfail"]])
def test_known_gap(case: dict[str, Any]) -> None:
    if case.get("records") is None:
        pytest.fail("an xfail case needs its expected records")
    found = _run(case)
    expected = _approx_values([_expected(r) for r in case["records"]])
    if found != expected:
        pytest.xfail(case["reason"])


def test_every_rule_has_an_example() -> None:
    produced = {r["rule"] for case in CORPUS["examples"] for r in case["records"]}
    assert set(statistic.rule_names()) <= produced


def test_every_filter_drops_a_negative() -> None:
    reasons: set[str] = set()
    for case in CORPUS["negative"]:
        sentence, context = case["sentence"], _context(case)
        for start, end, quantity in statistic.all_quantities(sentence, context):
            reasons.add(statistic.reject_reason(sentence, start, end, quantity, context) or "kept")
    # Dates never reach the filters through numbers.find (it masks them); see test_date_filter.
    assert {name for name, _ in statistic.FILTERS} - {"date"} <= reasons


def test_date_filter() -> None:
    sentence = "2020年，全市新增就业岗位3万个。"
    context = make_context(sentence, reference=REFERENCE)
    year = Quantity(2020, "年", "exact", "2020年", "quantity")
    assert statistic.reject_reason(sentence, 0, 5, year, context) == "date"


# Group names as extractors.numbers may read them (it may also leave them out): the filter drops them
# whatever numbers returns.
COLLECTIVE_NAMES = [
    ("上海、江苏、浙江、安徽三省一市主要领导出席会议。", "三省", Quantity(3, "省", "exact", "三省", "quantity")),
    ("北京、天津、河北三省市党政主要领导出席会议。", "三省", Quantity(3, "省", "exact", "三省", "quantity")),
    ("山东等九省区相关负责同志参加会议。", "九省", Quantity(9, "省", "exact", "九省", "quantity")),
    ("长江经济带11省市共同发布了联合倡议。", "11省", Quantity(11, "省", "exact", "11省", "quantity")),
]


@pytest.mark.parametrize("sentence,text,quantity", COLLECTIVE_NAMES, ids=[c[1] + c[0][-6:] for c in COLLECTIVE_NAMES])
def test_collective_name_filter(sentence: str, text: str, quantity: Quantity) -> None:
    context = make_context(sentence, reference=REFERENCE)
    start = sentence.index(text)
    assert statistic.reject_reason(sentence, start, start + len(text), quantity, context) == "collective_name"


def test_counted_places_stay() -> None:
    sentence = "目前，服务已辐射周边3省12市。"
    context = make_context(sentence, reference=REFERENCE)
    start = sentence.index("3省")
    quantity = Quantity(3, "省", "exact", "3省", "quantity")
    assert statistic.reject_reason(sentence, start, start + 2, quantity, context) is None


def test_rule_names_are_ascii_and_unique() -> None:
    names = statistic.rule_names()
    assert len(names) == len(set(names))
    assert all(name.isascii() and name.startswith("statistic.") for name in names)


def test_corpus_size() -> None:
    assert len(CORPUS["examples"]) >= 40
    assert len(CORPUS["negative"]) >= 15
    assert all(case.get("reason") for case in CORPUS["xfail"])


def test_spans_are_short_quotes() -> None:
    for case in CORPUS["examples"]:
        for record in statistic.extract(case["sentence"], context=_context(case)):
            assert 0 <= record.span.start < record.span.end <= len(case["sentence"])
            assert record.span.end - record.span.start <= 60

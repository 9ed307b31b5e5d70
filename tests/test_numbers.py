"""extractors.numbers against tests/corpus/numbers.yaml: one case per example."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.expressions import chinese_numerals
from extractors.expressions import numbers

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "numbers.yaml").read_text(encoding="utf-8"))
COUNTED = ("quantity", "percent", "percent_point")


def _ids(examples: list[dict]) -> list[str]:
    return [f"{i:03d}-{e.get('id') or e['sentence'][:16]}" for i, e in enumerate(examples)]


def _known_gaps() -> list:
    """The corpus's known gaps as strict xfails: each must fail until it is fixed, then move to examples."""
    gaps = CORPUS.get("xfail", [])
    return [pytest.param(e, marks=pytest.mark.xfail(strict=True, reason=e["reason"]), id=i)
            for e, i in zip(gaps, _ids(gaps))]


@pytest.mark.parametrize("example", CORPUS["examples"], ids=_ids(CORPUS["examples"]))
def test_example(example: dict) -> None:
    _check(example)


@pytest.mark.parametrize("example", _known_gaps())
def test_known_gap(example: dict) -> None:
    _check(example)


def _check(example: dict) -> None:
    found = numbers.find(example["sentence"])
    by_text = {q.text: (start, end, q) for start, end, q in found}
    for want in example["expect"]:
        assert want["text"] in by_text, f"{want['text']} not in {[q.text for _, _, q in found]}"
        start, end, q = by_text[want["text"]]
        assert example["sentence"][start:end] == q.text
        assert q.value == pytest.approx(float(want["value"]))
        assert q.unit == want.get("unit", "")
        assert q.qualifier == want.get("qualifier", "exact")
        assert q.kind == want.get("kind", "quantity")
        assert q.low == (None if "low" not in want else pytest.approx(float(want["low"])))
    for text in example.get("absent", []):
        assert not any(text in q.text for _, _, q in found if q.kind in COUNTED), [q.text for _, _, q in found]
    if example.get("only"):
        assert len(found) == len(example["expect"]), [q.text for _, _, q in found]


@pytest.mark.parametrize("example", CORPUS["negative"], ids=_ids(CORPUS["negative"]))
def test_negative(example: dict) -> None:
    counted = [q.text for _, _, q in numbers.find(example["sentence"]) if q.kind in COUNTED]
    if "absent" in example:
        for text in example["absent"]:
            assert not any(text in t or t in text for t in counted), counted
    else:
        assert counted == []


@pytest.mark.parametrize("example", CORPUS["parse"], ids=_ids([{"id": p.get("id"), "sentence": p["text"]} for p in CORPUS["parse"]]))
def test_parse_quantity(example: dict) -> None:
    q = numbers.parse_quantity(example["text"])
    if example.get("value") is None:
        assert q is None
        return
    assert q is not None
    assert q.value == pytest.approx(float(example["value"]))
    assert q.unit == example.get("unit", "")
    assert q.qualifier == example.get("qualifier", "exact")
    assert q.kind == example.get("kind", "quantity")
    assert q.low == (None if "low" not in example else pytest.approx(float(example["low"])))



@pytest.mark.parametrize(
    "text, value",
    [("二〇二〇", 2020), ("三千五百万", 35_000_000), ("十七", 17), ("一百零五", 105), ("一万五", 15_000),
     ("两千三", 2_300), ("3.6万", 36_000), ("1,300", 1_300), ("7.4万亿", 7.4e12), ("三点五亿", 3.5e8),
     ("一亿二千万", 1.2e8), ("十", 10), ("２０", 20), ("三五十", None), ("万", 10_000), ("亿万", None), ("abc", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    got = chinese_numerals.parse_number(text)
    assert got == (None if value is None else pytest.approx(value))


def test_offsets_in_order_and_disjoint() -> None:
    sentence = "截至2021年底，川渝共签署合作协议超过200份，投资约300亿元，增长8.5%，惠及13岁以下儿童1.2万余人。"
    found = numbers.find(sentence)
    for (s1, e1, _), (s2, _, _) in zip(found, found[1:]):
        assert e1 <= s2
    for s, e, q in found:
        assert sentence[s:e] == q.text


@pytest.mark.parametrize(
    "patch, ok",
    [({}, True), ({"units": ["个", "个"]}, False), ({"units": ["万人"]}, False),
     ({"qualifiers_before": {"约": "roughly"}}, False), ({"vague_numbers": {"上百": [100]}}, False)],
    ids=["good", "dupe_unit", "scale_unit", "bad_qualifier", "bad_vague"],
)
def test_lexicon_validation(patch: dict, ok: bool) -> None:
    data = {**numbers.load_lexicon(), **patch}
    if ok:
        numbers.validate_lexicon(data)
    else:
        with pytest.raises(ValueError):
            numbers.validate_lexicon(data)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789.,〇零一二两三四五六七八九十百千万亿余多超约近第年月日个元%成分之以上下左右-", max_size=20))
def test_find_never_raises_and_spans_are_consistent(text: str) -> None:
    last = 0
    for start, end, q in numbers.find(text):
        assert last <= start < end and text[start:end] == q.text
        assert q.qualifier in ("exact", "approx", "at_least", "at_most")
        last = end
    numbers.parse_quantity(text)


def test_every_kind_and_qualifier_has_an_example() -> None:
    kinds = {w.get("kind", "quantity") for e in CORPUS["examples"] for w in e["expect"]}
    qualifiers = {w.get("qualifier", "exact") for e in CORPUS["examples"] for w in e["expect"]}
    assert kinds >= {"quantity", "percent", "percent_point", "age", "fraction", "range"}
    assert qualifiers == {"exact", "approx", "at_least", "at_most"}


"""Shared machinery of the per-extractor corpus tests: load a corpus, build contexts, check rules and quotes."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from extractors.context import make_context
from extractors.records import Context
from extractors.values import TimeValue

CORPUS_DIR = Path(__file__).parent / "corpus"


def date_of(tv: TimeValue | None) -> str | None:
    return tv.date if tv is not None else None


def day(value: object) -> TimeValue:
    d = dt.date.fromisoformat(str(value))
    return TimeValue(d.isoformat(), d, d, "day", d.isoformat())


class CorpusCases:
    """tests/corpus/<name>.yaml for one extractor: examples, negatives and known gaps as pytest params."""

    def __init__(self, name: str, extract: Callable[..., list]) -> None:
        self.corpus = yaml.safe_load((CORPUS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
        self.extract_fn = extract

    def context(self, example: dict) -> Context:
        reference = dt.date.fromisoformat(str(example.get("reference", self.corpus["reference_date"])))
        anchor = day(example["anchor"]) if example.get("anchor") else None
        return make_context(example["sentence"], reference=reference, anchor=anchor,
                            previous=example.get("previous", ""))

    def extract(self, example: dict) -> list:
        return self.extract_fn(example["sentence"], context=self.context(example))

    @staticmethod
    def ids(items: list[dict]) -> list[str]:
        return [f"{i:02d}-{item['id']}" for i, item in enumerate(items)]

    def params(self, section: str) -> dict:
        """Keyword arguments for pytest.mark.parametrize("example", ...) over one corpus section."""
        items = self.corpus[section]
        if section == "xfail":
            values = [pytest.param(e, marks=pytest.mark.xfail(reason=e["reason"], strict=True)) for e in items]
        else:
            values = items
        return {"argvalues": values, "ids": self.ids(items)}

    def assert_every_rule_fires(self, rules) -> None:
        fired = {record["rule"] for example in self.corpus["examples"] for record in example["expect"]}
        assert {rule.name for rule in rules} <= fired

    def assert_short_quotes(self, example: dict, limit: int = 60) -> None:
        sentence = example["sentence"]
        for record in self.extract(example):
            span = record.span
            assert 0 <= span.start < span.end <= len(sentence)
            assert span.end - span.start <= limit


def assert_rule_names(rules, prefix: str) -> None:
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names))
    assert all(name.isascii() and name.startswith(prefix) for name in names)


def assert_slices_safe(extract: Callable[..., list], pieces: list[str]) -> None:
    """Odd input never raises and every span lies inside its sentence (given pieces and slices of the seeds)."""
    import random

    seeds = Path(__file__).parent.parent / "seeds"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    rng = random.Random(4)
    pieces = pieces + [text[a:a + rng.randrange(1, 120)] for a in (rng.randrange(len(text)) for _ in range(300))]
    for piece in pieces:
        for record in extract(piece, context=make_context(piece, reference=dt.date(2023, 2, 28))):
            assert 0 <= record.span.start < record.span.end <= len(piece)


def corpus_tests(cases: CorpusCases, rules, prefix: str, record: Callable[[object], dict]) -> dict:
    """The standard tests of one extractor's corpus, for a test module's namespace:
    one case per example, negative and known gap, plus rule coverage, rule names and quote length."""

    def found(example: dict) -> list[dict]:
        return [record(r) for r in cases.extract(example)]

    @pytest.mark.parametrize("example", **cases.params("examples"))
    def test_example(example: dict) -> None:
        assert found(example) == example["expect"]

    @pytest.mark.parametrize("example", **cases.params("negative"))
    def test_negative(example: dict) -> None:
        assert found(example) == [], example["reason"]

    @pytest.mark.parametrize("example", **cases.params("xfail"))
    def test_known_gap(example: dict) -> None:
        assert found(example) == example["expect"]

    def test_every_rule_fires_in_the_corpus() -> None:
        cases.assert_every_rule_fires(rules)

    def test_rule_names_are_stable_ascii() -> None:
        assert_rule_names(rules, prefix)

    @pytest.mark.parametrize("example", **cases.params("examples"))
    def test_quote_is_a_short_clause(example: dict) -> None:
        cases.assert_short_quotes(example)

    return {name: fn for name, fn in locals().items() if name.startswith("test_")}

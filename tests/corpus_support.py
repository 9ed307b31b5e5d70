"""The record-type corpora (tests/corpus/<type>.yaml): one schema, one way to build a case's context."""

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractors.context import make_context
from extractors.expressions import temporal
from extractors.records import Context
from extractors.values import TimeValue
from factline.corpus import parse_published

CORPUS_DIR = Path(__file__).parent / "corpus"

# The one schema of a record-type corpus. Top level: reference_date, optional published, and the
# sections examples, negative, xfail. A case: id and sentence, optional reference / published /
# anchor (ISO at its precision) / previous (the sentence before), expect (every record, in text
# order, each with its rule and the type's fields) and reason (why a known gap fails; why a negative yields nothing, where not obvious).
CASE_KEYS = {"id", "sentence", "reference", "published", "anchor", "previous", "expect", "reason"}
SECTION_KEYS = {"examples": {"id", "sentence", "expect"}, "negative": {"id", "sentence"},
                "xfail": {"id", "sentence", "expect", "reason"}}


def load_corpus(name: str) -> dict[str, Any]:
    """tests/corpus/<name>.yaml as loaded."""
    return yaml.safe_load((CORPUS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def date_of(tv: TimeValue | None) -> str | None:
    """The ISO date of a time value at its precision, or None."""
    return tv.date if tv is not None else None


def case_context(corpus: dict[str, Any], case: dict[str, Any]) -> Context:
    """The context of a corpus case, as the pipeline makes it: the sentence before moves the anchor."""
    reference = dt.date.fromisoformat(str(case.get("reference", corpus["reference_date"])))
    published = parse_published(case.get("published", corpus.get("published")))
    anchor = parse_published(case["anchor"]) if case.get("anchor") else None
    previous = case.get("previous", "")
    if previous:
        before = make_context(previous, reference=reference, published=published, anchor=anchor)
        anchor = temporal.advance_anchor(anchor, before.dates, reference)
    return make_context(case["sentence"], reference=reference, published=published, anchor=anchor, previous=previous)


def approx_floats(value: object) -> object:
    """``value`` with every float inside it compared approximately (万/亿 scaling is float arithmetic)."""
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-9)
    if isinstance(value, list):
        return [approx_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: approx_floats(v) for k, v in value.items()}
    return value


def case_params(corpora: dict[str, dict[str, Any]], section: str) -> list:
    """One pytest param per case of ``section`` over every corpus (``type/id``); xfails strict."""
    params = []
    for name, corpus in corpora.items():
        for case in corpus.get(section) or []:
            marks = [pytest.mark.xfail(strict=True, reason=case["reason"])] if section == "xfail" else []
            params.append(pytest.param(name, case, marks=marks, id=f"{name}/{case['id']}"))
    return params


def assert_slices_safe(extract: Callable[..., list], pieces: list[str]) -> None:
    """Odd input never raises and every span lies inside its sentence (given pieces and slices of the seeds)."""
    seeds = Path(__file__).parent.parent / "seeds"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    rng = random.Random(4)
    pieces = pieces + [text[a:a + rng.randrange(1, 120)] for a in (rng.randrange(len(text)) for _ in range(300))]
    for piece in pieces:
        for record in extract(piece, context=make_context(piece, reference=dt.date(2023, 2, 28))):
            assert 0 <= record.span.start < record.span.end <= len(piece)


ODD_PIECES = ["", "。", "《", "》签署", "第次会议", "（（（", "签署《》", "届次全会", "会议" * 200, "高速公路" * 100]

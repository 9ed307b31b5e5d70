"""extractors.policy against tests/corpus/policy.yaml: one case per example, negative and known gap."""


import pytest

from extractors.facts import policy
from tests.corpus_support import CorpusCases, assert_slices_safe, corpus_tests, date_of

CASES = CorpusCases("policy", policy.extract)
CORPUS = CASES.corpus
_date = date_of


def _record(r) -> dict:
    return {"rule": r.span.rule, "title": r.title, "action": r.action, "date": _date(r.time)}


# One case per example, negative and known gap; rule coverage, rule names, quote length.
globals().update(corpus_tests(CASES, policy.RULES, "policy.", _record))


@pytest.mark.parametrize(
    ("title", "expected"),
    [("成渝地区双城经济圈建设规划纲要", True), ("交通一体化发展三年行动方案（2020—2022年）", True),
     ("关于加快成渝世界级机场群建设的指导意见", True), ("当代党员", False),
     ("阔步征程看“双城”", False), ("成渝地区双城经济圈汽车产业协同发展战略合作协议", False)],
)
def test_is_policy_title(title: str, expected: bool) -> None:
    assert policy.is_policy_title(title) is expected


def test_any_text_slice_is_safe() -> None:
    """Odd input never raises and every span lies inside its sentence (slices of the seeds, fixed seed)."""
    assert_slices_safe(policy.extract, ["", "。", "《", "》签署", "第次会议", "（（（", "签署《》", "届次全会", "会议" * 200, "高速公路" * 100])

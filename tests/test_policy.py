"""extractors.facts.policy beyond its corpus (tests/test_facts_corpus.py): the helpers it is built from."""

import pytest

from extractors.facts import policy


@pytest.mark.parametrize(
    ("title", "expected"),
    [("成渝地区双城经济圈建设规划纲要", True), ("交通一体化发展三年行动方案（2020—2022年）", True),
     ("关于加快成渝世界级机场群建设的指导意见", True), ("当代党员", False),
     ("阔步征程看“双城”", False), ("成渝地区双城经济圈汽车产业协同发展战略合作协议", False)],
)
def test_is_policy_title(title: str, expected: bool) -> None:
    assert policy.is_policy_title(title) is expected

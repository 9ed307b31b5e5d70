"""extractors.project against tests/corpus/project.yaml: one case per example, negative and known gap."""


import pytest

from extractors.facts import project
from extractors.facts import project_rules
from tests.corpus_support import CorpusCases, assert_slices_safe, corpus_tests, date_of

CASES = CorpusCases("project", project.extract)
CORPUS = CASES.corpus
_date = date_of


def _record(r) -> dict:
    return {
        "rule": r.span.rule,
        "name": r.name,
        "category": r.category,
        "attributes": r.attributes,
        "milestones": [{"event": m.event, "date": _date(m.time), "planned": m.planned} for m in r.milestones],
    }


# One case per example, negative and known gap; rule coverage, rule names, quote length.
globals().update(corpus_tests(CASES, project.RULES, "project.", _record))


@pytest.mark.parametrize(
    ("written", "name"),
    [("成（都）资（阳）渝（重庆）高速公路", "成资渝高速公路"), ("“远程不见面开标大厅", "远程不见面开标大厅"),
     ("四川开江至重庆梁平高速(简称“开梁高速”)明月山隧道", "四川开江至重庆梁平高速明月山隧道"),
     ("遂渝高速扩容项目", "遂渝高速扩容"), ("遂潼快捷通道(一期)", "遂潼快捷通道(一期)")],
)
def test_clean_name(written: str, name: str) -> None:
    assert project_rules.clean_name(written) == name


@pytest.mark.parametrize(
    ("name", "category"),
    [("成渝中线高铁", "railway"), ("渠江航道整治工程", "port"), ("S202线邻水县至川渝界段", "highway"),
     ("铜梁500千伏变电站", "power"), ("数字重庆云平台", "other"), ("武汉天河国际机场第三跑道", "aviation")],
)
def test_category_of(name: str, category: str) -> None:
    assert project_rules.category_of(name) == category


def test_any_text_slice_is_safe() -> None:
    """Odd input never raises and every span lies inside its sentence (slices of the seeds, fixed seed)."""
    assert_slices_safe(project.extract, ["", "。", "《", "》签署", "第次会议", "（（（", "签署《》", "届次全会", "会议" * 200, "高速公路" * 100])

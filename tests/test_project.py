"""extractors.facts.project beyond its corpus (tests/test_facts_corpus.py): the helpers it is built from."""

import pytest

from extractors.facts import project_rules


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

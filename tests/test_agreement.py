"""extractors.facts.agreement beyond its corpus (tests/test_facts_corpus.py): the helpers it is built from."""

import pytest

from extractors.facts import agreement


@pytest.mark.parametrize(
    ("subject", "parties"),
    [
        ("大足与四川眉山", ["大足", "四川眉山"]),
        ("大足、荣昌和泸县", ["大足", "荣昌", "泸县"]),
        ("四川省相关部门和市州与重庆市对口部门及区县", ["四川省相关部门和市州", "重庆市对口部门及区县"]),
        ("市侨联与四川省侨联在成都", ["市侨联", "四川省侨联"]),
        ("余姚市还与拼多多", ["余姚市", "拼多多"]),
        ("西部12省(区、市)、海南省", ["西部12省(区、市)", "海南省"]),
        ("川渝两地科技部门", ["川渝两地科技部门"]),
        ("广州、深圳、珠海和香港、澳门五地科技部门", ["广州", "深圳", "珠海", "香港", "澳门"]),
        ("北京市经济和信息化局、天津市工业和信息化局", ["北京市经济和信息化局", "天津市工业和信息化局"]),
        ("山东省生态环境厅、财政厅和水利厅", ["山东省生态环境厅", "山东省财政厅", "山东省水利厅"]),
        ("京津冀协同发展", ["京津冀协同发展"]),
    ],
)
def test_split_parties(subject: str, parties: list[str]) -> None:
    assert agreement.split_parties(subject) == parties


@pytest.mark.parametrize(
    ("title", "expected"),
    [("合作共建西部陆海新通道框架协议", True), ("毗邻党建合作共建项目协议书", True),
     ("成渝地区双城经济圈建设规划纲要", False), ("交通一体化发展三年行动方案（2020—2022年）", False)],
)
def test_is_agreement_title(title: str, expected: bool) -> None:
    assert agreement.is_agreement_title(title) is expected

"""Units of the new ingest layers: script view and search key, encoding choice, mojibake guard, pages, dumps."""

from pathlib import Path

import pytest

from extractors.ingest import chinese_script as cs
from extractors.ingest import dumps
from extractors.ingest.decode import InputError, decode
from extractors.ingest.html import drop_chrome, read_page, strip_site

TRADITIONAL = (Path(__file__).parent / "ingest" / "hk_article_trad.txt").read_text(encoding="utf-8")
SIMPLIFIED = (Path(__file__).parent / "ingest" / "hk_article_simp.txt").read_text(encoding="utf-8")


def test_the_simplified_view_keeps_every_offset():
    view = cs.simplified_view(TRADITIONAL)
    assert view == SIMPLIFIED and len(view) == len(TRADITIONAL)
    assert view.index("《粤港创新科技合作协议》") == TRADITIONAL.index("《粵港創新科技合作協議》")


def test_simplified_text_is_its_own_view():
    assert cs.simplified_view(SIMPLIFIED) is SIMPLIFIED
    assert not cs.is_traditional("两地早在1993年就建立了合作关系，骞姓人士出席。") and cs.is_traditional(TRADITIONAL)


@pytest.mark.parametrize("text, view", [("隨著大橋合龍", "随着大桥合龙"), ("標誌著工程進入新階段", "标志着工程进入新阶段"),
                                        ("著名的顯著成果", "著名的显著成果"), ("土著文化", "土著文化")])
def test_the_particle_zhe_reads_as_simplified_text_writes_it(text, view):
    # extraction matches 随着 / 标志着; 著名, 显著, 土著 keep 著
    assert cs.simplified(text) == view and len(cs.simplified(text)) == len(text)


@pytest.mark.parametrize("text, key", [("粵港澳大灣區", "粤港澳大湾区"), ("乾坤 著名 成渝", "乾坤 著名 成渝")])
def test_the_search_key_simplifies_only_traditional_characters(text, key):
    assert cs.search_key(text) == key


def test_big5_is_decoded_as_big5_and_gb_as_gb():
    assert decode(TRADITIONAL.encode("big5")).encoding == "big5hkscs"
    assert decode(TRADITIONAL.encode("big5hkscs")).text == TRADITIONAL
    assert decode(SIMPLIFIED.encode("gb18030")).encoding == "gb18030"
    assert decode(TRADITIONAL.encode("utf-8")).encoding == "utf-8"


@pytest.mark.parametrize("mojibake, kind", [
    (TRADITIONAL.encode("big5").decode("gb18030"), "rare CJK"),  # Big5 read as GB18030, saved as UTF-8
    (SIMPLIFIED.encode("utf-8").decode("cp1252", errors="replace"), "latin-1"),  # UTF-8 read as cp1252
    ("成渝合作" + "\ue000\ue001\ue002\ue003" * 3, "private-use"),
    ("成渝合作" + "╔═╗║╚╝" * 2, "box-drawing"),
])
def test_mojibake_is_rejected_with_the_reason(mojibake, kind):
    with pytest.raises(InputError) as err:
        decode(mojibake.encode("utf-8"), path="m.txt")
    assert "mojibake" in err.value.reason and kind in err.value.reason


def test_a_few_odd_characters_are_not_mojibake():
    assert decode(("成渝地区双城经济圈建设。" * 20 + "骞犇╳").encode("utf-8")).encoding == "utf-8"


@pytest.mark.parametrize("title, site, expected", [
    ("成渝签署合作协议 - 新华网", None, "成渝签署合作协议"),
    ("成渝签署合作协议_中国新闻网", None, "成渝签署合作协议"),
    ("成渝签署合作协议 | 西南观察 - 西南观察网", "西南观察网", "成渝签署合作协议"),
    ("川渝—滇黔合作再提速", None, "川渝—滇黔合作再提速"),
])
def test_a_page_title_loses_the_site_name(title, site, expected):
    assert strip_site(title, site) == expected


def test_page_chrome_lines_are_dropped_and_prose_is_kept():
    text = "Copyright © 2024 示例网 版权所有\n两地签署了协议，相关阅读材料已印发。\n相关阅读\n分享到："
    assert drop_chrome(text) == "两地签署了协议，相关阅读材料已印发。"


def test_a_page_without_meta_tags_is_dated_by_its_date_line_and_sourced_by_its_source_line():
    page = read_page("<html><body><div class='nav'><a href='/'>首页</a></div><article><h1>两地签约</h1>"
                     "<div>2024年06月03日 10:00 来源：示例日报</div>"
                     "<p>6月2日，四川省与重庆市在成都签署了《川渝数字经济合作协议》，约定共建数据中心集群。</p>"
                     "<p>双方还商定，年内召开第二次联席会议，推动协议落地见效，加快项目建设。</p></article></body></html>")
    assert (page.published, page.source) == ("2024-06-03", "示例日报")
    assert "《川渝数字经济合作协议》" in page.text and "首页" not in page.text


def test_gold_lines_are_not_a_dump():
    assert dumps.is_gold('{"doc": "a.txt", "type": "agreement", "title": "x"}\n')
    assert not dumps.is_gold('{"id": 1, "text": "两地签约。"}\n')


def test_dump_rows_carry_line_numbers_and_ids():
    rows = dumps.split_dump('{"id": 7, "text": "甲"}\n\n{"text": "乙"}\nnot json\n', ".jsonl")
    assert [(r.line, r.id, r.error is None) for r in rows] == [(1, "7", True), (3, None, True), (4, None, False)]
    with pytest.raises(ValueError, match="no text"):
        dumps.article_fields(b'{"title": "x"}')


def test_a_repeated_id_in_a_dump_is_rejected_naming_the_first_line():
    rows = dumps.split_dump('{"id": "a", "text": "甲"}\n{"id": "a", "text": "乙"}\n', ".jsonl")
    assert rows[0].error is None and rows[1].error == "duplicate id 'a' (first on line 1)"


def test_pinyin_beside_characters_is_not_mojibake() -> None:
    """Some pages print pinyin after characters (區(qū)); accented letters alone are real text, while UTF-8
    read as Latin-1 (a lead letter followed by continuation characters) is still caught."""
    from extractors.ingest.chinese_script import plausibility

    page = "上海市徐匯區(qū)政府與五礦發(fā)展集團(tuán)簽署了戰(zhàn)略合作框架協(xié)議，雙方將在城市更新領(lǐng)域合作。"
    assert plausibility(page).bad == 0
    garbled = "重庆西部科学城建设提速".encode("utf-8").decode("latin-1")
    assert plausibility(garbled).bad >= 20

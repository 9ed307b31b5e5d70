"""An article's text is data, never markup: pages escape it, quotes included; source links come from the manifest."""

import asyncio
import sqlite3

import pytest

from factline.build import build
from factline.publish import make_datasette

ARTICLE = (
    "2022年5月6日，重庆市与四川省在成都签署《川渝<script>alert(1)</script>合作协议》。\n"
    "截至2022年底，川渝通办事项<img src=x onerror=alert(2)>达到311项，累计办件量超过1300万件次。\n"
)
MANIFEST = "file,title,source,url,published\na.txt,标题<b>加粗</b>,测试报,https://example.org/a?x=1&y=2,2022-06-01\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    db = root / "m.db"
    assert build([corpus], db).rejected == 0
    conn = sqlite3.connect(db)
    facts = conn.execute("SELECT DISTINCT record_type, record_id FROM mentions").fetchall()
    conn.close()
    ds = make_datasette(db)
    return facts, lambda path: asyncio.run(ds.client.get(path)).text


def test_fact_pages_escape_the_article_and_link_it(site):
    facts, get = site
    assert facts
    for record_type, record_id in facts:
        text = get(f"/fact/{record_type}/{record_id}")
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>加粗" not in text
        assert "&lt;b&gt;加粗" in text
        assert 'href="https://example.org/a?x=1&amp;y=2"' in text
    pages = [get(f"/fact/{t}/{i}") for t, i in facts]
    assert any("&lt;script&gt;" in p or "&lt;img" in p for p in pages)


def test_document_page_escapes_the_article(site):
    _, get = site
    text = get("/document/1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text
    assert "<mark>" in text

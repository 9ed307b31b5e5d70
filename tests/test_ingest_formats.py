"""The articles journalists really have: saved web pages, Big5 Traditional Chinese, JSON Lines and CSV dumps."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factline.cli import cli

FIXTURES = Path(__file__).parent / "ingest"
DUMP = [
    {"id": "a1", "title": "渝黔签署交通合作协议", "published": "2024-03-02", "url": "https://example.org/a1",
     "source": "示例日报", "text": "3月1日，重庆市与贵州省在贵阳签署了《渝黔交通合作协议》。截至目前，两地已开通省际客运班线42条。"},
    {"title": "川南经济区规划印发", "published": "2024年3月5日", "url": "https://example.org/a2",
     "text": "3月4日，四川省印发《川南经济区发展规划》。"},
    {"id": "a3", "title": "只有标题", "published": "2024-03-06", "url": "https://example.org/a3"},
]
MANIFEST = "file,title,source,url,published\nhk_article_big5.txt,,香港示例報,,2023/04/03\ngone.txt,不存在,,,2024-01-01\n"


def _rows(conn: sqlite3.Connection, sql: str, *args) -> list[tuple]:
    return conn.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("news_page.html", "hk_article_big5.txt"):
        shutil.copy(FIXTURES / name, corpus / name)
    shutil.copy(FIXTURES / "hk_article_simp.txt", corpus / "twin_simp.txt")
    (corpus / "dump.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in DUMP) + "\n",
                                       encoding="utf-8")
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    db = root / "formats.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    conn = sqlite3.connect(db)
    yield result, conn, corpus, db
    conn.close()


def _doc(conn: sqlite3.Connection, path: str) -> dict:
    cur = conn.execute("SELECT * FROM documents WHERE path = ?", (path,))
    return dict(zip([c[0] for c in cur.description], cur.fetchone()))


def _facts(conn: sqlite3.Connection, path: str) -> set[tuple[str, str]]:
    return set(_rows(conn, "SELECT m.record_type, m.rule FROM mentions m JOIN documents d ON d.id = m.document_id "
                           "WHERE d.path = ?", path))


def test_a_bad_dump_line_is_named_and_the_build_exits_1(built):
    result, *_ = built
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "dump.jsonl:3: no text" in errors[0]
    assert "5 new, 0 updated, 0 skipped, 1 rejected" in result.stdout


def test_the_other_dump_articles_are_stored_with_url_and_date(built):
    _, conn, *_ = built
    rows = _rows(conn, "SELECT path, title, url, published, published_precision, source FROM documents "
                       "WHERE path LIKE 'dump.jsonl#%' ORDER BY path")
    assert rows == [
        ("dump.jsonl#2", "川南经济区规划印发", "https://example.org/a2", "2024-03-05", "day", None),
        ("dump.jsonl#a1", "渝黔签署交通合作协议", "https://example.org/a1", "2024-03-02", "day", "示例日报"),
    ]
    assert _rows(conn, "SELECT title, date FROM agreements WHERE title = '渝黔交通合作协议'") == [
        ("渝黔交通合作协议", "2024-03-01")]


def test_a_manifest_row_for_a_missing_file_is_warned(built):
    result, *_ = built
    assert any("manifest.csv:3: no such file" in line and "gone.txt" in line
               for line in result.stderr.splitlines() if line.startswith("warning:"))


def test_a_web_page_keeps_its_article_and_drops_the_page_chrome(built):
    _, conn, *_ = built
    doc = _doc(conn, "news_page.html")
    assert (doc["title"], doc["source"], doc["url"]) == (
        "川滇两省签署水运合作协议", "西南观察网", "https://news.example.org/2024/05/20/shuiyun.html")
    assert (doc["published"], doc["published_precision"], doc["published_inferred"]) == ("2024-05-20", "day", 0)
    assert doc["text"].startswith("5月18日，四川省与云南省在昆明签署《川滇金沙江水运合作协议》")
    for chrome in ("首页", "滚动快讯", "相关阅读", "长江上游航运中心", "版权所有", "Copyright", "关于我们",
                   "许可证", "责任编辑", "来源"):
        assert chrome not in doc["text"], chrome


def test_a_web_page_yields_its_facts_with_dates(built):
    _, conn, *_ = built
    assert {kind for kind, _ in _facts(conn, "news_page.html")} == {
        "agreement", "meeting", "policy", "statistic", "project", "milestone"}
    assert _rows(conn, "SELECT date FROM agreements WHERE title = '川滇金沙江水运合作协议'") == [("2024-05-18",)]
    assert _rows(conn, "SELECT session, date FROM meetings WHERE name LIKE '川滇%'") == [(3, "2024-05-18")]
    assert _rows(conn, "SELECT action, date FROM policies WHERE title = '金沙江航运发展规划'") == [("印发", "2024-03")]
    assert _rows(conn, "SELECT value, unit FROM statistics WHERE subject LIKE '金沙江%'") == [(12000000.0, "吨")]
    assert ("开工", "2023-12", 0) in _rows(
        conn, "SELECT m.event, m.date, m.planned FROM milestones m JOIN projects p ON p.id = m.project_id "
              "WHERE p.name = '水富港扩建工程'")


def test_a_big5_article_is_stored_verbatim_with_its_encoding(built):
    _, conn, *_ = built
    doc = _doc(conn, "hk_article_big5.txt")
    original = (FIXTURES / "hk_article_trad.txt").read_text(encoding="utf-8")
    assert doc["encoding"] == "big5hkscs" and doc["source"] == "香港示例報"
    assert doc["text"].split("\n") == [line for line in original.splitlines() if line.strip()]
    assert json.loads(doc["meta"])["script"] == "traditional"


def test_a_big5_article_yields_the_facts_of_its_simplified_twin(built):
    _, conn, *_ = built
    assert _facts(conn, "hk_article_big5.txt") == _facts(conn, "twin_simp.txt")
    assert {kind for kind, _ in _facts(conn, "hk_article_big5.txt")} >= {"agreement", "meeting", "statistic"}
    # one record each, reported by both documents, dated the same
    assert _rows(conn, "SELECT title, date, sources FROM agreements WHERE title LIKE '粵港%' OR title LIKE '粤港%'") == [
        ("粵港創新科技合作協議", "2023-04-03", 2)]
    assert _rows(conn, "SELECT session, date, sources FROM meetings WHERE name LIKE '粵港%' OR name LIKE '粤港%'") == [
        (22, "2023-04-03", 2)]
    assert _rows(conn, "SELECT value, unit, sources FROM statistics WHERE unit = '家'") == [(36.0, "家", 2)]


def test_traditional_names_are_stored_as_written_and_found_by_simplified_search(built):
    _, conn, *_ = built
    quotes = _rows(conn, "SELECT m.quote FROM mentions m JOIN documents d ON d.id = m.document_id "
                         "WHERE d.path = 'hk_article_big5.txt' AND m.record_type = 'agreement'")
    assert quotes == [("廣東省與香港特區政府在廣州簽署了《粵港創新科技合作協議》",)]
    found = _rows(conn, "SELECT d.path FROM search_sentences s JOIN sentences t ON t.id = s.rowid "
                        "JOIN documents d ON d.id = t.document_id WHERE search_sentences MATCH '粤港' ORDER BY d.path")
    assert ("hk_article_big5.txt",) in found and ("twin_simp.txt",) in found


def test_every_quote_is_the_text_at_its_offsets(built):
    *_, db = built
    result = CliRunner().invoke(cli, ["check", "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_a_rebuild_is_incremental_per_article(built):
    _, conn, corpus, db = built
    changed = [*DUMP[:2], {**DUMP[2], "text": "3月6日，四川省与重庆市签署了《川渝水运合作协议》。"}]
    changed[1] = {**changed[1], "text": changed[1]["text"] + "截至目前，川南四市已建成港口12个。"}
    (corpus / "dump.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in changed) + "\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 new, 1 updated, 4 skipped, 0 rejected" in result.stdout
    assert _rows(conn, "SELECT published FROM documents WHERE path = 'dump.jsonl#a3'") == [("2024-03-06",)]


def test_a_csv_dump_loads_each_row(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "archive.csv").write_text(
        "id,title,published,url,text\n"
        "x1,黔桂签约,2024/04/02,https://example.org/x1,4月1日，贵州省与广西壮族自治区签署了《黔桂旅游合作协议》。\n"
        "x2,无正文,2024-04-03,https://example.org/x2,\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    assert any("archive.csv:3: no text" in line for line in result.stderr.splitlines())
    conn = sqlite3.connect(db)
    assert _rows(conn, "SELECT path, published, url FROM documents") == [
        ("archive.csv#x1", "2024-04-02", "https://example.org/x1")]
    assert _rows(conn, "SELECT title, date FROM agreements") == [("黔桂旅游合作协议", "2024-04-01")]


@pytest.mark.parametrize("value, expected", [
    ("2024/04/02", ("2024-04-02", "day")),
    ("2024.4.2", ("2024-04-02", "day")),
    ("2024年4月2日", ("2024-04-02", "day")),
    ("2024年4月", ("2024-04", "month")),
    ("2024-04-02T09:30:00+08:00", ("2024-04-02", "day")),
])
def test_manifest_dates_in_other_formats_keep_their_precision(tmp_path, value, expected):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("两地签署了《川渝文旅合作协议》。", encoding="utf-8")
    (corpus / "manifest.csv").write_text(f"file,published\na.txt,{value}\n", encoding="utf-8")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    assert _rows(conn, "SELECT published, published_precision, published_inferred FROM documents") == [
        (*expected, 0)]


def test_a_manifest_date_that_is_no_date_is_named_and_not_stored(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2024年4月2日，两地签署了《川渝文旅合作协议》。", encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,published\na.txt,2024-13-45\n", encoding="utf-8")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert any("manifest.csv:2: published '2024-13-45' is not a date" in line for line in result.stderr.splitlines())
    conn = sqlite3.connect(db)
    assert _rows(conn, "SELECT published, published_inferred FROM documents") == [("2024-04-02", 1)]


def test_a_web_pages_posted_line_dates_it_and_is_not_prose(tmp_path):
    """发布时间:… is page chrome: out of the text, but the page's date when nothing else gives one."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "当前位置:首页 > 政协会议 > 其他会议\n县政协召开专题协商会议\n发布时间:2024-03-06 10:21:05\n"
        "3月5日，县政协召开专题协商会议，听取有关工作汇报。\n", encoding="utf-8")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    assert _rows(conn, "SELECT published, published_inferred FROM documents") == [("2024-03-06", 1)]
    assert "当前位置" not in conn.execute("SELECT text FROM documents").fetchone()[0]
    assert _rows(conn, "SELECT name, date FROM meetings") == [("专题协商会议", "2024-03-05")]  # one meeting, dated

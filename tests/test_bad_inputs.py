"""Bad input never loses data: each bad file is refused with one line `path: reason`, good ones are stored."""

import sqlite3

import pytest
from click.testing import CliRunner

from factline.cli import cli

GOOD = "2023年1月11日，重庆市与四川省在成都签署了《川渝科技创新合作协议》。截至目前，川渝通办事项已达311项。"


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "utf8.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("311", "312").encode("utf-8"))
    (corpus / "utf16.txt").write_bytes(GOOD.replace("311", "313").encode("utf-16"))  # with BOM
    (corpus / "gbk.txt").write_bytes(GOOD.replace("311", "314").encode("gbk"))
    (corpus / "gb18030.md").write_bytes(("---\ntitle: 测试\npublished: 2023-01-20\n---\n" + GOOD).encode("gb18030"))
    few_bad = (GOOD * 20).encode("utf-8")
    (corpus / "few_bad_bytes.txt").write_bytes(few_bad[:300] + b"\xff" + few_bad[300:])
    (corpus / "many_bad_bytes.txt").write_bytes(GOOD.encode("utf-8") + b"\xff\xfe\xfa\xfb" * 40)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b" \n\n\t\n")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "renamed.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    (corpus / "dangling.txt").symlink_to(root / "nowhere.txt")
    db = root / "bad.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    return result, db


EXPECTED_STORED = {"utf8.txt": "utf-8", "utf8_bom.txt": "utf-8-sig", "utf16.txt": "utf-16", "gbk.txt": "gb18030",
                   "gb18030.md": "gb18030", "few_bad_bytes.txt": "utf-8"}
EXPECTED_REJECTED = ("many_bad_bytes.txt", "empty.txt", "blank.txt", "binary.txt", "renamed.txt", "dangling.txt")


def test_exit_code_is_1_and_the_summary_counts_every_file(outcome):
    result, _ = outcome
    assert result.exit_code == 1
    assert f"{len(EXPECTED_STORED)} new, 0 updated, 0 skipped, {len(EXPECTED_REJECTED)} rejected" in result.stdout


def test_every_good_file_is_stored_with_its_encoding(outcome):
    _, db = outcome
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT path, encoding FROM documents"))
    assert stored == EXPECTED_STORED
    texts = [t for (t,) in conn.execute("SELECT text FROM documents WHERE path != 'few_bad_bytes.txt'")]
    assert all("川渝通办事项" in t and "\ufffd" not in t for t in texts)
    published = dict(conn.execute("SELECT path, published FROM documents"))
    assert published["gb18030.md"] == "2023-01-20"  # front matter
    assert published["utf8.txt"] == "2023-01-11"  # inferred from the latest full date
    values = {v for (v,) in conn.execute("SELECT value FROM statistics WHERE unit = '项'")}
    assert values == {311, 312, 313, 314}


@pytest.mark.parametrize("name", EXPECTED_REJECTED)
def test_each_bad_file_gets_exactly_one_error_line_naming_it(outcome, name):
    result, _ = outcome
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:") and name in line]
    assert len(lines) == 1
    path, _, reason = lines[0].removeprefix("error: ").partition(": ")
    assert path.endswith(name) and reason.strip()


def test_a_few_bad_bytes_are_replaced_with_a_warning(outcome):
    result, db = outcome
    assert any("few_bad_bytes.txt" in line for line in result.stderr.splitlines() if line.startswith("warning:"))
    conn = sqlite3.connect(db)
    text = conn.execute("SELECT text FROM documents WHERE path = 'few_bad_bytes.txt'").fetchone()[0]
    assert "\ufffd" in text


def test_rebuilding_keeps_everything_good(outcome):
    _, db = outcome
    conn = sqlite3.connect(db)
    before = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    conn.close()
    result = CliRunner().invoke(cli, ["build", str(db.parent / "corpus"), "--db", str(db)])
    assert result.exit_code == 1
    assert f"0 new, 0 updated, {len(EXPECTED_STORED)} skipped" in result.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == before


def test_long_line_and_invalid_dates_are_processed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    line = ("2月30日，13月5日，2023年2月29日都不是日期，" + "川渝两地合作不断深化" * 10) * 4000  # ~ 600 K chars, no newline
    (corpus / "long.txt").write_text(line, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout


def test_a_document_with_no_date_anywhere_loads_with_a_warning(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "undated.txt").write_text("去年11月，两地签署了《川渝文旅合作协议》。当天还召开了座谈会。", encoding="utf-8")
    db = tmp_path / "u.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert any("undated.txt" in line and "no publication date" in line for line in result.stderr.splitlines())
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT published, published_inferred FROM documents").fetchone() == (None, 0)
    # relative dates cannot be resolved without a reference: nothing is dated by guesswork
    assert conn.execute("SELECT COUNT(*) FROM timeline").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM agreements").fetchone()[0] == 1

"""One fact, many sources: the same fact from several documents is one record with a mention per source."""

import json
import sqlite3

import pytest

from factline.build import build


def test_first_party_and_government_joint_meeting_is_one_record_with_two_sources(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute(
        "SELECT id, date, sources FROM meetings WHERE name = '重庆四川党政联席会议' AND session = 1"
    ).fetchall()
    assert len(rows) == 1
    meeting_id, date, sources = rows[0]
    assert date == "2020-03-17" and sources == 2
    docs = {p for (p,) in conn.execute(
        "SELECT DISTINCT d.path FROM mentions m JOIN documents d ON d.id = m.document_id "
        "WHERE m.record_type = 'meeting' AND m.record_id = ?", (meeting_id,))}
    assert {p[:3] for p in docs} == {"002", "003"}


def test_the_311_sichuan_chongqing_services_are_one_statistic(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute("SELECT id FROM statistics WHERE value = 311 AND unit = '项'").fetchall()
    assert len(rows) == 1
    mentions = conn.execute("SELECT COUNT(*) FROM mentions WHERE record_type = 'statistic' AND record_id = ?",
                            rows[0]).fetchone()[0]
    assert mentions >= 2


def test_the_311_services_keep_the_explicit_year_end_over_a_since_phrase(seeds_db):
    # 截至2022年底，…已达311项 and 2020年以来…共311项 (read as the publication month): the explicit date wins
    conn = sqlite3.connect(seeds_db)
    row = conn.execute("SELECT as_of, as_of_precision FROM statistics WHERE value = 311 AND unit = '项'").fetchone()
    assert row == ("2022-12", "month")


def test_first_and_last_reporting_dates_follow_the_sources(seeds_db):
    conn = sqlite3.connect(seeds_db)
    first, last = conn.execute(
        "SELECT first_reported, last_reported FROM meetings WHERE name = '重庆四川党政联席会议' AND session = 1"
    ).fetchone()
    assert (first, last) == ("2020-06", "2023-02")


def _write(corpus, name, published, text):
    corpus.mkdir(exist_ok=True)
    manifest = corpus / "manifest.csv"
    if not manifest.exists():
        manifest.write_text("file,title,source,url,published\n", encoding="utf-8")
    with manifest.open("a", encoding="utf-8") as fh:
        fh.write(f"{name},,test,,{published}\n")
    (corpus / name).write_text(text, encoding="utf-8")


def test_same_agreement_from_two_articles_is_one_record_and_targets_stay_apart(tmp_path):
    corpus = tmp_path / "c"
    _write(corpus, "a.txt", "2023-03-02",
           "3月1日，四川省科技厅与重庆市科技局在成都签署《川渝科技创新合作协议》。到2025年，两地共建实验室力争达到50个。")
    _write(corpus, "b.txt", "2023-03-05",
           "本月1日，重庆市科技局与四川省科技厅签署了《川渝科技创新合作协议》。截至2022年底，两地共建实验室达到30个。")
    db = tmp_path / "c.db"
    build([corpus], db)
    conn = sqlite3.connect(db)
    agreements = conn.execute("SELECT title, date, sources FROM agreements").fetchall()
    assert agreements == [("川渝科技创新合作协议", "2023-03-01", 2)]
    labs = conn.execute("SELECT value, is_target, series FROM statistics WHERE unit = '个' ORDER BY value").fetchall()
    assert [(v, t) for v, t, _ in labs] == [(30, 0), (50, 1)]
    assert labs[0][2] != labs[1][2]  # targets are kept apart from achieved values


def test_conflicts_view_reports_contradicting_figures(tmp_path):
    corpus = tmp_path / "c"
    _write(corpus, "a.txt", "2023-01-10", "截至2022年底，川渝两地共建川渝合作示范区项目累计达到120个。")
    _write(corpus, "b.txt", "2023-01-20", "截至2022年底，川渝两地共建川渝合作示范区项目累计达到125个。")
    db = tmp_path / "c.db"
    build([corpus], db)
    conn = sqlite3.connect(db)
    reasons = [r for (r,) in conn.execute("SELECT reason FROM conflicts WHERE record_type = 'statistic'")]
    assert any("120" in r and "125" in r for r in reasons), reasons


def test_a_meeting_named_twice_in_one_document_takes_its_most_specific_date():
    """A year-labelled mention is the body's dated meeting, not one more meeting."""
    import datetime as dt

    from extractors.context import make_context
    from extractors.facts import meeting
    from factline.consolidate import date_unnumbered_meetings
    from factline.documents import Extracted

    ref = dt.date(2023, 4, 27)
    sentences = ["在2023年全市民营企业家座谈会上，企业家代表作了交流发言。",
                 "4月26日下午，全市民营企业家座谈会在市行政中心召开。"]
    items = [Extracted("meeting", r, 0, 1, r.span.rule, 0)
             for s in sentences for r in meeting.extract(s, context=make_context(s, reference=ref))]
    assert len(items) == 2 and {item.record.time.precision for item in items} == {"year", "day"}
    date_unnumbered_meetings(items)
    assert {item.record.time.date for item in items} == {"2023-04-26"}


@pytest.mark.parametrize("written, abbreviated", [
    ("郑州至重庆高铁", "郑渝高铁"),
    ("西安至成都高速铁路", "西成高铁"),
    ("开江至梁平高速公路", "开梁高速"),
    ("北京至上海高速铁路", "京沪高铁"),
])
def test_a_line_written_from_place_to_place_is_its_abbreviation(written, abbreviated):
    from factline.consolidate import project_name_key

    assert project_name_key(written) == project_name_key(abbreviated)


def test_different_lines_keep_different_keys():
    from factline.consolidate import project_name_key

    assert project_name_key("成渝中线高铁") != project_name_key("成渝高铁")
    assert project_name_key("泸州至永川高速公路") != project_name_key("泸渝高速")


def test_the_seeds_zhengyu_line_is_one_project_with_its_alias(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute("SELECT name, attributes FROM projects WHERE name IN ('郑渝高铁', '郑州至重庆高铁')").fetchall()
    assert len(rows) == 1
    name, attributes = rows[0]
    assert {name, *json.loads(attributes)["aliases"]} == {"郑渝高铁", "郑州至重庆高铁"}

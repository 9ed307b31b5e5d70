"""The fact and entity pages, fact links and exports, checked in process through Datasette's client."""

import asyncio
import csv
import io
import re
import sqlite3
import urllib.parse

import pytest
from click.testing import CliRunner

from factline import display
from factline.cli import cli
from factline.publish import make_datasette

RAW_NINE_DIGITS = re.compile(r"\d{9,}")


@pytest.fixture(scope="module")
def get(seeds_db):
    ds = make_datasette(seeds_db)

    def fetch(path: str, **params):
        url = path + ("?" + urllib.parse.urlencode(params) if params else "")
        return asyncio.run(ds.client.get(url))

    return fetch


@pytest.fixture(scope="module")
def db(seeds_db):
    conn = sqlite3.connect(seeds_db)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def test_fact_page_marks_the_quote_in_its_paragraph_with_the_document(get, db):
    m = db.execute("SELECT m.record_id, m.quote, d.title FROM mentions m JOIN documents d ON d.id = m.document_id"
                   " WHERE m.record_type = 'statistic' AND m.quote LIKE '%川渝通办%' ORDER BY m.id LIMIT 1").fetchone()
    page = get(f"/fact/statistic/{m['record_id']}")
    assert page.status_code == 200
    assert f"<mark>{m['quote']}</mark>" in page.text
    assert m["title"] in page.text
    assert re.search(r"实测准确率 precision \d+\.\d%", page.text)  # the rule's measured precision


def test_fact_page_says_the_date_in_words_at_its_precision(get, db):
    for precision, pattern in (("day", r"\d{4}年\d{1,2}月\d{1,2}日"), ("month", r"\d{4}年\d{1,2}月"),
                               ("year", r"\d{4}年")):
        row = db.execute("SELECT id, date FROM meetings WHERE date_precision = ? LIMIT 1", (precision,)).fetchone()
        if row is None:
            continue
        text = get(f"/fact/meeting/{row['id']}").text
        assert re.search(r'<span class="fl-date">' + pattern + "</span>", text), (precision, row["date"])


@pytest.mark.parametrize("date, precision, words", [
    ("2022-12", "month", "2022年12月"), ("2022-H1", "half", "2022年上半年"), ("2022-Q3", "quarter", "2022年三季度"),
    ("2022-05-06", "day", "2022年5月6日"), ("2022", "year", "2022年"),
])
def test_dates_in_words(date, precision, words):
    assert display.display_date(date, precision) == words


@pytest.mark.parametrize("date, precision, written, words", [
    ("2022-12", "month", "截至2022年底", "2022年底"), ("2021-12", "month", "去年末", "2021年底"),
    ("2021-07", "month", "截至2021年7月底", "2021年7月底"), ("2024-05", "month", "上月底", "2024年5月底"),
    ("2022-12", "month", "2022年12月", "2022年12月"), ("2022-12", "month", None, "2022年12月"),
    ("2022-12-31", "day", "2022年底", "2022年12月31日"),
])
def test_year_and_month_ends_read_as_written(date, precision, written, words):
    assert display.display_date(date, precision, written) == words


def test_the_311_services_read_as_of_the_end_of_2022(get, seeds_db):
    """截至2022年底 is stored at month precision with its words, and the fact page and Datasette read 2022年底."""
    conn = sqlite3.connect(seeds_db)
    row = conn.execute("SELECT id, as_of, as_of_text FROM statistics WHERE value = 311 AND unit = '项'").fetchone()
    assert row[1:] == ("2022-12", "截至2022年底")
    assert '<span class="fl-date">2022年底</span>' in get(f"/fact/statistic/{row[0]}").text
    db_name = seeds_db.stem
    words = get(f"/{db_name}.json", sql="select date_words(as_of, as_of_precision, as_of_text) AS w "
                                        f"from statistics where id = {row[0]}", _shape="array").json()
    assert words == [{"w": "2022年底"}]


def test_unknown_fact_is_404(get):
    assert get("/fact/meeting/999999").status_code == 404
    assert get("/fact/bogus/1").status_code == 404


def test_project_page_lists_milestones_with_fact_links(get, db):
    row = db.execute("SELECT project_id, COUNT(*) n FROM milestones GROUP BY project_id ORDER BY n DESC").fetchone()
    ids = [r[0] for r in db.execute("SELECT id FROM milestones WHERE project_id = ?", (row["project_id"],))]
    text = get(f"/project/{row['project_id']}").text
    name = db.execute("SELECT name FROM projects WHERE id = ?", (row["project_id"],)).fetchone()[0]
    assert f"<h1>{name}</h1>" in text
    assert all(f'href="/fact/milestone/{i}"' in text for i in ids)


def test_meeting_series_page_shows_every_session_from_the_first(get, db):
    series = "重庆四川党政联席会议"
    first = db.execute("SELECT date, date_precision FROM meetings WHERE name = ? ORDER BY date_start LIMIT 1",
                       (series,)).fetchone()
    count = db.execute("SELECT COUNT(*) FROM meetings WHERE name = ?", (series,)).fetchone()[0]
    text = get("/meeting-series/" + urllib.parse.quote(series)).text
    assert text.count('class="fl-session"') == count
    assert display.display_date(first["date"], first["date_precision"]) in text


def test_party_page_gathers_the_province_under_every_form(get, db):
    pages = [get("/party/" + urllib.parse.quote(name)).text for name in ("四川", "四川省", "川")]
    assert pages[0] == pages[1] == pages[2]
    signed = [a["id"] for a in db.execute("SELECT id, parties FROM agreements")
              if any(p.startswith("四川") for p in __import__("json").loads(a["parties"]))]
    assert signed and all(f'href="/fact/agreement/{i}"' in pages[0] for i in signed)


def test_canned_query_rows_link_to_fact_pages(get):
    text = get("/facts/timeline_range", **{"from": "2020", "to": "2020", "kind": "meeting", "q": ""}).text
    assert re.search(r'<a href="/fact/meeting/\d+">', text)
    rows = get("/facts/statistic_series.json", subject="", _shape="array").json()
    assert all(r["fact"] == f"/fact/statistic/{r['id']}" for r in rows)
    dated = [r for r in rows if r["as_of"]]
    assert dated and all(r["as_of_start"] and r["as_of_start"] <= r["as_of_end"] for r in dated)


def test_summaries_write_amounts_in_wan_and_yi(db):
    summaries = [r[0] for r in db.execute("SELECT summary FROM timeline")]
    assert not [s for s in summaries if RAW_NINE_DIGITS.search(s)]
    stats = db.execute("SELECT id, subject, value, unit, qualifier, is_target FROM statistics"
                       " WHERE as_of_start IS NOT NULL").fetchall()
    for s in stats:  # the view and factline.display read a figure the same way
        summary = db.execute("SELECT summary FROM timeline WHERE record_type = 'statistic' AND record_id = ?",
                             (s["id"],)).fetchone()[0]
        assert summary.endswith("：" + display.display_amount(s["value"], s["unit"], s["qualifier"])), summary


def test_quality_is_filled_by_the_build_and_shown_as_percentages(get, db):
    assert db.execute("SELECT COUNT(*) FROM quality WHERE rule = '*' AND gold > 0").fetchone()[0] == 5
    assert re.search(r"<td[^>]*>\d{1,3}\.\d%</td>", get("/facts/quality").text)


def test_datasette_csv_starts_with_a_bom(get):
    body = get("/facts/timeline_range.csv", **{"from": "", "to": "", "kind": "", "q": ""}).content
    assert body.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert {"title", "source", "url", "fact"} <= set(header)


def test_canned_query_explains_a_bad_filter(get):
    rows = get("/facts/timeline_range.json", _shape="array", **{"from": "2020年", "to": "", "kind": "会议",
                                                                 "q": ""}).json()
    assert len(rows) == 1 and "meeting" in rows[0]["summary"] and "YYYY-MM" in rows[0]["summary"]


def test_index_links_the_picture_the_view_and_every_canned_query(get):
    text = get("/").text
    assert 'href="/timeline"' in text and 'href="/facts/timeline"' in text
    for name in ("timeline_range", "meeting_series", "agreements_by_party", "project_milestones",
                 "statistic_series", "search", "search_facts", "sources"):
        assert f'href="/facts/{name}"' in text
    assert get("/facts/timeline").text.count('class="facet-info') >= 1  # the view with its facets


def test_export_csv_has_a_bom_and_the_source(seeds_db, tmp_path):
    out = tmp_path / "t.csv"
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(seeds_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(r["title"] and r["source"] for r in rows)
    assert not [r for r in rows if RAW_NINE_DIGITS.search(r["summary"])]


@pytest.mark.parametrize("args, valid", [
    (["--from", "2020年"], "YYYY-MM"), (["--kind", "会议"], "meeting"), (["--kind", "bogus"], "statistic"),
    (["--to", "2022-13"], "YYYY-MM-DD"),
])
def test_export_refuses_bad_filters(seeds_db, args, valid):
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(seeds_db)] + args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and valid in lines[0]

"""Publishing: factline serve answers real HTTP with described tables, canned queries, search and exports."""

import csv
import io
import json
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # a real `factline serve` process over real HTTP

DB = "facts"  # the seeds_db fixture's file is facts.db: canned queries must follow the file name

QUERIES = {
    "timeline_range": {"from": "", "to": "", "kind": "", "q": ""},
    "meeting_series": {"series": "党政联席会议"},
    "agreements_by_party": {"party": ""},
    "project_milestones": {"project": ""},
    "statistic_series": {"subject": ""},
    "search": {"q": "川渝通办"},
    "sources": {"record_type": "statistic", "record_id": ""},
    "search_facts": {"q": "联席会议"},
}


def get(base: str, path: str, **params) -> bytes:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read()


def get_json(base: str, path: str, **params) -> dict:
    return json.loads(get(base, path, _shape="objects", **params))


def test_serve_binds_loopback_and_lists_every_table_with_its_description(server):
    assert server.startswith("http://127.0.0.1:")
    page = get(server, f"/{DB}").decode()
    for table in ("documents", "meetings", "agreements", "projects", "milestones", "statistics", "policies",
                  "mentions", "quality"):
        assert f"/{DB}/{table}" in page
    meta = json.loads(get(server, "/-/metadata.json"))
    tables = meta["databases"][DB]["tables"]
    for name in ("documents", "meetings", "statistics", "mentions", "timeline"):
        assert tables[name]["description"]
        assert all(tables[name]["columns"].values())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_answers_with_rows(server, name):
    data = get_json(server, f"/{DB}/{name}.json", **QUERIES[name])
    assert data["ok"], data
    assert data["rows"], f"{name} returned no rows"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_exports_csv(server, name):
    text = get(server, f"/{DB}/{name}.csv", **QUERIES[name]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) >= 2


@pytest.mark.parametrize("term", ["川渝通办", "高铁", "党政联席会议", "挂职干部", "川渝"])
def test_chinese_search_finds_words_of_two_to_six_characters(server, term):
    rows = get_json(server, f"/{DB}/search.json", q=term)["rows"]
    assert rows and all(term in r["sentence"] for r in rows[:20])


def test_documents_search_box(server):
    rows = get_json(server, f"/{DB}/documents.json", _search="川渝通办")["rows"]
    assert rows


def test_timeline_is_in_date_order(server):
    rows = get_json(server, f"/{DB}/timeline.json", _size="max")["rows"]
    starts = [r["date_start"] for r in rows]
    assert starts == sorted(starts)


def test_timeline_filter_by_year_and_kind(server):
    rows = get_json(server, f"/{DB}/timeline_range.json", **{"from": "2020", "to": "2020", "kind": "meeting", "q": ""})["rows"]
    assert rows
    assert all(r["kind"] == "meeting" and r["date_start"][:4] <= "2020" <= r["date_end"][:4] for r in rows)


def test_arbitrary_sql_is_available_but_read_only(server):
    data = get_json(server, f"/{DB}.json", sql="select count(*) as n from statistics")
    assert data["rows"][0]["n"] > 0
    with pytest.raises(urllib.error.HTTPError):
        get(server, f"/{DB}.json", sql="delete from statistics")
    settings = json.loads(get(server, "/-/settings.json"))
    assert settings["sql_time_limit_ms"] <= 3000


def test_search_facts_finds_a_meeting_series_by_its_canonical_name(server):
    rows = get_json(server, f"/{DB}/search_facts.json", q="重庆四川党政联席会议")["rows"]
    meetings = [r for r in rows if r["record_type"] == "meeting" and "重庆四川党政联席会议" in r["label"]]
    assert meetings
    assert all("联席会议" in r["quote"] for r in meetings)  # each quote is that meeting's own sentence

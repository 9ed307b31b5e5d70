"""Publishing: the Datasette of `factline serve` (make_datasette) answers with described tables, canned
queries, search and exports, checked in process through ``ds.client``; one real process for real HTTP."""

import asyncio
import csv
import io
import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Callable

import pytest

from factline.publish import make_datasette

DB = "facts"  # the seeds_db fixture's file is facts.db: canned queries must follow the file name

# Each canned query with parameters that select part of the seeds, and what every row it returns must say.
QUERIES: dict[str, tuple[dict[str, str], Callable[[dict], bool]]] = {
    "timeline_range": ({"from": "2020", "to": "2020", "kind": "meeting", "q": ""},
                       lambda r: r["kind"] == "meeting" and r["date_start"][:4] <= "2020" <= r["date_end"][:4]),
    "meeting_series": ({"series": "党政联席会议"}, lambda r: "党政联席会议" in r["name"] and r["session"] >= 1),
    "agreements_by_party": ({"party": "重庆"}, lambda r: any("重庆" in p for p in json.loads(r["parties"]))),
    "project_milestones": ({"project": "高铁"}, lambda r: "高铁" in r["project"] and r["event"]),
    "statistic_series": ({"subject": "川渝通办"}, lambda r: "川渝通办" in r["subject"] and r["value"] > 0),
    "search": ({"q": "川渝通办"}, lambda r: "川渝通办" in r["sentence"]),
    "sources": ({"record_type": "statistic", "record_id": ""},
                lambda r: r["record_type"] == "statistic" and r["fact"] == f"/fact/statistic/{r['record_id']}"),
    "search_facts": ({"q": "重庆四川党政联席会议"},
                     lambda r: r["record_type"] == "meeting" and "重庆四川党政联席会议" in r["label"]),
}


@pytest.fixture(scope="module")
def get(seeds_db):
    """GET a path of the published database in process; returns the response."""
    ds = make_datasette(seeds_db)

    def fetch(path: str, **params):
        return asyncio.run(ds.client.get(path + ("?" + urllib.parse.urlencode(params) if params else "")))

    return fetch


def rows(get, path: str, **params) -> list[dict]:
    response = get(path, _shape="objects", **params)
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def test_every_table_is_listed_with_its_description(get):
    page = get(f"/{DB}").text
    for table in ("documents", "meetings", "agreements", "projects", "milestones", "statistics", "policies",
                  "mentions", "quality"):
        assert f"/{DB}/{table}" in page
    tables = get("/-/metadata.json").json()["databases"][DB]["tables"]
    for name in ("documents", "meetings", "statistics", "mentions", "timeline"):
        assert tables[name]["description"]
        assert all(tables[name]["columns"].values())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_answers_with_its_rows(get, name):
    params, says = QUERIES[name]
    found = rows(get, f"/{DB}/{name}.json", **params)
    assert found, f"{name} returned no rows"
    assert all(says(r) for r in found), [r for r in found if not says(r)][:3]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_exports_the_same_rows_as_csv(get, name):
    params, _ = QUERIES[name]
    response = get(f"/{DB}/{name}.csv", _size="max", **params)
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(table) - 1 == len(rows(get, f"/{DB}/{name}.json", _size="max", **params))


def test_meeting_series_lists_the_sessions_in_the_database(get, seeds_db):
    found = rows(get, f"/{DB}/meeting_series.json", series="重庆四川党政联席会议")
    with sqlite3.connect(seeds_db) as conn:
        sessions = {s for (s,) in conn.execute("select session from meetings where name = '重庆四川党政联席会议'")}
    assert {r["session"] for r in found} == sessions and 1 in sessions


@pytest.mark.parametrize("term", ["川渝通办", "高铁", "党政联席会议", "挂职干部", "川渝"])
def test_chinese_search_finds_words_of_two_to_six_characters(get, term):
    found = rows(get, f"/{DB}/search.json", q=term)
    assert found and all(term in r["sentence"] for r in found[:20])


def test_documents_search_box(get, seeds_db):
    found = rows(get, f"/{DB}/documents.json", _search="川渝通办")
    with sqlite3.connect(seeds_db) as conn:
        having = {i for (i,) in conn.execute("select id from documents where text like '%川渝通办%'")}
    assert found and {r["id"] for r in found} <= having


def test_timeline_is_in_date_order(get):
    starts = [r["date_start"] for r in rows(get, f"/{DB}/timeline.json", _size="max")]
    assert starts and starts == sorted(starts)


def test_arbitrary_sql_is_available_but_read_only(get, seeds_db):
    found = rows(get, f"/{DB}.json", sql="select count(*) as n from statistics")
    with sqlite3.connect(seeds_db) as conn:
        assert found[0]["n"] == conn.execute("select count(*) from statistics").fetchone()[0] > 0
    assert get(f"/{DB}.json", sql="delete from statistics").status_code == 400
    assert get("/-/settings.json").json()["sql_time_limit_ms"] <= 3000


def test_search_facts_finds_a_meeting_series_by_its_canonical_name(get):
    found = rows(get, f"/{DB}/search_facts.json", q="重庆四川党政联席会议")
    meetings = [r for r in found if r["record_type"] == "meeting" and "重庆四川党政联席会议" in r["label"]]
    assert meetings
    assert all("联席会议" in r["quote"] for r in meetings)  # each quote is that meeting's own sentence


@pytest.mark.slow  # a real `factline serve` process: HTTP and the bound address are the point
def test_serve_binds_loopback_and_answers_http(server):
    assert server.startswith("http://127.0.0.1:")
    url = f"{server}/{DB}/meeting_series.json?" + urllib.parse.urlencode({"series": "党政联席会议", "_shape": "objects"})
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        found = json.loads(response.read())["rows"]
    assert found and all("党政联席会议" in r["name"] for r in found)

"""The command line through click's CliRunner: help, summary line, exit codes, check, eval, export."""

import json
import re
import shutil

from click.testing import CliRunner

from factline.cli import cli
from tests.conftest import GOLD, SEEDS

COMMANDS = ("build", "serve", "export", "eval", "check")


def test_every_command_has_help():
    runner = CliRunner()
    for command in COMMANDS:
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output


def test_build_prints_one_summary_line_and_check_passes(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "cli.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(r"documents: 5 new, 0 updated, 0 skipped, 0 rejected; records: .*statistic \d+.*; [\d.]+ s",
                    summary), summary
    check = runner.invoke(cli, ["check", "--db", str(db)])
    assert check.exit_code == 0, check.output


def test_build_rejects_bad_files_with_one_line_each_and_exit_1(tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "good.txt").write_text("2023年1月11日，两地签署了《川渝科技合作协议》。", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "fake.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    db = tmp_path / "mixed.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt: " in e for e in errors) and any("fake.txt: " in e for e in errors)
    assert "1 new" in result.stdout and "2 rejected" in result.stdout


def test_missing_corpus_directory_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2


def test_eval_prints_per_type_and_a_last_line(seeds_db):
    gold = sorted(GOLD.glob("*.jsonl"))[0]
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"recall=\d\.\d{3} precision=\d\.\d{3} dates=\d\.\d{3}", last)
    assert "statistic" in result.stdout
    dated = re.search(r"^statistic +(\d+) +(\d+) +(\d\.\d{3})$", result.stdout.split("date of")[1], re.M)
    assert dated and int(dated[1]) > 0 and int(dated[2]) <= int(dated[1])


def test_eval_scores_dates_at_the_gold_precision(seeds_db, tmp_path):
    """A figure found with the right value but the wrong as_of counts as found, and as a date miss."""
    import sqlite3

    from factline import evaluate

    conn = sqlite3.connect(seeds_db)
    doc, as_of = conn.execute(
        "SELECT d.path, s.as_of FROM statistics s JOIN mentions m ON m.record_type = 'statistic' "
        "AND m.record_id = s.id JOIN documents d ON d.id = m.document_id "
        "WHERE s.subject LIKE '%川渝通办%' AND s.value = 311").fetchone()
    row = {"doc": doc, "type": "statistic", "quote": "311项", "value": 311, "unit": "项", "qualifier": "exact"}
    for gold_as_of, exact in ((as_of, 1), ("1999-12", 0)):
        dates = evaluate.new_date_scores()
        scores = evaluate.evaluate(conn, [{**row, "as_of": gold_as_of}], dates)
        assert scores["statistic"].matched_gold == 1
        assert (dates["statistic"].dated, dates["statistic"].exact) == (1, exact)


def test_export_timelinejs_honours_precision(seeds_db, tmp_path):
    out = tmp_path / "t.json"
    result = CliRunner().invoke(cli, ["export", "--format", "timelinejs", "--db", str(seeds_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    events = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert len(events) >= 20
    for event in events:
        assert "year" in event["start_date"]
        assert event["text"]["headline"]
    month_only = [e for e in events if e["display_date"] and e["display_date"].endswith("月")]
    assert all("day" not in e["start_date"] for e in month_only)
    # 截至2022年底 (the 311 services) reads as written, at month precision
    year_end = [e for e in events if e["display_date"] == "2022年底"]
    assert year_end and all(e["start_date"] == {"year": 2022, "month": 12} for e in year_end)


def test_eval_record_writes_quality_rows_per_type_and_rule(seeds_db, tmp_path):
    import sqlite3

    db = tmp_path / "q.db"
    db.write_bytes(seeds_db.read_bytes())
    with sqlite3.connect(db) as conn:  # the build has scored itself already; start from nothing
        conn.execute("DELETE FROM quality")
    gold = sorted(GOLD.glob("*.jsonl"))
    args = ["eval", "--db", str(db), "--record"] + [a for g in gold for a in ("--gold", str(g))]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    totals = dict(conn.execute("SELECT record_type, recall FROM quality WHERE rule = '*'"))
    assert set(totals) == {"meeting", "agreement", "project", "statistic", "policy"}
    rules = [r for (r,) in conn.execute("SELECT rule FROM quality WHERE rule NOT IN ('*', 'date')")]
    assert rules and all(r.split(".")[0] in totals for r in rules)
    again = CliRunner().invoke(cli, args)  # re-measuring replaces the figures, it does not pile them up
    assert again.exit_code == 0
    date_rows = dict(conn.execute("SELECT record_type, precision FROM quality WHERE rule = 'date'"))
    assert {"statistic", "milestone"} <= set(date_rows) and all(0 <= v <= 1 for v in date_rows.values())
    count = conn.execute("SELECT COUNT(*) FROM quality").fetchone()[0]
    assert count == len(rules) + len(totals) + len(date_rows)


def test_export_csv_and_json_filter_by_kind_and_period(seeds_db, tmp_path):
    import csv

    out = tmp_path / "t.csv"
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(seeds_db), "--out", str(out),
                                      "--kind", "meeting", "--from", "2020", "--to", "2020-12"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(r["kind"] == "meeting" and r["date_start"] <= "2020-12-31" and r["date_end"] >= "2020"
                        for r in rows)
    assert all(r["quote"] for r in rows)
    result = CliRunner().invoke(cli, ["export", "--format", "json", "--db", str(seeds_db), "--q", "联席会议"])
    events = json.loads(result.stdout)
    assert events and all("联席会议" in (e["summary"] + e["quote"]) for e in events)

"""Acceptance figures of issue 4, measured with the product's own evaluator on real builds."""

import sqlite3
import shutil

import pytest

from factline import evaluate
from factline.build import build
from tests.conftest import GOLD, ROOT

HELDOUT = ROOT / "tests" / "heldout"


def _scores(db, gold_files):
    rows = [r for path in gold_files for r in evaluate.load_gold(path)]
    conn = sqlite3.connect(db)
    try:
        return evaluate.evaluate(conn, rows)
    finally:
        conn.close()


def test_shared_gold_overall_and_per_type(seeds_db):
    scores = _scores(seeds_db, sorted(GOLD.glob("*.jsonl")))
    recall, precision = evaluate.totals(scores)
    assert recall >= 0.85 and precision >= 0.85, (recall, precision)
    for kind, s in scores.items():
        if s.gold:
            assert s.recall >= 0.70 and s.precision >= 0.70, (kind, s.recall, s.precision)


def test_heldout_articles_written_apart_from_the_rules(tmp_path):
    corpus = tmp_path / "heldout"
    shutil.copytree(HELDOUT, corpus)
    db = tmp_path / "heldout.db"
    report = build([corpus], db)
    assert report.rejected == 0 and report.new == len(list(HELDOUT.glob("*.txt")))
    recall, precision = evaluate.totals(_scores(db, sorted(HELDOUT.glob("*.jsonl"))))
    assert recall >= 0.80 and precision >= 0.80, (recall, precision)

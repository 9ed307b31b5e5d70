"""Acceptance figures of issue 4, measured with the product's own evaluator on real builds."""

import sqlite3
import shutil

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


def test_a_gold_party_written_as_a_one_character_place_is_that_place():
    """Gold written 港 / 深 (as the page wrote 港深) pairs with the parties 香港 / 深圳 the extractor names."""
    from factline.gold_match import agreement_matches

    assert agreement_matches({"parties": ["港", "深"]}, None, '["香港", "深圳"]', None)
    assert not agreement_matches({"parties": ["港", "深"]}, None, '["上海", "澳门"]', None)

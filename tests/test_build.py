"""End to end: the seeds become a migrated database whose every fact slices back to its sentence."""

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factline.build import build
from factline.integrity import run_checks
from tests.conftest import SEEDS

TABLES = ("documents", "meetings", "agreements", "projects", "milestones", "statistics", "policies", "mentions",
          "sentences", "search_sentences", "search_documents")


def _counts(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_seeds_give_five_documents_dated_as_the_manifest_says(seeds_db):
    conn = sqlite3.connect(seeds_db)
    stored = dict(conn.execute("SELECT path, published FROM documents"))
    with open(SEEDS / "manifest.csv", encoding="utf-8") as fh:
        manifest = {row["file"]: row["published"] for row in csv.DictReader(fh)}
    assert stored == manifest
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    precisions = dict(conn.execute("SELECT path, published_precision FROM documents"))
    assert precisions["000_764729586ee56ffa.txt"] == "month"  # 2022-05 stays a month
    assert precisions["004_e7a413a3f50621d9.txt"] == "day"


def test_every_mention_quote_is_the_slice_of_its_document(seeds_db):
    conn = sqlite3.connect(seeds_db)
    assert conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] > 50
    bad = conn.execute(
        "SELECT COUNT(*) FROM mentions m JOIN documents d ON d.id = m.document_id "
        "WHERE m.quote != substr(d.text, m.char_start + 1, m.char_end - m.char_start)"
    ).fetchone()[0]
    assert bad == 0


def test_every_record_has_a_mention_and_every_sentence_slices(seeds_db):
    from factline.integrity import run_checks

    assert run_checks(seeds_db) == []
    conn = sqlite3.connect(seeds_db)
    bad = conn.execute(
        "SELECT COUNT(*) FROM sentences s JOIN documents d ON d.id = s.document_id "
        "WHERE s.text != substr(d.text, s.char_start + 1, s.char_end - s.char_start)"
    ).fetchone()[0]
    assert bad == 0


def test_normalised_text_keeps_no_column_breaks_inside_the_key_term(seeds_db):
    conn = sqlite3.connect(seeds_db)
    rows = conn.execute("SELECT text, meta FROM documents").fetchall()
    raw = sum((p.read_text(encoding="utf-8").replace("\n", "")).count("成渝地区双城经济圈")
              for p in SEEDS.glob("*.txt"))
    in_text = sum(t.count("成渝地区双城经济圈") for t, _ in rows)
    # captions taken out of the prose are kept as metadata, whole
    in_removed = sum(line.count("成渝地区双城经济圈") for _, meta in rows for _, line in json.loads(meta)["removed"])
    assert in_text + in_removed == raw
    assert all("重\n庆" not in t for t, _ in rows)


def test_second_build_changes_no_row_count(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "twice.db"
    first = build([corpus], db)
    before = _counts(db)
    second = build([corpus], db)
    assert (first.new, second.new, second.updated, second.skipped) == (5, 0, 0, 5)
    assert _counts(db) == before


def test_new_rules_re_extract_unchanged_documents(tmp_path):
    # a corpus's own lexicon added after a build changes what extraction yields: every document is read again
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "rules.db"
    build([corpus], db)
    (corpus / "lexicons").mkdir(exist_ok=True)
    (corpus / "lexicons" / "userdict.txt").write_text("双城经济圈 10 n\n", encoding="utf-8")
    again = build([corpus], db)
    assert (again.new, again.updated, again.skipped) == (0, 5, 0)
    third = build([corpus], db)
    assert third.skipped == 5


def test_changed_document_has_its_records_replaced(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp_path / "changed.db"
    build([corpus], db)
    before = _counts(db)
    target = corpus / "000_764729586ee56ffa.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n\n2022年5月10日，两地签署了《川渝测试合作框架协议》。\n",
                      encoding="utf-8")
    report = build([corpus], db)
    assert (report.updated, report.skipped) == (1, 4)
    after = _counts(db)
    assert after["documents"] == before["documents"]
    assert after["agreements"] == before["agreements"] + 1
    target.write_text((SEEDS / target.name).read_text(encoding="utf-8"), encoding="utf-8")
    build([corpus], db)
    assert _counts(db) == before


def test_multi_article_page_is_split_and_each_article_is_extracted(seeds_db):
    conn = sqlite3.connect(seeds_db)
    doc_id = conn.execute("SELECT id FROM documents WHERE path LIKE '003%'").fetchone()[0]
    articles = conn.execute("SELECT COUNT(DISTINCT article) FROM sentences WHERE document_id = ?",
                            (doc_id,)).fetchone()[0]
    assert articles >= 4
    quotes = " ".join(q for (q,) in conn.execute("SELECT quote FROM mentions WHERE document_id = ?", (doc_id,)))
    assert "余姚" in quotes or "宜昌" in quotes or "外贸" in quotes


def test_a_flashback_year_does_not_become_the_narrative_date(tmp_path):
    conn = _build_one(tmp_path, "2024-06-21",
                      "两地早在1993年就建立了友好协作关系。\n\n当天，两地签署了《钢城协作框架协议》。")
    dates = [d for (d,) in conn.execute("SELECT date FROM agreements")]
    assert dates and all(d is None or not d.startswith("1993") for d in dates)


def test_a_flashback_day_does_not_move_the_narrative_date(tmp_path):
    conn = _build_one(tmp_path, "2024-10-09",
                      "9月30日，东海湾海底隧道实现全线贯通。\n\n此前，9月27日，市政府印发《港口建设三年行动方案》。\n\n"
                      "当天，市港务集团与某航运公司达成航线合作协议。")
    assert [d for (d,) in conn.execute("SELECT date FROM agreements")] == ["2024-09-30"]
    assert [d for (d,) in conn.execute("SELECT date FROM policies")] == ["2024-09-27"]


def test_before_the_meeting_is_the_meetings_day(tmp_path):
    # the meeting's report tells of other days (5月10日完工); 会前 still refers to the meeting
    conn = _build_one(tmp_path, "2025-05-23",
                      "5月22日，省政府召开第12次常务会议。\n\n会议听取了重大项目推进情况汇报。某污水处理厂三期工程5月10日完工。\n\n"
                      "会前，省人民政府与某通信集团有限公司签署了《共建数字某省战略合作协议》。")
    assert [d for (d,) in conn.execute("SELECT date FROM agreements")] == ["2025-05-22"]


def test_a_breakdown_shares_the_time_of_the_figures_it_breaks_down(tmp_path):
    # 12日 is the press conference's day, 2023年 the figures' year; both parts after 其中 hold for the year
    conn = _build_one(tmp_path, "2024-01-13",
                      "海关总署有关负责人12日在新闻发布会上表示，2023年全国货物贸易进出口总值41.76万亿元，增长0.2%。"
                      "其中，出口23.77万亿元，增长0.6%；进口17.99万亿元，下降0.3%。")
    rows = dict(conn.execute("SELECT subject, as_of FROM statistics WHERE unit = '元'").fetchall())
    assert rows == {"全国货物贸易进出口总值": "2023", "出口": "2023", "进口": "2023"}


def test_a_tunnel_named_alone_after_its_line_is_stored_under_the_line(tmp_path):
    conn = _build_one(tmp_path, "2024-05-06",
                      "甲乙铁路青石岭隧道5日顺利贯通。\n\n青石岭隧道位于某县境内，全长8.2公里，是全线施工难度最大的隧道。")
    assert [name for (name,) in conn.execute("SELECT name FROM projects")] == ["甲乙铁路"]


def test_documents_reviewed_in_a_subjectless_sentence_take_the_meetings_date(tmp_path):
    conn = _build_one(tmp_path, "2022-07-05",
                      "日前，区长主持召开区政府2022年第14次常务会议。\n\n会议学习了有关文件精神，研究了自建房整治有关问题。"
                      "审议了《某区工业园区标准化建设行动方案》《某区研学活动总体方案》等。")
    assert sorted(conn.execute("SELECT title, date FROM policies").fetchall()) == [
        ("某区工业园区标准化建设行动方案", "2022-07"), ("某区研学活动总体方案", "2022-07")]


def test_that_year_looks_back_to_a_flashbacks_year(tmp_path):
    # 始于2021年3月 is told as earlier than the story (published 2024); 当年9月 is that year's September
    conn = _build_one(tmp_path, "2024-02-28",
                      "两校合作始于2021年3月，这给甲交通大学和乙理工大学带来了新的机遇。"
                      "当年9月，两校共同签署了《甲交通大学—乙理工大学校际战略合作协议》。")
    assert conn.execute("SELECT date, parties FROM agreements").fetchall() == [
        ("2021-09", '["甲交通大学", "乙理工大学"]')]


def test_a_plenary_named_again_without_its_place_is_the_same_meeting(tmp_path):
    conn = _build_one(tmp_path, "2023-01-05",
                      "2022年12月21日，甲市委六届二次全会召开。\n\n全市上下要认真贯彻市委六届二次全会精神。")
    assert conn.execute("SELECT name, session, date FROM meetings").fetchall() == [("甲市委六届全会", 2, "2022-12-21")]


def test_figures_of_the_meeting_just_told_take_its_date(tmp_path):
    conn = _build_one(tmp_path, "2020-11-22",
                      "甲市第三届发展大会于近日召开。大会共签约项目25个，总投资168.5亿元。")
    assert sorted(conn.execute("SELECT unit, as_of FROM statistics").fetchall()) == [("个", "2020-11"), ("元", "2020-11")]


def test_a_project_goes_by_the_short_name_it_declared(tmp_path):
    conn = _build_one(tmp_path, "2025-06-18",
                      "会议听取了甲城至乙镇高速公路（以下简称甲乙高速）建设情况汇报。\n\n甲乙高速全长约46.8公里，总投资约86亿元。"
                      "项目于去年11月举行开工动员大会，计划2027年底建成通车。")
    rows = conn.execute("SELECT name, json_extract(attributes, '$.aliases') FROM projects").fetchall()
    assert rows == [("甲城至乙镇高速公路", '["甲乙高速"]')]
    events = conn.execute("SELECT event, date FROM milestones ORDER BY event").fetchall()
    assert ("开工", "2024-11") in events


def test_a_batch_label_dates_no_headline_and_moves_no_story(tmp_path):
    # the headline's 2023年12月 labels the batch: no second signing from it; 12月22日 stays the story's day
    conn = _build_one(tmp_path, "2023-12-27",
                      "某县举行2023年12月招商引资项目集中签约仪式\n\n12月22日，某县2023年12月招商引资项目集中签约仪式在县会议中心举行。"
                      "签约仪式上，常务副县长李某代表县人民政府分别与企业代表签订合作协议。")
    assert [d for (d,) in conn.execute("SELECT date FROM agreements")] == ["2023-12-22"]


def test_check_catches_a_mention_pointing_at_a_missing_fact(seeds_db, tmp_path):
    """Every record and mention points at its facts row; `factline check` names one that does not."""
    db = tmp_path / "tampered.db"
    db.write_bytes(seeds_db.read_bytes())
    assert run_checks(db) == []
    conn = sqlite3.connect(db)
    conn.execute("UPDATE mentions SET fact_id = 999999 WHERE id = (SELECT MIN(id) FROM mentions)")
    conn.commit()
    conn.close()
    problems = run_checks(db)
    assert any("facts row does not exist" in p for p in problems)
    assert any("fact_id is not its record" in p for p in problems)


_LEXICON_ARTICLE = (
    "2024年3月5日，重庆市文旅委与科技与金融服务中心签署战略合作协议。\n\n"
    "3月6日，川南四市联席会议第三次会议在泸州召开。\n"
)


def _build_one(tmp_path, published: str, text: str) -> sqlite3.Connection:
    """Build a corpus of one article published on ``published``; a connection to its database."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "manifest.csv").write_text(f"file,title,source,url,published\na.txt,,,,{published}\n", encoding="utf-8")
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "one.db"
    build([corpus], db)
    return sqlite3.connect(db)


def _lexicon_corpus(root, *, lexicons: bool):
    root.mkdir()
    (root / "a.txt").write_text(_LEXICON_ARTICLE, encoding="utf-8")
    (root / "manifest.csv").write_text("file,published\na.txt,2024-03-10\n", encoding="utf-8")
    if lexicons:
        (root / "lexicons").mkdir()
        (root / "lexicons" / "userdict.txt").write_text("科技与金融服务中心 10 nt\n", encoding="utf-8")
        (root / "lexicons" / "meeting_series.yaml").write_text(
            "series:\n  - name: 川南经济区联席会议\n    variants: [川南四市联席会议]\n", encoding="utf-8")
    return root


def _parties_and_meetings(db) -> tuple[list, list]:
    conn = sqlite3.connect(db)
    try:
        return ([json.loads(p) for (p,) in conn.execute("SELECT parties FROM agreements")],
                conn.execute("SELECT name, session FROM meetings").fetchall())
    finally:
        conn.close()


@pytest.mark.slow
def test_a_corpus_lexicons_directory_adds_words_and_meeting_series(tmp_path):
    """lexicons/userdict.txt keeps a name with 与 whole; lexicons/meeting_series.yaml names the series.
    The build runs in its own process: the additions hold for the process that builds."""
    plain = _lexicon_corpus(tmp_path / "plain", lexicons=False)
    build([plain], tmp_path / "plain.db")
    assert _parties_and_meetings(tmp_path / "plain.db") == (
        [["重庆市文旅委", "科技", "金融服务中心"]], [("川南四市联席会议", 3)])

    corpus = _lexicon_corpus(tmp_path / "corpus", lexicons=True)
    factline = Path(sys.executable).parent / "factline"
    subprocess.run([str(factline), "build", str(corpus), "--db", str(tmp_path / "x.db")], check=True,
                   capture_output=True)
    assert _parties_and_meetings(tmp_path / "x.db") == (
        [["重庆市文旅委", "科技与金融服务中心"]], [("川南经济区联席会议", 3)])

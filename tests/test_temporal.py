"""extractors.temporal against tests/corpus/temporal.yaml: one case per example."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.expressions import temporal
from extractors.expressions import temporal_rules
from extractors.values import PRECISIONS, TimeValue

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "temporal.yaml").read_text(encoding="utf-8"))
DEFAULT_REFERENCE = CORPUS["reference_date"]


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _anchor(spec) -> TimeValue | dt.date | None:
    """An anchor in the corpus: a plain date, or {date: "2022-04", precision: month} for a coarser one."""
    if spec is None:
        return None
    if isinstance(spec, dict):
        iso, precision = str(spec["date"]), spec["precision"]
        if precision == "month":
            year, month = map(int, iso.split("-"))
            start = dt.date(year, month, 1)
            end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            year = int(iso[:4])
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            if precision == "half":
                start, end = (start, dt.date(year, 6, 30)) if iso.endswith("H1") else (dt.date(year, 7, 1), end)
            elif precision == "quarter":
                q = int(iso[-1])
                start = dt.date(year, 3 * q - 2, 1)
                end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
        return TimeValue(iso, start, end, precision, iso)
    return _date(spec)


def _ids(examples: list[dict]) -> list[str]:
    return [f"{i:03d}-{e.get('id') or e['sentence'][:16]}" for i, e in enumerate(examples)]


def _known_gaps() -> list:
    """The corpus's known gaps as strict xfails: each must fail until it is fixed, then move to examples."""
    gaps = CORPUS.get("xfail", [])
    return [pytest.param(e, marks=pytest.mark.xfail(strict=True, reason=e["reason"]), id=i)
            for e, i in zip(gaps, _ids(gaps))]


@pytest.mark.parametrize("example", CORPUS["examples"], ids=_ids(CORPUS["examples"]))
def test_example(example: dict) -> None:
    _check(example)


@pytest.mark.parametrize("example", _known_gaps())
def test_known_gap(example: dict) -> None:
    _check(example)


def _check(example: dict) -> None:
    reference = _date(example.get("reference", DEFAULT_REFERENCE))
    found = temporal.find(example["sentence"], reference=reference, anchor=_anchor(example.get("anchor")))
    by_text = {value.text: (start, end, value) for start, end, value in found}
    for want in example["expect"]:
        assert want["text"] in by_text, f"{want['text']} not in {[v.text for _, _, v in found]}"
        start, end, value = by_text[want["text"]]
        assert example["sentence"][start:end] == value.text
        assert value.date == want["date"]
        assert value.precision == want["precision"]
        if "start" in want:
            assert value.start == _date(want["start"])
        if "end" in want:
            assert value.end == _date(want["end"])
        for flag in want.get("flags", []):
            assert flag in value.flags, f"{flag} missing from {sorted(value.flags)}"
        for flag in want.get("not_flags", []):
            assert flag not in value.flags, f"unexpected {flag} in {sorted(value.flags)}"
    if example.get("only"):
        assert len(found) == len(example["expect"]), [v.text for _, _, v in found]


@pytest.mark.parametrize("example", CORPUS["negative"], ids=_ids(CORPUS["negative"]))
def test_negative(example: dict) -> None:
    reference = _date(example.get("reference", DEFAULT_REFERENCE))
    found = temporal.find(example["sentence"], reference=reference, anchor=_anchor(example.get("anchor")))
    texts = [v.text for _, _, v in found]
    if "absent" in example:
        for text in example["absent"]:
            assert not any(text in t for t in texts), texts
    else:
        assert found == [], texts



def test_offsets_in_order_and_disjoint() -> None:
    sentence = "2023年1月11日，成都召开发布会，4天后双子塔亮灯；次日，5月11日至25日活动继续，截至2022年底共签署200份。"
    found = temporal.find(sentence, reference=dt.date(2023, 2, 28))
    for (s1, e1, _), (s2, _, _) in zip(found, found[1:]):
        assert e1 <= s2
    for s, e, v in found:
        assert sentence[s:e] == v.text


def test_resolve_takes_plain_date_anchor() -> None:
    value = temporal.resolve("4天后", reference=dt.date(2023, 1, 31), anchor=dt.date(2023, 1, 11))
    assert value is not None and value.date == "2023-01-15" and "relative" in value.flags


def test_month_anchor_keeps_month_precision() -> None:
    anchor = temporal.resolve("2022年4月", reference=dt.date(2023, 2, 28))
    value = temporal.resolve("两个月后", reference=dt.date(2023, 2, 28), anchor=anchor)
    assert value is not None and (value.date, value.precision) == ("2022-06", "month")


def test_advance_anchor_skips_targets_and_same_year() -> None:
    ref = dt.date(2023, 2, 28)
    start = temporal.resolve("2023年1月11日", reference=ref)
    found = temporal.find("2023年，重庆计划到2025年建成，预计6月30日投运", reference=ref)
    assert temporal.advance_anchor(start, found) is start
    found = temporal.find("2020年，党中央提出推动成渝地区双城经济圈建设", reference=ref)
    assert temporal.advance_anchor(start, found).date == "2020"
    found = temporal.find("2022年11月4日，坐上从成都开来的列车", reference=ref)
    assert temporal.advance_anchor(start, found).date == "2022-11-04"


def test_a_figures_cut_off_is_not_where_the_story_is() -> None:
    # 截至10月底 dates figures; the next sentence's 20日 is still the publication month's 20th
    ref = dt.date(2025, 11, 20)
    found = temporal.find("国家发展委员会20日表示，2025年截至10月底整体公共建设计划经费执行数达5,367亿元。", reference=ref)
    anchor = temporal.advance_anchor(None, found, ref)
    assert anchor is not None and anchor.date == "2025-11-20"
    day = temporal.resolve("20日", reference=ref, anchor=anchor)
    assert day is not None and day.date == "2025-11-20"


def test_anchor_carries_across_sentences() -> None:
    ref = dt.date(2023, 2, 28)
    anchor = temporal.advance_anchor(None, temporal.find("2023年1月11日，发布会在成都举行。", reference=ref))
    found = temporal.find("4天后，成都双子塔亮起灯光。", reference=ref, anchor=anchor)
    assert found[0][2].date == "2023-01-15"


@pytest.mark.parametrize(
    "text",
    ["2月30日", "13月5日", "2023年2月29日", "0月3日", "4月31日", "2022年13月", "", "，。"],
    ids=["feb30", "month13", "not_leap", "month0", "apr31", "year_month13", "empty", "punct"],
)
def test_invalid_dates_are_none(text: str) -> None:
    assert temporal.resolve(text, reference=dt.date(2023, 2, 28)) is None


@pytest.mark.parametrize(
    "data, ok",
    [
        (temporal_rules.load_lexicon(), True),
        ({**temporal_rules.load_lexicon(), "year_words": {"今年": "zero"}}, False),
        ({**temporal_rules.load_lexicon(), "month_parts": {"上旬": [1]}}, False),
        ({**temporal_rules.load_lexicon(), "now_words": "目前"}, False),
        ({**temporal_rules.load_lexicon(), "holidays": {"元旦": [13, 1]}}, False),
    ],
    ids=["good", "bad_offset", "bad_part", "bad_list", "bad_holiday"],
)
def test_lexicon_validation(data: dict, ok: bool) -> None:
    if ok:
        temporal_rules.validate_lexicon(data)
    else:
        with pytest.raises(ValueError):
            temporal_rules.validate_lexicon(data)


ALPHABET = "0123456789〇零一二两三四五六七八九十年月日号至到—-前后当次上中下旬初底末季度半周天今去明同本截，。“”"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=20),
    reference=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    anchor=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))),
)
def test_find_never_raises_and_spans_are_consistent(text: str, reference: dt.date, anchor: dt.date | None) -> None:
    found = temporal.find(text, reference=reference, anchor=anchor)
    last = 0
    for start, end, value in found:
        assert last <= start <= end and text[start:end] == value.text
        assert value.start <= value.end and value.precision in PRECISIONS
        last = end


def test_lexicon_rejects_duplicate_keys(tmp_path) -> None:
    path = tmp_path / "dupe.yaml"
    path.write_text("year_words:\n  今年: 0\n  今年: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        temporal_rules.load_lexicon(path)


# Every kind of scanner alternative (the named group that starts it) is exercised by the corpus.
SCAN_KINDS = ("yr_a", "yp_a", "mr_a", "fyp", "ys", "lm", "y", "y2", "yw", "bwd", "bh", "m", "mw", "wwd", "iso_y", "dec", "bfp", "byp", "bmp",
              "now", "recent", "dw", "ww", "rn", "d")


def test_every_scanner_alternative_has_an_example() -> None:
    seen = set()
    for example in CORPUS["examples"]:
        for match in temporal_rules.SCAN.finditer(example["sentence"]):
            seen.update(kind for kind in SCAN_KINDS if match.group(kind))
    assert seen == set(SCAN_KINDS), sorted(set(SCAN_KINDS) - seen)


def _full_scan(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in temporal_rules.SCAN.finditer(text)]


def _clause_scan(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in temporal._atoms(text)] if temporal_rules.key_search(text) else []


def test_clause_prefilter_keeps_every_match_of_the_corpus() -> None:
    for example in CORPUS["examples"] + CORPUS["negative"]:
        assert _clause_scan(example["sentence"]) == _full_scan(example["sentence"]), example["sentence"]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=ALPHABET + "目现在稿发今晚夜晨星期（）()-/.:：、；！？十四五代世纪周一日号份头", max_size=30))
def test_clause_prefilter_keeps_every_match(text: str) -> None:
    assert _clause_scan(text) == _full_scan(text)


@pytest.mark.parametrize(
    "first, later, want",
    [
        ("长三角一体化发展再提速本报讯（记者 周明远）11月18日，2025年度长三角地区主要领导座谈会在安徽合肥召开。",
         ["当天下午，沪苏浙皖四地签订备忘录。", "次日，长三角区域合作办公室在上海召开新闻发布会。"],
         ["2025-11-18", "2025-11-19"]),
        ("6月16日，2025年京津冀协同发展联席会议在天津召开。",
         ["同日，三地发布招商图谱。", "第二天，三地政府签署协议。"],
         ["2025-06-16", "2025-06-17"]),
    ],
    ids=["headline_then_year_of_meeting", "day_then_year_in_name"],
)
def test_day_words_follow_the_day_not_a_later_year(first: str, later: list[str], want: list[str]) -> None:
    ref = dt.date(2025, 11, 20)
    anchor = temporal.advance_anchor(None, temporal.find(first, reference=ref))
    got = []
    for sentence in later:
        found = temporal.find(sentence, reference=ref, anchor=anchor)
        got.append(found[0][2].date)
        anchor = temporal.advance_anchor(anchor, found)
    assert got == want


def test_an_article_opening_with_a_recent_day_is_set_in_that_month() -> None:
    """日前…召开…会议 opens the story in the publication month; later 近日 never moves a dated story."""
    import datetime as dt

    from extractors.temporal import advance_anchor, find

    ref = dt.date(2022, 7, 31)
    opening = advance_anchor(None, find("日前，区长主持召开区政府常务会议。", reference=ref))
    assert opening is not None and (opening.date, opening.precision) == ("2022-07", "month")
    dated = advance_anchor(None, find("7月5日，区政府召开常务会议。", reference=ref))
    assert advance_anchor(dated, find("近日，又召开了推进会。", reference=ref)) == dated


def test_a_date_still_to_come_does_not_move_the_story():
    """会议决定2022年…由贵州省承办, told in September 2021: the story stays at its meeting's day."""
    ref = dt.date(2021, 9, 30)
    anchor = temporal.advance_anchor(None, temporal.find("9月24日，联席会议在成都举行。", reference=ref), ref)
    next_year = TimeValue("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year", "2022年")
    assert temporal.advance_anchor(anchor, [(0, 5, next_year)], ref).date == "2021-09-24"
    assert temporal.advance_anchor(anchor, [(0, 5, next_year)]).date == "2022"  # without the reference, as before


@pytest.mark.parametrize("sentence, moves", [
    ("会议听取了2020年联席会议以来有关工作进展情况通报。", False),  # a year written onto a name labels it
    ("2021年是“十四五”开局之年。", False),
    ("2020年，全市地区生产总值增长5%。", True),
    ("2020年底，项目全面完工。", True),
])
def test_a_year_written_onto_a_name_moves_no_story(sentence, moves):
    from factline.pipeline import narrative_dates

    ref = dt.date(2021, 9, 30)
    found = temporal.find(sentence, reference=ref)
    assert bool(narrative_dates(sentence, found)) == moves

"""extractors.facts.meeting beyond its corpus (tests/test_facts_corpus.py): the helpers it is built from."""

import datetime as dt
from pathlib import Path

import pytest

from extractors.facts import meeting
from extractors.context import make_context
from extractors.values import TimeValue


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("川渝党政联席会议", "重庆四川党政联席会议"),
        ("推动成渝地区双城经济圈建设四川重庆党政联席会议", "重庆四川党政联席会议"),
        ("中央财经委", "中央财经委员会"),
        ("中共重庆市委五届全会", "重庆市委五届全会"),
        ("川渝两地人社部门工作座谈会", "川渝两地人社部门工作座谈会"),
        ("“遂潼合”毗邻党建推进会", "遂潼合毗邻党建推进会"),
    ],
)
def test_canonical_series_name(written: str, canonical: str) -> None:
    assert meeting.canonical_name(written) == canonical


def test_series_file_is_optional(tmp_path: Path) -> None:
    assert meeting.load_series(tmp_path / "missing.yaml") == {"series": [], "region_pairs": {}}


@pytest.mark.parametrize(
    ("name", "around", "canonical"),
    [("党政联席会议", "从第三次党政联席会议开始，川渝两地党政领导…", "重庆四川党政联席会议"),
     ("党政联席会议", "苏皖两省第三次党政联席会议在南京召开", "党政联席会议")],
    ids=["short_form_in_its_region", "short_form_elsewhere"],
)
def test_short_form_needs_its_region(name: str, around: str, canonical: str) -> None:
    assert meeting.canonical_name(name, around=around) == canonical


# The date picking shared by the event extractors (extractors.dating), checked here on meeting-like clauses.
@pytest.mark.parametrize(
    ("sentence", "event", "anchor", "expected"),
    [
        ("一个多月前，山东省委十二届八次全会于6月下旬召开。", "全会", None, "2025-06"),
        ("11月18日，2025年度长三角地区主要领导座谈会在合肥召开。", "座谈会", None, "2025-11-18"),
        ("会上，两地签署了合作协议，力争到2027年实现目标。", "签署", "2025-06-16", "2025-06-16"),
        ("目前，该工程进展顺利，预计2027年建成。", "建成", None, "2027"),
    ],
    ids=["explicit_beats_vague", "year_label_of_a_name", "plan_dates_nothing", "own_clause_first"],
)
def test_shared_date_picking(sentence: str, event: str, anchor: str | None, expected: str) -> None:
    from extractors.facts import dating

    day = dt.date.fromisoformat(anchor) if anchor else None
    tv = TimeValue(anchor, day, day, "day", anchor) if anchor else None
    context = make_context(sentence, reference=dt.date(2025, 11, 20), anchor=tv)
    start = sentence.index(event)
    if event == "建成":
        found = dating.stated_time(sentence, context, start, start + len(event), own_clause_first=True)
    else:
        found = dating.event_time(sentence, context, start, start + len(event), skip_targets=True,
                                  year_labels=True, continues=sentence.startswith("会上"))
    assert found is not None and found.date == expected

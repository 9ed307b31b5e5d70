"""extractors.facts.statistic beyond its corpus (tests/test_facts_corpus.py): every filter, each on real sentences."""

import datetime as dt

import pytest

from extractors.context import make_context
from extractors.facts import statistic
from extractors.values import Quantity
from tests.corpus_support import case_context, load_corpus

CORPUS = load_corpus("statistic")
REFERENCE = dt.date.fromisoformat(str(CORPUS["reference_date"]))


def test_every_filter_drops_a_negative() -> None:
    reasons: set[str] = set()
    for case in CORPUS["negative"]:
        sentence, context = case["sentence"], case_context(CORPUS, case)
        for start, end, quantity in statistic.all_quantities(sentence, context):
            reasons.add(statistic.reject_reason(sentence, start, end, quantity, context) or "kept")
    # Dates never reach the filters through numbers.find (it masks them); see test_date_filter.
    assert {name for name, _ in statistic.FILTERS} - {"date"} <= reasons


def test_date_filter() -> None:
    sentence = "2020年，全市新增就业岗位3万个。"
    context = make_context(sentence, reference=REFERENCE)
    year = Quantity(2020, "年", "exact", "2020年", "quantity")
    assert statistic.reject_reason(sentence, 0, 5, year, context) == "date"


# Group names as extractors.numbers may read them (it may also leave them out): the filter drops them
# whatever numbers returns.
COLLECTIVE_NAMES = [
    ("上海、江苏、浙江、安徽三省一市主要领导出席会议。", "三省", Quantity(3, "省", "exact", "三省", "quantity")),
    ("北京、天津、河北三省市党政主要领导出席会议。", "三省", Quantity(3, "省", "exact", "三省", "quantity")),
    ("山东等九省区相关负责同志参加会议。", "九省", Quantity(9, "省", "exact", "九省", "quantity")),
    ("长江经济带11省市共同发布了联合倡议。", "11省", Quantity(11, "省", "exact", "11省", "quantity")),
]


@pytest.mark.parametrize("sentence,text,quantity", COLLECTIVE_NAMES, ids=[c[1] + c[0][-6:] for c in COLLECTIVE_NAMES])
def test_collective_name_filter(sentence: str, text: str, quantity: Quantity) -> None:
    context = make_context(sentence, reference=REFERENCE)
    start = sentence.index(text)
    assert statistic.reject_reason(sentence, start, start + len(text), quantity, context) == "collective_name"


def test_counted_places_stay() -> None:
    sentence = "目前，服务已辐射周边3省12市。"
    context = make_context(sentence, reference=REFERENCE)
    start = sentence.index("3省")
    quantity = Quantity(3, "省", "exact", "3省", "quantity")
    assert statistic.reject_reason(sentence, start, start + 2, quantity, context) is None


def test_corpus_size() -> None:
    assert len(CORPUS["examples"]) >= 40
    assert len(CORPUS["negative"]) >= 15

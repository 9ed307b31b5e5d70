"""Property tests (hypothesis, fixed seed, bounded): for any input nothing raises and every offset slices."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from extractors.expressions import numbers
from extractors.expressions import temporal
from extractors.ingest import text
from extractors.context import make_context
from factline.pipeline import extractor_functions
from factline.record_types import EXTRACTED

RECORD_MODULES = [t.extractor for t in EXTRACTED]

REFERENCE = dt.date(2023, 2, 28)
ORDER = {"day": 0, "month": 1, "quarter": 2, "half": 3, "year": 4}
MAX_DAYS = {"day": 1, "month": 31, "quarter": 92, "half": 184, "year": 366}

# Text that looks like news: Chinese numerals, date words, units, punctuation, plus arbitrary Unicode.
NEWSY = st.sampled_from(list("0123456789零一二两三四五六七八九十百千万亿年月日号至—-底初中下上旬季度半余多约近超过以上第次届项个家元%公里，。；！？、“”《》\n 截今去明前当天后")
                        + ["2020年", "3月17日", "去年", "当天", "4天后", "上半年", "三季度", "截至", "预计", "2月30日",
                           "签署", "协议", "会议", "第九次", "联席会议", "通车", "开工", "高铁", "万亿元", "亿千瓦时"])
TEXTS = st.lists(st.one_of(NEWSY, st.text(max_size=3)), max_size=40).map("".join)
PROPS = settings(max_examples=150, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


def _check_time(tv):
    assert tv.start <= tv.end
    assert tv.precision in ORDER
    # the bounds never claim more than the precision allows, and a range is wider only when flagged
    if "range" not in tv.flags:
        assert (tv.end - tv.start).days < MAX_DAYS[tv.precision] + 1


@seed(20261122)
@PROPS
@given(TEXTS)
def test_normalise_and_sentences_never_raise_and_slice(raw):
    norm = text.normalise(raw)
    for start, end in text.split_sentences(norm.text):
        assert 0 <= start < end <= len(norm.text)
        piece = norm.text[start:end]
        assert piece == piece.strip() and piece
    spans = text.split_articles(norm)
    assert spans[0][0] == 0 or not norm.text


@seed(20261122)
@PROPS
@given(TEXTS)
def test_temporal_find_slices_and_bounds_hold(sentence):
    for start, end, tv in temporal.find(sentence, reference=REFERENCE):
        assert sentence[start:end] == tv.text
        _check_time(tv)


@seed(20261122)
@PROPS
@given(TEXTS)
def test_numbers_find_slices(sentence):
    for start, end, q in numbers.find(sentence):
        assert sentence[start:end] == q.text
        assert q.qualifier in ("exact", "approx", "at_least", "at_most")


@pytest.mark.parametrize("module", RECORD_MODULES)
def test_extractor_spans_lie_in_the_sentence(module):
    extract = dict(zip(RECORD_MODULES, extractor_functions()))[module]

    @seed(20261122)
    @PROPS
    @given(TEXTS)
    def check(sentence):
        ctx = make_context(sentence, reference=REFERENCE)
        for record in extract(sentence, context=ctx):
            assert 0 <= record.span.start < record.span.end <= len(sentence)
            assert record.span.rule.startswith(module + ".")
            for tv in (getattr(record, "time", None), getattr(record, "as_of", None)):
                if tv is not None:
                    _check_time(tv)

    check()


@seed(20261122)
@PROPS
@given(st.binary(max_size=200))
def test_decode_accepts_or_rejects_with_one_line(data):
    try:
        decoded = text.decode(data, path="x.txt")
    except text.InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x.txt: ")
    else:
        assert isinstance(decoded.text, str)

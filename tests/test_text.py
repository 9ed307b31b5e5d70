"""Ingest: decoding, normalisation of newspaper layout, sentence and article splitting, segmentation."""

from __future__ import annotations

import codecs
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from extractors.ingest import text as T

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("[0-9]*.txt"))
CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "text.yaml").read_text(encoding="utf-8"))
KEY = "成渝地区双城经济圈"


def seed_path(prefix: str) -> Path:
    matches = [p for p in SEEDS if p.name.startswith(prefix)]
    assert len(matches) == 1, prefix
    return matches[0]


@lru_cache(maxsize=None)
def raw_seed(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def norm_seed(prefix: str) -> T.Normalised:
    return T.normalise(raw_seed(prefix))


def heading_texts(norm: T.Normalised) -> list[str]:
    return [norm.text[s:e] for s, e in norm.headings]


# ---------------------------------------------------------------- normalisation corpus


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["id"] for c in CORPUS["cases"]])
def test_normalise_case(case: dict) -> None:
    if "seed" in case:
        raw = raw_seed(case["seed"])
        norm = norm_seed(case["seed"])
        assert case["broken"] in raw, "the broken layout must be real seed text"
    else:
        raw = case["input"]
        norm = T.normalise(raw)
    paragraphs = set(norm.text.split("\n"))
    for wanted in case.get("contains", []):
        assert wanted in norm.text
    for unwanted in case.get("not_contains", []):
        assert unwanted not in norm.text
    for para in case.get("paragraphs", []):
        assert para in paragraphs
    for para in case.get("not_paragraphs", []):
        assert para not in paragraphs
    headings = heading_texts(norm)
    for heading in case.get("headings", []):
        assert heading in headings
    for heading in case.get("not_headings", []):
        assert heading not in headings
    for kind, line in case.get("removed", []):
        assert (kind, line) in norm.removed
    if "dateline" in case:
        assert norm.dateline == case["dateline"]
    if "front_matter" in case:
        assert {k: str(v) for k, v in norm.front_matter.items()} == case["front_matter"]


def test_corpus_has_twenty_seed_cases() -> None:
    assert sum(1 for c in CORPUS["cases"] if "seed" in c) >= 20


# ---------------------------------------------------------------- whole-seed properties


def test_every_shuangcheng_occurrence_survives_whole() -> None:
    """All occurrences of 成渝地区双城经济圈 (counted with line breaks removed) come out whole,
    except those inside lines that normalisation legitimately removes (photo captions)."""
    raw_total = norm_total = removed_total = broken = 0
    for path in SEEDS:
        raw = raw_seed(path.name[:3])
        norm = norm_seed(path.name[:3])
        raw_total += raw.replace("\n", "").count(KEY)
        broken += raw.replace("\n", "").count(KEY) - raw.count(KEY)
        norm_total += norm.text.count(KEY)
        removed_total += sum(line.count(KEY) for _, line in norm.removed)
        assert KEY[:2] + "\n" not in norm.text
    assert broken >= 15
    assert norm_total + removed_total == raw_total
    assert removed_total <= 4  # only the magazine's photo captions


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_normalised_seed_is_clean(path: Path) -> None:
    norm = norm_seed(path.name[:3])
    assert norm.text and norm.text == norm.text.strip()
    assert "\n\n" not in norm.text
    for para in norm.text.split("\n"):
        assert para == para.strip() and para
        assert not para.startswith("#")
    for start, end in norm.headings:
        assert norm.text[start:end] and "\n" not in norm.text[start:end]
        assert start == 0 or norm.text[start - 1] == "\n"
        assert end == len(norm.text) or norm.text[end] == "\n"


def test_normalise_is_idempotent_on_paragraph_text() -> None:
    norm = norm_seed("003")
    again = T.normalise(norm.text)
    assert again.text.count(KEY) == norm.text.count(KEY)


# ---------------------------------------------------------------- sentences


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_sentence_offsets_slice_every_seed(path: Path) -> None:
    norm = norm_seed(path.name[:3])
    spans = T.split_sentences(norm.text)
    assert spans
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(norm.text)
        sentence = norm.text[start:end]
        assert sentence == sentence.strip() and "\n" not in sentence
        previous_end = end
    covered = "".join(norm.text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(norm.text.split())  # only whitespace falls between sentences
    heading_set = set(norm.headings)
    assert heading_set <= set(spans)


def test_sentence_split_keeps_closing_quote_and_semicolon_split() -> None:
    text = "“要强化‘一盘棋’思想。”重庆市发改委相关负责人说。一是动力文章；二是发力文章！真的吗？\n标题"
    got = [text[s:e] for s, e in T.split_sentences(text)]
    assert got == ["“要强化‘一盘棋’思想。”", "重庆市发改委相关负责人说。", "一是动力文章；", "二是发力文章！", "真的吗？", "标题"]


def test_sentence_split_caps_unpunctuated_text() -> None:
    text = "字" * 5000
    spans = T.split_sentences(text)
    assert all(e - s <= T.MAX_SENTENCE for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


def test_sentence_split_empty() -> None:
    assert T.split_sentences("") == []
    assert T.split_sentences("\n \n") == []


# ---------------------------------------------------------------- articles

EXPECTED_ARTICLES = {
    "000": 2,  # the 驻渝办 feature, then the 华西都市报讯 item on 成都高新区 (page-mates)
    "001": 5,  # interview, 千校万岗, 发展基金, 大足 (上接1版), 川渝侨联: four 本报讯 items + a continuation
    "002": 17,  # magazine special: intro, host's note and 15 bylined pieces ("文 | …"), dialogue
    "003": 4,  # 川渝 ×2, 浙江余姚, 湖北宜昌
    "004": 2,  # the feature and its 【新闻链接】 sidebar with its own byline
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_ARTICLES))
def test_articles_per_seed(prefix: str) -> None:
    norm = norm_seed(prefix)
    spans = T.split_articles(norm)
    assert len(spans) == EXPECTED_ARTICLES[prefix]
    assert spans[0][0] == 0 and spans[-1][1] == len(norm.text)
    for (s1, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 == s2 and s1 < e1


def test_seed_003_articles_start_where_expected() -> None:
    norm = norm_seed("003")
    starts = [norm.text[s : s + 20] for s, _ in T.split_articles(norm)]
    assert starts[0].startswith("区域")
    assert starts[1].startswith("重庆推动双城经济圈共建共享")
    assert starts[2].startswith("推动成渝形成高质量发展增长极")
    assert starts[3].startswith("湖北宜昌：")


def test_split_articles_on_plain_text_uses_leads() -> None:
    first = "第一篇文章的正文。" * 12
    second = "本报讯（记者 张三）5月2日，第二篇文章开始。" + "正文继续。" * 12
    text = first + "\n" + second
    spans = T.split_articles(text)
    assert spans == [(0, len(first) + 1), (len(first) + 1, len(text))]


def test_split_articles_empty_text() -> None:
    assert T.split_articles("") == [(0, 0)]


# ---------------------------------------------------------------- decoding

SAMPLE = "推动成渝地区双城经济圈建设，川渝通办事项达311项。\n第二段。\n"


def test_decode_utf8() -> None:
    got = T.decode(SAMPLE.encode("utf-8"), path="a.txt")
    assert (got.text, got.encoding, got.warnings) == (SAMPLE, "utf-8", [])


def test_decode_utf8_bom() -> None:
    got = T.decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert (got.text, got.encoding) == (SAMPLE, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    got = T.decode(bom + SAMPLE.encode(codec))
    assert (got.text, got.encoding) == (SAMPLE, "utf-16")


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_decode_gb18030(codec: str) -> None:
    got = T.decode(SAMPLE.encode(codec), path="gbk.txt")
    assert (got.text, got.encoding, got.warnings) == (SAMPLE, "gb18030", [])


def test_decode_gb18030_seed() -> None:
    raw = raw_seed("003")
    assert T.decode(raw.encode("gb18030")).text == raw


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\n".encode("utf-8")])
def test_decode_rejects_empty(data: bytes) -> None:
    with pytest.raises(T.InputError) as err:
        T.decode(data, path="empty.txt")
    assert err.value.path == "empty.txt"
    assert str(err.value).startswith("empty.txt: empty")
    assert "\n" not in str(err.value)


def test_decode_rejects_binary() -> None:
    data = bytes(range(256)) * 20
    with pytest.raises(T.InputError, match="bin.txt: binary"):
        T.decode(data, path="bin.txt")


def test_decode_rejects_pdf() -> None:
    with pytest.raises(T.InputError, match="PDF") as err:
        T.decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", path="report.txt")
    assert err.value.reason and str(err.value) == f"report.txt: {err.value.reason}"


def test_decode_few_bad_bytes_warns() -> None:
    data = (SAMPLE * 20).encode("utf-8") + b"\xff\xfe" + (SAMPLE * 20).encode("utf-8")
    got = T.decode(data, path="x.txt")
    assert got.encoding == "utf-8"
    assert got.text.count("\ufffd") == 2
    assert got.warnings and "2 undecodable" in got.warnings[0]


def test_decode_many_bad_bytes_rejected() -> None:
    body = (SAMPLE * 5).encode("utf-8")
    data = b"".join(body[i : i + 20] + b"\xff\x80" for i in range(0, len(body), 20))
    with pytest.raises(T.InputError, match="undecodable"):
        T.decode(data, path="bad.txt")


def test_decode_all_seeds_are_utf8() -> None:
    for path in SEEDS:
        assert T.decode(path.read_bytes(), path=str(path)).encoding == "utf-8"


# ---------------------------------------------------------------- robustness and speed


def test_normalise_odd_inputs_do_not_raise() -> None:
    for raw in ["", "\n\n", "。", "#", "# ", "---\n---\n", "---\n: [\n---\n正文。", "图/", "（上接1版）", "a\x00b", "亲"]:
        norm = T.normalise(raw)
        for start, end in T.split_sentences(norm.text):
            assert norm.text[start:end].strip()
        T.split_articles(norm)


def test_normalise_long_line_is_linear() -> None:
    line = "成渝地区双城经济圈建设，" * 170_000  # ~2 MB of UTF-8 on one line
    started = time.perf_counter()
    norm = T.normalise(line)
    T.split_sentences(norm.text)
    T.split_articles(norm)
    assert time.perf_counter() - started < 10
    assert norm.text.count(KEY) == 170_000


def test_normalise_many_lines_scales_linearly() -> None:
    page = raw_seed("001")
    small, big = page * 5, page * 40
    t0 = time.perf_counter()
    T.normalise(small)
    t1 = time.perf_counter()
    T.normalise(big)
    t2 = time.perf_counter()
    assert (t2 - t1) < max(0.5, (t1 - t0) * 8 * 3)


# ---------------------------------------------------------------- segmentation

TERMS = ["成渝地区双城经济圈", "川渝通办", "党政联席会议", "西部陆海新通道", "成渝中线高铁"]


def test_plain_jieba_splits_the_domain_terms() -> None:
    import jieba

    plain = jieba.Tokenizer()
    for term in TERMS:
        assert list(plain.cut(term)) != [term]


def test_user_dictionary_keeps_domain_terms_whole() -> None:
    for term in TERMS:
        assert T.cut(term) == [term]
    words = T.cut("推动成渝地区双城经济圈建设，川渝通办事项达311项")
    assert "成渝地区双城经济圈" in words and "川渝通办" in words


def test_segmenter_is_shared() -> None:
    assert T.segmenter() is T.segmenter()


def test_userdict_lines_are_well_formed() -> None:
    lines = (ROOT / "extractors" / "lexicons" / "userdict.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 30
    for line in lines:
        word, freq, tag = line.split(" ")
        assert word and int(freq) > 0 and tag.isalpha()


def test_a_statistic_series_head_follows_a_user_dictionary_added_later(tmp_path) -> None:
    # the dictionary words of a subject are memoised; adding a corpus's userdict must clear them (own process:
    # the added word would otherwise stay in this one)
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("高速公路通道 10 n\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from extractors.ingest import segment\n"
        "from factline.consolidate import _head\n"
        "before = _head('川渝间高速公路通道')\n"
        "segment.add_userdict(Path(sys.argv[1]))\n"
        "print(before, _head('川渝间高速公路通道'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(userdict)], cwd=ROOT, check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout.split()
    assert out == ["高速公路通道", "间高速公路通道"]


# ---------------------------------------------------------------- properties (issue 7)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["成渝地区", "双城经济圈", "建设", "。", "，", "！", "？", "；", "“", "”", "‘", "’", "（上接1版）", "图/张三",
     " ", "  ", "\n", "\n\n", "\r\n", "# ", "---\n", "本报讯", "本报记者 张三", "文 | 李四", "2024年6月21日",
     "星期五", "10", "亿元", "a", "Go", "\u3000", "\t", "亲", "编辑 王五", "……", "——", "\ufeff", "\x00"]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=80).map("".join))
_PROPERTY = settings(max_examples=300, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(_TEXTS)
def test_property_normalise_offsets(raw: str) -> None:
    norm = T.normalise(raw)
    text = norm.text
    assert text == text.strip()
    for start, end in norm.headings:
        assert 0 <= start < end <= len(text)
    spans = T.split_sentences(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and "\n" not in piece
        last = end
    articles = T.split_articles(norm)
    assert articles[0][0] == 0 and articles[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(articles, articles[1:]))


@_PROPERTY
@given(st.binary(max_size=400))
def test_property_decode_never_crashes(data: bytes) -> None:
    try:
        got = T.decode(data, path="p.txt")
    except T.InputError as err:
        assert str(err).startswith("p.txt: ") and "\n" not in str(err)
    else:
        assert got.encoding in ("utf-8", "utf-8-sig", "utf-16", "gb18030", "big5hkscs") and got.text.strip()


def test_decode_mostly_ascii_gbk_is_gb18030() -> None:
    data = ("Report 2024: " * 200 + "成渝").encode("gbk")
    got = T.decode(data)
    assert got.encoding == "gb18030" and got.text.endswith("成渝") and not got.warnings


def test_decode_utf8_seed_with_a_cut_character_warns() -> None:
    data = seed_path("003").read_bytes()
    cut_at = data.index("成渝".encode("utf-8")) + 1
    got = T.decode(data[:cut_at] + data[cut_at + 1 :], path="cut.txt")
    assert got.encoding == "utf-8" and got.warnings
    assert got.text.count("\ufffd") >= 1


def test_decode_gb18030_with_a_few_bad_bytes_warns() -> None:
    body = raw_seed("000").encode("gb18030")
    data = body[:1000] + b"\xff" + body[1000:]
    got = T.decode(data)
    assert got.encoding == "gb18030" and got.warnings and "曲比石伍" in got.text


@pytest.mark.parametrize("raw, clean", [
    ("雙方簽署戰(zhàn)略合作協(xié)議。", "雙方簽署戰略合作協議。"),
    ("市政府與集團(tuán)簽約（qiān）。", "市政府與集團簽約。"),
    ("第一期(2021)项目与A(1)、B（二）并列。", "第一期(2021)项目与A(1)、B（二）并列。"),  # not pinyin: kept
    ("他的英文名是Li (lǐ)。", "他的英文名是Li (lǐ)。"),  # after a Latin letter: kept
])
def test_pinyin_glosses_after_characters_are_dropped(raw: str, clean: str) -> None:
    assert T.normalise(raw).text == clean

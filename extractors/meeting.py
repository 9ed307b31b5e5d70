"""Meetings: convened gatherings with a canonical series name, session, date and location.

Four rules, tried in order on every sentence (earlier rules win where spans overlap):
``meeting.plenary`` (重庆市委五届八次全会: series 重庆市委五届全会, session 8),
``meeting.series_session`` (…联席会议第四次会议, 第六次党政联席会议, 中央财经委六次会议),
``meeting.org_convene`` (中共中央政治局召开会议, 市政府召开新闻发布会: organ + bare noun) and
``meeting.named`` (川渝两地人社部门工作座谈会在重庆召开, 第二届中国—中亚峰会在西安开幕).
Series names are made canonical with ``seeds/meeting_series.yaml`` (optional). Meetings only
planned (计划…承办, 迎接…召开, 筹备), counts (已举办了四次…) and venues (会议中心) are skipped.
Dates come from ``context.dates`` (or the narrative anchor when the sentence reports
the meeting being held without a date of its own); numerals from ``chinese_numerals``.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from extractors.chinese_numerals import parse_small
from extractors.records import Context, MeetingRecord, Span
from extractors.values import TimeValue

LEXICON_PATH = Path(__file__).parent / "lexicons" / "meeting.yaml"
SERIES_PATH = Path(__file__).resolve().parent.parent / "seeds" / "meeting_series.yaml"

_LIST_KEYS = ("nouns", "weak_nouns", "convene_verbs", "planned_markers", "count_markers",
              "generic_modifiers", "not_after")


class LexiconError(ValueError):
    """A lexicon file does not have the expected shape."""


def validate_lexicon(data: object) -> dict:
    """Check the meeting lexicon's shape: lists of non-empty strings and an online mapping."""
    if not isinstance(data, dict):
        raise LexiconError("meeting lexicon must be a mapping")
    for key in _LIST_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not words:
            raise LexiconError(f"meeting lexicon: {key!r} must be a non-empty list")
        for word in words:
            if not isinstance(word, str) or not word.strip() or re.search(r"[\s|()\\]", word):
                raise LexiconError(f"meeting lexicon: bad entry {word!r} in {key!r}")
    online = data.get("online")
    if not isinstance(online, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in online.items()):
        raise LexiconError("meeting lexicon: 'online' must map strings to strings")
    return data


def validate_series(data: object) -> dict:
    """Check the meeting series file: series with a name and variants, region pairs."""
    if not isinstance(data, dict):
        raise LexiconError("meeting series must be a mapping")
    for entry in data.get("series") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            raise LexiconError(f"meeting series: entry without a name: {entry!r}")
        variants = entry.get("variants") or []
        if not isinstance(variants, list) or not all(isinstance(v, str) and v for v in variants):
            raise LexiconError(f"meeting series: variants of {entry['name']} must be strings")
    pairs = data.get("region_pairs") or {}
    if not isinstance(pairs, dict) or not all(isinstance(v, list) for v in pairs.values()):
        raise LexiconError("meeting series: region_pairs must map a name to a list of aliases")
    for short in data.get("short_forms") or []:
        if not isinstance(short, dict) or not all(isinstance(short.get(k), str) and short[k] for k in ("form", "name")) \
                or not isinstance(short.get("near"), list) or not all(isinstance(w, str) and w for w in short["near"]):
            raise LexiconError(f"meeting series: a short form needs form, name and a list of near words: {short!r}")
    return data


def load_series(path: Path = SERIES_PATH) -> dict:
    """The canonical series table; an empty one when the seeds file is missing."""
    try:
        return validate_series(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except FileNotFoundError:
        return {"series": [], "region_pairs": {}}


LEXICON = validate_lexicon(yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")))
SERIES = load_series()


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first so 联席会议 wins over 会议."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _variants(series: dict) -> list[tuple[str, str]]:
    """(variant, canonical name), longest variant first; a variant starting with a region pair
    (重庆四川…) also stands for its other spellings (四川重庆…, 川渝…)."""
    pairs = series.get("region_pairs") or {}
    found: set[tuple[str, str]] = set()
    for entry in series.get("series", []):
        for variant in [entry["name"], *(entry.get("variants") or [])]:
            found.add((variant, entry["name"]))
            for canon, aliases in pairs.items():
                if variant.startswith(canon):
                    found.update((alias + variant[len(canon):], entry["name"]) for alias in aliases)
    return sorted(found, key=lambda p: len(p[0]), reverse=True)


# The longest variant a name ends with decides its series.
_VARIANTS = _variants(SERIES)

NOUN = _alt(LEXICON["nouns"])
ANY_NOUN = _alt(LEXICON["nouns"] + LEXICON["weak_nouns"])
CN_NUM = r"[0-9０-９〇零一二两三四五六七八九十百]{1,4}"
# Characters a meeting or organ name is written with (CJK, Latin, digits, brackets, quotes, spaces).
NAME_CHAR = r"[\u4e00-\u9fffA-Za-z0-9０-９（）()“”\"《》·—\-－\s]"

_NOUN_RE = re.compile(f"(?:{ANY_NOUN})")
_WEAK_SET = frozenset(LEXICON["weak_nouns"])
_NOT_AFTER = re.compile(f"(?:{_alt(LEXICON['not_after'])})")
_CONVENE = re.compile(f"(?:{_alt(LEXICON['convene_verbs'])})")
_PLANNED = re.compile(f"(?:{_alt(LEXICON['planned_markers'])})")
_COUNT = re.compile(f"(?:{_alt(LEXICON['count_markers'])})")
_GENERIC = frozenset(LEXICON["generic_modifiers"])
_ONLINE = re.compile(f"(?:{_alt(list(LEXICON['online']))})(?:形式|方式|会议|连线)")
# A count of meetings written after the noun (会议6次, 已连续举办6次) or before it (举办了四次).
_COUNT_AFTER = re.compile(rf"^(?:[^，。；]{{0,8}}?(?:召开|举办|举行)(?:了)?)?{CN_NUM}[余多]?次")
_COUNT_BEFORE = re.compile(rf"(?<!第){CN_NUM}[余多]?次$")
# Where a name starts: after punctuation, a verb of convening, a relative 的, a preposition.
_NAME_STOP = re.compile(
    r".*(?:[，,。；;：:、！？!?…]|——|的|了|在|于|和|与|即|通过|审议|召开|举行|举办|主持|出席|参加|牵头|对此|随着|"
    r"从|由|是|为|据|按照|根据|经过|期间|其中|作为|围绕|之后|此外|同时|另外|暨)",
    re.S,
)
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?]")
# 在<venue>召开/举行: the venue is the location.
_VENUE = re.compile(r"在([\u4e00-\u9fffA-Za-z0-9（）()·]{2,24}?)[上内里中]?(?:召开|举行|举办|开幕|隆重召开|顺利召开)")
_LEADING_CPC = re.compile(r"^中共(?=[\u4e00-\u9fff]{2,}(?:委|委员会))")

# 重庆市委五届八次全会, 十三届全国人大三次会议, 十九届五中全会
_PLENARY = re.compile(
    rf"(?P<term>{CN_NUM})届(?P<mid>[\u4e00-\u9fff]{{0,6}}?)(?P<session>{CN_NUM})(?:次|中)"
    r"(?P<noun>全体会议|全会|主席会议|常委会议|常务会议|会议)"
)
# …第N次会议 / 第N次党政联席会议 / 中央财经委六次会议
_SESSION = re.compile(
    rf"(?P<ordinal>第)?(?P<session>{CN_NUM})次(?P<mid>[\u4e00-\u9fffA-Za-z（）()“”]{{0,14}}?)(?P<noun>{NOUN})"
)
_ORG_END = re.compile(r"(?:委员会|委|常委会|工作组|领导小组|人大|政协|政府|国务院|政治局|办公室)$")
_ORG_CONVENE = re.compile(
    rf"(?P<verb>召开|举行)(?:了)?(?P<mid>[\u4e00-\u9fff“”]{{0,4}}?)(?P<noun>{NOUN})"
)


@dataclass(frozen=True)
class Rule:
    """A named rule: a compiled pattern and how to build a record from one match."""

    name: str
    pattern: re.Pattern
    build: Callable[[re.Match, str, Context, str], tuple[MeetingRecord, int] | None]


def canonical_name(name: str, around: str = "") -> str:
    """The series name: spaces and quotes out, 中共 off, known variants mapped to one name; a short
    form (党政联席会议) takes its series' name when ``around`` speaks of the series' region."""
    name = re.sub(r"[\s“”\"]+", "", name)
    name = _LEADING_CPC.sub("", name)
    for variant, canon in _VARIANTS:
        if name.endswith(variant):
            return canon
    for short in SERIES.get("short_forms") or []:
        if name == short["form"] and any(word in around for word in short["near"]):
            return short["name"]
    return name


_ORG_STOP = re.compile(
    r".*(?:[，,。；;：:！？!?…]|——|的|了|在|于|即|通过|审议|召开|举行|举办|主持|出席|参加|对此|随着|从|由|是|为|据|按照|"
    r"根据|经过|期间|其中|作为|围绕|之后|此外|同时|另外)",
    re.S,
)


def _name_before(sentence: str, end: int, context: Context, limit: int = 40,
                 stop_re: re.Pattern = _NAME_STOP) -> str:
    """The name written right before ``end``: from the last boundary (punctuation, verb, 的, a date)."""
    start = max(0, end - limit)
    for ds, de, _ in context.dates:
        if start <= de <= end:
            start = de
    window = sentence[start:end]
    stop = stop_re.match(window)
    if stop:
        window = window[stop.end():]
    m = re.search(f"{NAME_CHAR}*$", window)
    return m.group(0).strip() if m else ""


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around [start, end), between commas and semicolons."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right_m = _CLAUSE_BREAK.search(sentence, end)
    return left, right_m.start() if right_m else len(sentence)


def _inside_title(sentence: str, pos: int) -> bool:
    return sentence.rfind("《", 0, pos) > sentence.rfind("》", 0, pos)


def _widen_fuzzy(tv: TimeValue) -> TimeValue:
    """年初 / 年中 say no month: keep the year (precision is never invented)."""
    if "fuzzy" in tv.flags and re.search(r"年[初中]", tv.text):
        year = tv.start.year
        return TimeValue(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), "year", tv.text, tv.flags)
    return tv


def event_time(sentence: str, context: Context, start: int, end: int, *, held: bool) -> TimeValue | None:
    """The date of an event stated at [start, end): the nearest date before it, else one after it in
    its clause, else the narrative anchor when the sentence reports the event happening (``held``)."""
    dates = [(s, e, tv) for s, e, tv in context.dates
             if not _inside_title(sentence, s) and not (start <= s < end) and not tv.text.endswith("来")]
    before = [d for d in dates if d[1] <= start]
    if (len(before) > 1 and before[-1][2].precision == "year" and before[-2][2].precision != "year"
            and not _CLAUSE_BREAK.search(sentence, before[-1][1], start)):
        before.pop()  # 6月8日，2023年全省…大会: the year is part of the name, the day is the meeting's
    if before:
        return _widen_fuzzy(before[-1][2])
    _, clause_end = _clause(sentence, start, end)
    after = [d for d in dates if end <= d[0] < clause_end]
    if after:
        return _widen_fuzzy(after[0][2])
    anchor = context.anchor
    if held and anchor is not None and anchor.precision == "day" and not re.search(r"此前|之前|曾经|早在", sentence):
        return anchor
    return None


def _session(text: str) -> int | None:
    value = parse_small(text)
    return value if value and value > 0 else None


def _location(sentence: str, start: int, end: int) -> str | None:
    """视频 / 线上 when held remotely, else the venue of 在…召开/举行 near the meeting."""
    clause_start, clause_end = _clause(sentence, start, end)
    around = sentence[max(0, clause_start - 12):min(len(sentence), clause_end + 16)]
    online = _ONLINE.search(around)
    if online:
        word = re.match(f"(?:{_alt(list(LEXICON['online']))})", online.group(0)).group(0)
        return LEXICON["online"][word]
    for m in _VENUE.finditer(sentence):
        # the venue must belong to this meeting: inside its clause or right after it
        if clause_start - 20 <= m.start() <= clause_end + 2 and not re.search(r"[年月日]$|^[0-9０-９]", m.group(1)):
            return m.group(1)
    return None


def _blocked(sentence: str, start: int, end: int, *, weak: bool, dated: bool) -> bool:
    """A meeting only planned, counted, generic, or not convened is not a record."""
    clause_start, clause_end = _clause(sentence, start, end)
    clause = sentence[clause_start:clause_end]
    if _PLANNED.search(sentence, clause_start, start) or re.search(r"将(?:于|在)?[^，。]{0,12}(?:召开|举行|举办)",
                                                                     sentence[end:clause_end]):
        return True
    if re.match(r"[“”\"]?的?(?:筹备|准备|决定|议程|日期)", sentence[end:clause_end]):
        return True  # 座谈会的筹备工作, 关于召开…会议的决定: the meeting is still to come
    if _COUNT.search(clause) or _COUNT_AFTER.match(sentence[end:clause_end]):
        return True
    if _COUNT_BEFORE.search(sentence[clause_start:start]):
        return True
    if _NOT_AFTER.match(sentence, end):
        return True
    convened = bool(_CONVENE.search(sentence, clause_start, clause_end))
    if weak:
        return not convened
    return not (convened or dated)


def _record(name: str, session: int | None, sentence: str, context: Context, start: int, end: int,
            rule: str, name_start: int | None = None) -> tuple[MeetingRecord, int]:
    clause_start, clause_end = _clause(sentence, start, end)
    held = bool(_CONVENE.search(sentence, clause_start, clause_end))
    span_start, span_end = _quote_bounds(sentence, context, start if name_start is None else name_start, end)
    record = MeetingRecord(
        name=canonical_name(name, around=sentence + context.previous),
        session=session,
        time=event_time(sentence, context, start, end, held=held),
        location=_location(sentence, start, end),
        span=Span(span_start, span_end, rule),
    )
    return record, start if name_start is None else name_start


def _quote_bounds(sentence: str, context: Context, start: int, end: int) -> tuple[int, int]:
    """A short clause stating the meeting: from its date (if just before) to the end of its clause."""
    clause_start, clause_end = _clause(sentence, start, end)
    begin = start
    for s, e, _ in context.dates:
        if e <= start and start - e <= 3:
            begin = s
    if begin == start and clause_start < start:
        begin = clause_start
    stop = min(clause_end, end + 20)
    if stop - begin > 60:
        begin = max(begin, stop - 60)
    return begin, max(stop, end)


def _build_plenary(m: re.Match, sentence: str, context: Context, rule: str) -> tuple[MeetingRecord, int] | None:
    org = _name_before(sentence, m.start(), context, limit=20)
    if not org and sentence[:m.start()].endswith("党的"):
        org = "中共"  # 党的二十届三中全会: the Central Committee
    convener = re.search(r"([\u4e00-\u9fff]{2,10}?)(?:主持)?(?:召开|举行)(?:了)?$", sentence[:m.start()])
    if not org and convener:
        org = _name_before(sentence, convener.start(1) + len(convener.group(1)), context, limit=12,
                           stop_re=_ORG_STOP)  # 市政协召开十四届三十五次主席会议
    noun = {"全体会议": "全会", "全会": "全会"}.get(m.group("noun"), m.group("noun"))
    session = _session(m.group("session"))
    if session is None or _blocked(sentence, m.start(), m.end(), weak=False, dated=True):
        return None
    name = f"{org}{m.group('term')}届{m.group('mid')}{noun}"
    return _record(name, session, sentence, context, m.start() - len(org), m.end(), rule)


def _build_session(m: re.Match, sentence: str, context: Context, rule: str) -> tuple[MeetingRecord, int] | None:
    prefix = _name_before(sentence, m.start(), context)
    mid, noun = m.group("mid"), m.group("noun")
    if not m.group("ordinal"):
        # 中央财经委六次会议: without 第 only right after an organ's name, else it is a count
        if not prefix or not _ORG_END.search(prefix) or mid:
            return None
    if _NOT_AFTER.match(sentence, m.end()):
        return None
    session = _session(m.group("session"))
    if session is None:
        return None
    ends_with_noun = bool(re.search(f"(?:{ANY_NOUN})$", prefix))
    if prefix and not mid and (ends_with_noun or (_ORG_END.search(prefix) and noun in ("会议", "全体会议"))):
        name = prefix  # 川渝党政联席会议第四次会议, 中央财经委员会第六次会议 (but 市政府常务会议)
    else:
        name = f"{prefix}{mid}{noun}"
    if re.search(r"参加|出席|列席|召开|举行|主持", mid):
        return None  # 第一次参加联席会议: 第一次 is "the first time", not a session
    if name in ("会议", "全会", "全体会议") or _PLANNED.search(sentence, _clause(sentence, m.start(), m.end())[0], m.start()):
        return None
    return _record(name, session, sentence, context, m.start() - len(prefix), m.end(), rule)


def _build_named(m: re.Match, sentence: str, context: Context, rule: str) -> tuple[MeetingRecord, int] | None:
    noun = m.group(0)
    if sentence[m.start() - 1:m.start()] == "第" or _inside_title(sentence, m.start()):
        return None
    prefix = _name_before(sentence, m.start(), context)
    if re.search(f"(?:{ANY_NOUN})[“”\"]?暨$", sentence[:m.start() - len(prefix)]):
        return None  # …成立大会暨社会责任高峰论坛: one gathering, named by its first part
    core = prefix.strip("“”\"")
    if (re.match(rf"第?{CN_NUM}[余多]?次", core) or sentence.startswith("第", m.end())
            or _COUNT_BEFORE.search(sentence[:m.start() - len(prefix)])):
        return None  # 举办了四次党政联席会议: a count
    if len(core) < 2 or core in _GENERIC or any(core.endswith(g) and len(core) - len(g) < 2 for g in _GENERIC):
        return None
    clause_start, clause_end = _clause(sentence, m.start(), m.end())
    dated = any(clause_start <= s and e <= m.start() and not tv.text.endswith("来")
                for s, e, tv in context.dates)
    if _blocked(sentence, m.start(), m.end(), weak=noun in _WEAK_SET, dated=dated):
        return None
    edition = re.match(rf"第({CN_NUM})届(?=[\u4e00-\u9fff“])", prefix)
    session = _session(edition.group(1)) if edition else None
    name = prefix[edition.end():] if edition else prefix  # 第二届中国—中亚峰会: series and edition
    return _record(name + noun, session, sentence, context, m.start() - len(prefix), m.end(), rule)


def _build_org_convene(m: re.Match, sentence: str, context: Context, rule: str) -> tuple[MeetingRecord, int] | None:
    mid = m.group("mid").strip("“”")
    end = m.start()
    for s, e, _ in context.dates:
        if e == end:
            end = s  # 国务院新闻办公室12日举行新闻发布会: the organ is written before the date
    org = _name_before(sentence, end, context, limit=16, stop_re=_ORG_STOP)
    org = re.sub(r"(?:主持|牵头|联合|共同|还|也|再次|正式)+$", "", org)
    if not org or len(org) > 14 or (len(mid) > 2 and mid not in _GENERIC):
        return None  # a long modifier names the meeting itself: meeting.named handles it
    if _blocked(sentence, m.start("noun"), m.end(), weak=False, dated=True):
        return None
    org = re.sub(r"(?:与|和|、)", "", org) if len(org) <= 10 else org
    name = f"{org}{mid if mid not in _GENERIC else ''}{m.group('noun')}"
    return _record(name, None, sentence, context, m.start(), m.end(), rule, name_start=end - len(org))


# Order matters: the plenary form (五届八次全会) must win over the plain session form (八次全会 is
# not 第N次), and numbered sessions over the unnumbered name so 第二次联席会议 keeps its session.
RULES: tuple[Rule, ...] = (
    Rule("meeting.plenary", _PLENARY, _build_plenary),
    Rule("meeting.series_session", _SESSION, _build_session),
    Rule("meeting.org_convene", _ORG_CONVENE, _build_org_convene),
    Rule("meeting.named", _NOUN_RE, _build_named),
)


def extract(sentence: str, *, context: Context) -> list[MeetingRecord]:
    """Every meeting held (or reported) in ``sentence``; planned meetings and counts are skipped."""
    taken: list[tuple[int, int]] = []
    found: list[MeetingRecord] = []
    for rule in RULES:
        for m in rule.pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            built = rule.build(m, sentence, context, rule.name)
            if built is not None:
                record, name_start = built
                taken.append((min(name_start, m.start()), m.end()))
                found.append(record)
    return sorted(found, key=lambda r: r.span.start)

"""Meetings: convened gatherings with a canonical series name, session, date and location.

Four rules, run by ``extractors.rules.run_rules`` (of overlapping matches the longest wins):
``meeting.plenary`` (重庆市委五届八次全会: series 重庆市委五届全会, session 8),
``meeting.series_session`` (…联席会议第四次会议, 第六次党政联席会议, 中央财经委六次会议),
``meeting.org_convene`` (中共中央政治局召开会议, 市政府召开新闻发布会: organ + bare noun) and
``meeting.named`` (川渝两地人社部门工作座谈会在重庆召开, 第二届中国—中亚峰会在西安开幕).
Series names are made canonical with ``seeds/meeting_series.yaml`` (optional). Meetings only
planned (计划…承办, 迎接…召开, 筹备), counts (已举办了四次…) and venues (会议中心) are skipped.
Dates come from ``context.dates`` through ``extractors.dating`` (or the narrative anchor when the
sentence reports the meeting being held without a date of its own); numerals from ``chinese_numerals``.
Names stop before 以…形式 / 在 / 于, take in parts joined by 暨 / 和 (集中签约暨推进会), and a meeting
an organ convenes 在<city> is named by the organ (…办公室在上海召开新闻发布会).
"""

import re
from dataclasses import replace

from extractors.facts import dating
from extractors.expressions.chinese_numerals import parse_small
from extractors.facts.meeting_rules import (
    ANY_NOUN,
    CN_NUM,
    CONVENE_RE,
    CONVENER_END_RE,
    COUNT_AFTER_RE,
    COUNT_BEFORE_RE,
    COUNT_RE,
    GENERIC,
    HELD_AFTER_RE,
    LEXICON,
    LEXICON_PATH,
    MODE_AFTER_RE,
    NAME_CHAR,
    NAME_STOP_RE,
    NOT_AFTER_RE,
    NOUN_RE,
    ONLINE_RE,
    ORG_CONVENE_RE,
    SITTING_NOUNS,
    SITTING_RE,
    ORG_END_RE,
    ORG_STOP_RE,
    PLANNED_AFTER_RE,
    PLANNED_RE,
    PLENARY_RE,
    SEGMENT_OPEN_RE,
    SERIES,
    SERIES_PATH,
    SESSION_RE,
    VENUE_RE,
    WEAK_NOUNS,
    SCHEMA,
    SERIES_SCHEMA,
    canonical_name,
    load_series,
)
from extractors.records import Context, MeetingRecord, Span
from extractors.rules import SHARED, Rule, alternation, clause, find_records, inside_title
from extractors.values import TimeValue

# The lexicon and series helpers live in meeting_rules; they are part of this module's interface.
__all__ = ["RULES", "extract", "LEXICON", "LEXICON_PATH", "SERIES", "SERIES_PATH",
           "SCHEMA", "SERIES_SCHEMA", "canonical_name", "load_series"]


def _name_before(sentence: str, end: int, context: Context, limit: int = 40,
                 stop_re: re.Pattern = NAME_STOP_RE) -> str:
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


def _extend_name(sentence: str, name_start: int, context: Context) -> int:
    """Where a name joined by 暨 / 和 starts (集中签约暨推进会, 生态保护和高质量发展推进会): the part
    before the joiner belongs to it when it opens its clause (after punctuation or a date) and is not
    itself a meeting (…座谈会和…推进会 are two)."""
    while name_start > 1 and sentence[name_start - 1] in "暨和":
        segment = _name_before(sentence, name_start - 1, context, limit=24)
        seg_start = name_start - 1 - len(segment)
        opens = SEGMENT_OPEN_RE.search(sentence, 0, seg_start) or any(e == seg_start for _, e, _ in context.dates)
        if len(segment) < 2 or not opens or re.search(f"(?:{ANY_NOUN})$", segment) \
                or CONVENE_RE.search(segment):
            break
        name_start = seg_start
    return name_start


_ONLINE_WORD = re.compile(alternation(LEXICON["online"]))
_EARLIER = re.compile(alternation(SHARED["earlier_markers"]))
LEADING_PARTY = re.compile(r"^(?:中国共产党|中共)")


def event_time(sentence: str, context: Context, start: int, end: int, *, held: bool) -> TimeValue | None:
    """The date of a meeting stated at [start, end) (``extractors.dating``), else the narrative's day
    when the sentence reports the meeting being held (``held``) and not at some earlier time."""
    if not held and _referenced(sentence, start, end):
        # 传达学习…全会精神: only a date written onto the name dates it (4月30日中共中央政治局会议精神)
        return next((tv for s, e, tv in context.dates if e in (start, start - 1) and tv.precision == "day"), None)
    # …会议研究部署当前工作: a "now" after the meeting is its agenda's, not its date; 全市一季度经济运行分析暨
    # 项目建设调度会: a period written into the name (up to the noun, no break or verb between) labels it
    written_after = next((tv for s, e, tv in context.dates if tv.precision == "day" and "now" not in tv.flags
                          and s >= end and re.fullmatch(r"[\u4e00-\u9fff]?", sentence[end:s])), None)
    if written_after is not None:
        return written_after  # 行政院会13日通过…, 立法院会今邀…: the day written onto the name, whatever came before
    agenda = tuple((s, e) for s, e, tv in context.dates if s >= end and "now" in tv.flags)
    labels = tuple((s, e) for s, e, tv in context.dates
                   if e <= start and tv.precision in ("quarter", "half") and _NAME_RUN.fullmatch(sentence, e, start))
    return dating.event_time(sentence, context, start, end, use_anchor=held and not _EARLIER.search(sentence),
                             year_labels=True, exclude=agenda + labels)


_NAME_RUN = re.compile(r"[\u4e00-\u9fff“”]*")


_PASSED_ON = re.compile(r"传达|贯彻|学习(?!会)|落实|领会")


def _referenced(sentence: str, start: int, end: int) -> bool:
    """A meeting passed on, not held: 传达学习 / 贯彻 before it in its clause, or its 精神 after it."""
    clause_start, clause_end = clause(sentence, start, end)
    return bool(_PASSED_ON.search(sentence, clause_start, start)) or "精神" in sentence[end:clause_end]


def _session(text: str) -> int | None:
    value = parse_small(text)
    return value if value and value > 0 else None


def _location(sentence: str, start: int, end: int) -> str | None:
    """视频 / 线上 when held remotely, else the venue of 在…召开/举行 near the meeting."""
    clause_start, clause_end = clause(sentence, start, end)
    around = sentence[max(0, clause_start - 12):min(len(sentence), clause_end + 16)]
    online = ONLINE_RE.search(around)
    if online:
        word = _ONLINE_WORD.match(online.group(0)).group(0)
        return LEXICON["online"][word]
    for m in VENUE_RE.finditer(sentence):
        # the venue must belong to this meeting: inside its clause or right after it
        if clause_start <= m.start() <= clause_end + 2 and not re.search(r"[年月日]$|^[0-9０-９]", m.group(1)):
            return m.group(1)
    return None


def _blocked(sentence: str, start: int, end: int, *, weak: bool, dated: bool, numbered: bool = False) -> bool:
    """A meeting only planned, counted, generic, or not convened is not a record; a numbered session
    referred to by what it produced (…六次全会精神) was held."""
    clause_start, clause_end = clause(sentence, start, end)
    text = sentence[clause_start:clause_end]
    if PLANNED_RE.search(sentence, clause_start, start) or PLANNED_AFTER_RE.match(sentence[end:clause_end]):
        return True  # …第六次会议将于年底前在河北召开: still to come
    if re.match(r"[“”\"]?的?(?:筹备|准备|决定|议程|日期)", sentence[end:clause_end]):
        return True  # 座谈会的筹备工作, 关于召开…会议的决定: the meeting is still to come
    if COUNT_RE.search(text) or COUNT_AFTER_RE.match(sentence[end:clause_end]):
        return True
    if COUNT_BEFORE_RE.search(sentence[clause_start:start]):
        return True
    if NOT_AFTER_RE.match(sentence, end) and not (numbered and HELD_AFTER_RE.match(sentence, end)):
        return True
    convened = bool(CONVENE_RE.search(sentence, clause_start, clause_end))
    if weak:
        return not convened
    return not (convened or dated)


_UNBALANCED = re.compile(r"^[^（(]*[)）]|[《》]")


def plausible_name(name: str) -> bool:
    """A meeting's name is a name: no piece of a document title and no bracket closed before it opens
    (…报告(送审稿)》会议听取… is a title's end and the next clause)."""
    return not (_UNBALANCED.search(name) or "」" in name and "「" not in name)


def _record(name: str, session: int | None, sentence: str, context: Context, start: int, end: int,
            rule: str, name_start: int | None = None) -> list[MeetingRecord]:
    if not plausible_name(name):
        return []
    clause_start, clause_end = clause(sentence, start, end)
    held = bool(CONVENE_RE.search(sentence, clause_start, clause_end))
    time = event_time(sentence, context, start, end, held=held)
    if time is not None and time.start > context.reference:
        return []  # 2022年…联席会议由贵州省承办, told in 2021: still to come
    span_start, span_end = _quote_bounds(sentence, context, start if name_start is None else name_start, end)
    record = MeetingRecord(
        name=canonical_name(name, around=sentence + context.previous),
        session=session,
        time=time,
        location=_location(sentence, start, end),
        span=Span(span_start, span_end, rule),
    )
    return [record]


def _quote_bounds(sentence: str, context: Context, start: int, end: int) -> tuple[int, int]:
    """A short clause stating the meeting: from its date (if just before) to the end of its clause."""
    clause_start, clause_end = clause(sentence, start, end)
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


def _build_plenary(m: re.Match, sentence: str, context: Context, rule: str) -> list[MeetingRecord]:
    if inside_title(sentence, m.start()):
        return []  # 《关于贯彻党的二十届三中全会精神…的意见》: a document's title, as for meeting.named
    org = _name_before(sentence, m.start(), context, limit=20)
    if not org and sentence[:m.start()].endswith("党的"):
        org = "中共"  # 党的二十届三中全会: the Central Committee
    convener = re.search(r"([\u4e00-\u9fff]{2,10}?)(?:主持)?(?:召开|举行)(?:了)?$", sentence[:m.start()])
    if not org and convener:
        org = _name_before(sentence, convener.start(1) + len(convener.group(1)), context, limit=12,
                           stop_re=ORG_STOP_RE)  # 市政协召开十四届三十五次主席会议
        org = org if CONVENER_END_RE.search(org) else ""  # …会议室主持召开: a room convenes nothing
    noun = {"全体会议": "全会", "全会": "全会"}.get(m.group("noun"), m.group("noun"))
    session = _session(m.group("session"))
    if session is None or _blocked(sentence, m.start(), m.end(), weak=False, dated=True, numbered=True):
        return []
    mid = m.group("mid")
    if mid == "委员会第" and org.endswith("第"):
        # 中国共产党重庆市第六届委员会第二次全体会议: the committee's series is 重庆市委六届全会
        org, mid = LEADING_PARTY.sub("", org[:-1]) + "委", ""
    mid = mid.removesuffix("第")  # 十一届党委常委会第167次会议: 第 marks the session, it is not in the name
    if m.group("after"):
        org = ""  # 主持召开五届68次区政府常务会议: the organ is named after the session, not before the term
    name = f"{org}{m.group('term')}届{mid}{m.group('after')}{noun}"
    return _record(name, session, sentence, context, m.start() - len(org), m.end(), rule)


def _build_session(m: re.Match, sentence: str, context: Context, rule: str) -> list[MeetingRecord]:
    prefix = _name_before(sentence, m.start(), context)
    mid, noun = m.group("mid"), m.group("noun")
    if not m.group("ordinal"):
        # 中央财经委六次会议: without 第 only right after an organ's name, else it is a count
        if not prefix or not ORG_END_RE.search(prefix) or mid:
            return []
    if (NOT_AFTER_RE.match(sentence, m.end()) and not HELD_AFTER_RE.match(sentence, m.end())) \
            or PLANNED_AFTER_RE.match(sentence[m.end():]):
        return []  # …联席会议第六次会议将于年底前召开: planned; (…第九十次常务会议精神: held, referred to)
    if HELD_AFTER_RE.match(sentence, m.end()) and noun in _CONGRESSES:
        return []  # 贯彻中共某省第十五次代表大会精神: a party congress named in a set phrase
    if prefix:
        prefix = sentence[_extend_name(sentence, m.start() - len(prefix), context):m.start()]
    convener = None if prefix else re.search(r"([\u4e00-\u9fff]{2,10}?)(?:召开|举行)(?:了)?$", sentence[:m.start()])
    if convener and m.group("ordinal"):
        org = _name_before(sentence, convener.start(1) + len(convener.group(1)), context, limit=12,
                           stop_re=ORG_STOP_RE)  # 市政协召开第十五次主席会议: the organ names the series
        if org and CONVENER_END_RE.search(org) and not re.search(r"参加|出席|列席|召开|举行|主持", mid):
            return _record(f"{org}{mid}{noun}", _session(m.group("session")), sentence, context, m.start(), m.end(),
                           rule, name_start=convener.start(1) + len(convener.group(1)) - len(org))
    session = _session(m.group("session"))
    if session is None:
        return []
    ends_with_noun = bool(re.search(f"(?:{ANY_NOUN})$", prefix))
    if prefix and not mid and (ends_with_noun or (ORG_END_RE.search(prefix) and noun in ("会议", "全体会议"))):
        name = prefix  # 川渝党政联席会议第四次会议, 中央财经委员会第六次会议 (but 市政府常务会议)
    else:
        name = f"{prefix}{mid}{noun}"
    if re.search(r"参加|出席|列席|召开|举行|主持", mid):
        return []  # 第一次参加联席会议: 第一次 is "the first time", not a session
    if name in ("会议", "全会", "全体会议") or PLANNED_RE.search(sentence, clause(sentence, m.start(), m.end())[0], m.start()):
        return []
    records = _record(name, session, sentence, context, m.start() - len(prefix), m.end(), rule)
    others = [_session(o) for o in re.findall(rf"第({CN_NUM})", m.group("others") or "")]
    return [replace(r, session=s) for s in others if s is not None for r in records] + records


_CONGRESSES = frozenset({"代表大会", "党代会"})
_EDITION = re.compile(rf"第({CN_NUM})届(?=[\u4e00-\u9fff“])")
# 暨 and a numbered session after a meeting noun (党组会议暨2022年第14次常务会议)
_SESSION_AFTER = re.compile(rf"暨(?:[0-9]{{4}}年)?第?{CN_NUM}次")


def _build_named(m: re.Match, sentence: str, context: Context, rule: str) -> list[MeetingRecord]:
    noun = m.group(0)
    if sentence[m.start() - 1:m.start()] == "第" or inside_title(sentence, m.start()):
        return []
    if noun in SITTING_NOUNS and not SITTING_RE.match(sentence, m.end()):
        return []  # 市人大常委会副主任: the body, not a sitting of it (省委常委会传达学习…)
    if MODE_AFTER_RE.match(sentence, m.end()) and noun in LEXICON["online"]:
        return []  # 以视频会议形式召开: the form of another meeting
    prefix = _name_before(sentence, m.start(), context)
    if re.search(f"(?:{ANY_NOUN})[“”\"]?暨$", sentence[:m.start() - len(prefix)]):
        return []  # …成立大会暨社会责任高峰论坛: one gathering, named by its first part
    if _SESSION_AFTER.match(sentence, m.end()) or PLENARY_RE.search(prefix):
        return []  # …党组会议暨2022年第14次常务会议, 十三届一次会议预备会议: the numbered session names it
    prefix = sentence[_extend_name(sentence, m.start() - len(prefix), context):m.start()]
    core = prefix.strip("“”\"")
    if (re.match(rf"第?{CN_NUM}[余多]?次", core) or sentence.startswith("第", m.end())
            or COUNT_BEFORE_RE.search(sentence[:m.start() - len(prefix)])):
        return []  # 举办了四次党政联席会议: a count
    if len(core) < 2 or core in GENERIC or any(core.endswith(g) and len(core) - len(g) < 2 for g in GENERIC):
        return []
    clause_start, clause_end = clause(sentence, m.start(), m.end())
    # a date before the name in its clause, or written right after it (行政院会今天通过…, 院会昨（19）日三读…)
    # or the date that opens the sentence as a clause of its own (7月1日，市政府常务会议审议通过…)
    dated = any((clause_start <= s and e <= m.start() or m.end() <= s <= m.end() + 1 and tv.precision == "day"
                 or s == 0 and not sentence[e:clause_start].strip("，,、 "))
                and not tv.text.endswith("来") for s, e, tv in context.dates)
    if _blocked(sentence, m.start(), m.end(), weak=noun in WEAK_NOUNS, dated=dated):
        return []
    edition = _EDITION.search(prefix)
    session = _session(edition.group(1)) if edition else None
    # 第二届中国—中亚峰会, 中原经济协作区第29届市长联席会议: the series without its edition
    name = prefix[:edition.start()] + prefix[edition.end():] if edition else prefix
    return _record(name + noun, session, sentence, context, m.start() - len(prefix), m.end(), rule)


def _build_org_convene(m: re.Match, sentence: str, context: Context, rule: str) -> list[MeetingRecord]:
    mid = m.group("mid").strip("“”")
    end = m.start()
    for s, e, _ in context.dates:
        if e == end:
            end = s  # 国务院新闻办公室12日举行新闻发布会: the organ is written before the date
    venue = re.search(r"(?:在|于)[\u4e00-\u9fffA-Za-z0-9·]{2,12}$", sentence[max(0, end - 14):end])
    if venue:
        end -= len(venue.group(0))  # 办公室在上海召开新闻发布会: the organ, not the city, names it
    org = _name_before(sentence, end, context, limit=16, stop_re=ORG_STOP_RE)
    org = re.sub(r"(?:主持|牵头|联合|共同|还|也|又|再次|正式|继续|随后|专门|紧急|分别|先后)+$", "", org)
    if not org or len(org) > 14 or (len(mid) > 2 and mid not in GENERIC):
        return []  # a long modifier names the meeting itself: meeting.named handles it
    if _blocked(sentence, m.start("noun"), m.end(), weak=False, dated=True):
        return []
    org = re.sub(r"(?:与|和|、)", "", org) if len(org) <= 10 else org
    if re.match(r"[省市县区州]委", mid) and org.endswith(mid[:2]):
        mid = mid[2:]  # 兴县县委召开县委常委扩大会议: the committee is named once
    name = f"{org}{mid if mid not in GENERIC else ''}{m.group('noun')}"
    return _record(name, None, sentence, context, m.start(), m.end(), rule, name_start=end - len(org))


# Overlaps go to the longest match: the plenary form (五届八次全会) covers the plain session form
# (八次全会 is not 第N次), a numbered session its bare noun, so 第二次联席会议 keeps its session;
# the table order only breaks ties.
RULES: tuple[Rule, ...] = (
    Rule("meeting.plenary", PLENARY_RE, _build_plenary),
    Rule("meeting.series_session", SESSION_RE, _build_session),
    Rule("meeting.org_convene", ORG_CONVENE_RE, _build_org_convene),
    Rule("meeting.named", NOUN_RE, _build_named),
)


def extract(sentence: str, *, context: Context) -> list[MeetingRecord]:
    """Every meeting held (or reported) in ``sentence``; planned meetings and counts are skipped."""
    # every rule ends in a meeting noun: most sentences stop there; a headline (正在阅读:…座谈会召开)
    # restates the report, only one dated to the day or month stands alone
    return find_records(RULES, sentence, context, trigger=NOUN_RE, keep_headline=_dated)


def _dated(context: Context) -> bool:
    return any(tv.precision in ("day", "month") and "now" not in tv.flags for _, _, tv in context.dates)

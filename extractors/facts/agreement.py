"""Agreements: things signed (签署/签订/达成 … 协议, 框架协议, 备忘录), with title, parties and date.

Rules (run by ``extractors.rules.run_rules``: of overlapping matches the longest wins):
``agreement.sign_title`` (签署《…框架协议》: the title without brackets),
``agreement.sign_verb`` (A与B签署战略合作协议, A与B签约: untitled, title None),
``agreement.passive`` (《…协议》签署 / …合作协议签署: the subject is the agreement) and
``agreement.ceremony`` (A…签约仪式: a signing ceremony).
Parties are written as in the text; 双方 / 两地 are resolved from the previous sentence when it
names them (its opening list, else the organisations it names). Counts (签署…协议200份) and
signings only planned (将于下月签署) are not records. Dates come from ``context.dates`` or the narrative anchor (never parsed here).
"""

import re
from functools import lru_cache

from extractors.facts import dating
from extractors.ingest.segment import cut, tokenizer
from extractors.records import AgreementRecord, Context, Span
from extractors.rules import (CLAUSE_BREAK, LEXICON_DIR, SHARED, Rule, alternation, clause, find_records,
                             inside_pair, load_lexicon, without_titles, word_patterns)
from extractors.values import TimeValue

LEXICON_PATH = LEXICON_DIR / "agreement.yaml"
SCHEMA = {key: "words" for key in ("ceremonies", "purpose_words", "causative_words", "party_trim", "coreferent",
                                   "plural_markers", "organ_endings", "region_abbreviations", "party_endings",
                                   "planned_markers", "party_rejects", "side_joiners", "list_joiners",
                                   "subject_stops", "province_suffixes", "place_suffixes", "collective_nouns",
                                   "signer_titles", "event_subjects")} | {"region_abbreviation_names": "mapping"}
LEXICON = load_lexicon(LEXICON_PATH, SCHEMA)
_alt = alternation
_ABBREVIATED: dict[str, str] = LEXICON["region_abbreviation_names"]
SIGN_VERB = _alt(SHARED["sign_verbs"])
AGREEMENT_NOUN = _alt(SHARED["agreement_nouns"])
# 《…》, or 「…」 as Hong Kong and Taiwan print a title (簽署「雙北捷運延伸合作備忘錄」)
TITLE = r"[《「](?P<title>[^《》「」]{2,80})[》」]"
_NOUN_END = re.compile(rf"(?:{AGREEMENT_NOUN})$")
_SIGNED_END = re.compile(rf"(?:{_alt(SHARED['signed_document_nouns'])})$")
_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[)）]$")
_COUNT_UNIT = re.compile(r"[份项个批类]")
_PLURAL, _CAUSATIVE, _PURPOSE, _NOT_PARTY, _EVENT_SUBJECT, _PARTY_END, _ORGAN, _REGION_NAME = word_patterns(LEXICON, {
    "plural_markers": "{words}",
    # 组织 / 指导 are causative, 组织部 / 指导组 are organs; 与企业代表签订: a noun, with no one after it
    "causative_words": r"(?s).*{words}(?![部者方委组处办])(?=[\u4e00-\u9fff]{2})",
    "purpose_words": "{words}",
    # A party is an organisation or a place: CJK-named, not a person, a verb fragment or a source (据…消息).
    "party_rejects": r"{words}$|^据|^[^\u4e00-\u9fff]*$",
    "event_subjects": "^{words}$",
    "party_endings": "{words}$",
    "organ_endings": r"[\u4e00-\u9fff（）()]{2,24}?{words}(?![)）]?[\u4e00-\u9fff]{0,1}(?:有限|公司|集团))",
    "region_abbreviations": r"^{words}(?=[\u4e00-\u9fff])",
})
_TRIM = _alt(LEXICON["party_trim"])
_TRIM_RE = re.compile(rf"^(?:{_TRIM})+|(?:{_TRIM})+$")
_COREF = frozenset(LEXICON["coreferent"])
# Joiners join two sides, each of which may itself be a list (四川省相关部门和市州 与 重庆市对口部门及区县).
_SIDE_SPLIT, _AND_SPLIT, _SUBJECT_STOP, _PLACE_PREFIX, _HAS_PLACE, _COLLECTIVE = word_patterns(LEXICON, {
    "side_joiners": r"(?<=[\u4e00-\u9fff）)]){words}(?=[\u4e00-\u9fff（(“])",
    "list_joiners": r"(?<=[\u4e00-\u9fff）)]){words}(?=[\u4e00-\u9fff（(“])",
    "subject_stops": "{words}",
    "province_suffixes": r"^[\u4e00-\u9fff]{1,6}?{words}(?=[\u4e00-\u9fff]{2,})",
    "place_suffixes": "{words}",
    "collective_nouns": r"(?:[两三四五六七八九]|多){words}(?=[\u4e00-\u9fff]{2,})",
})
_JOINER = _alt(LEXICON["side_joiners"] + LEXICON["list_joiners"])
_JOINER_RE = re.compile(_JOINER)
_LEADING_JOINER = re.compile(f"^(?:{_JOINER})")
_COMMA_LIST = re.compile("、")
_AT_PLACE = re.compile(r"(?:在|于)[^与和、]{1,20}$")
_ETC = re.compile(r"等[^、与和]*$")


def is_agreement_title(title: str, *, signed: bool = False) -> bool:
    """Whether a 《》 title names an agreement (…协议, …备忘录), ignoring a trailing (2020—2022年); a signed
    …纪要 or …联合声明 is one too."""
    title = _TRAILING_PAREN.sub("", title.strip())
    return bool(_NOUN_END.search(title) or (signed and _SIGNED_END.search(title)))


def _inside_quote(sentence: str, match: re.Match[str]) -> bool:
    """A match inside “…” (“万达成”: 达成 is part of a name there)."""
    return inside_pair(sentence, match.start(), "“", "”")


# An earlier signing (此前签订的…), or a sentence about another time than the narrative's (第二次…).
_EARLIER_BEFORE = re.compile(rf"(?:{_alt(SHARED['earlier_markers'])})$")
_EARLIER = re.compile(rf"{_alt(SHARED['earlier_markers'])}|第[0-9一二三四五六七八九十]+次")


def event_time(sentence: str, context: Context, start: int, end: int) -> TimeValue | None:
    """The date the sentence states for the signing (``extractors.dating``), else the narrative anchor:
    a day, or a month when the clause continues the previous sentence (并且签订了…, 会上…)."""
    if _EARLIER_BEFORE.search(sentence, 0, start):
        return None  # 此前签订的…: signed at some earlier time
    clause_start, _ = clause(sentence, start, end)
    continues = dating.continues_narrative(sentence, clause_start) or sentence[clause_start:start].strip() in _COREF
    earlier = _EARLIER.search(without_titles(sentence))
    return dating.event_time(sentence, context, start, end, use_anchor=not earlier,
                             precisions=("day", "month") if continues else ("day",),
                             continues=dating.continues_narrative(sentence, clause_start), skip_targets=True)


# What may stand between the parties and the signing verb: empty brackets a date left, a place (在沪).
_HAN = re.compile("[\u4e00-\u9fff]")
_ADVERBIAL_TAIL = re.compile(r"(?:[(（]\s*[)）]|在[\u4e00-\u9fff]{1,6}?(?:市|省|区|县)?)+$")


# 镇长黄丽香代表茶山镇政府: the organ a signer represents is the party
_REPRESENTS = re.compile(rf"^.*(?:{_alt(LEXICON['signer_titles'])})[\u4e00-\u9fff·]{{2,3}}代表(?=[\u4e00-\u9fff]{{2,}})")
# …有限公司副总经理张晶: the signer's title and name after the organ are not the party
# (a person's name: two or three characters that do not end like an organ or a place, not 学院长沙分院)
_SIGNER_TAIL = re.compile(rf"(?<=[\u4e00-\u9fff）)])(?:{_alt(LEXICON['signer_titles'])})"
                          r"[\u4e00-\u9fff·]{1,2}[^院局司会区市县省校所厅部处室站队办委团行社馆心园港场厂镇乡村州\W]$")
# 中国航天建设集团有限公司云签署: 云 (signed online) belongs to the verb
_ONLINE_TAIL = re.compile(r"(?<=[司府局委院行会])云$")


def _clean_party(text: str) -> str:
    text = _ONLINE_TAIL.sub("", _SIGNER_TAIL.sub("", _REPRESENTS.sub("", text.strip())))
    text = _ETC.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRIM_RE.sub("", text).strip()
    return text.strip("“”\"")


@lru_cache(maxsize=4096)
def _word_bounds(text: str) -> frozenset[int]:
    """Offsets between jieba words: a joiner (与, 和, 同) inside a word (协同, 经济和信息化) splits nothing."""
    bounds, pos = {0}, 0
    freq = tokenizer().FREQ
    for word in cut(text):
        if not freq.get(word):
            bounds.update(range(pos, pos + len(word)))  # a word guessed by the HMM (委与) binds nothing
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)


def _split_words(text: str, pattern: re.Pattern, bounds: frozenset[int], offset: int = 0) -> list[tuple[int, str]]:
    """``text`` split at the matches of ``pattern`` that are whole words, with each piece's offset."""
    pieces, last = [], 0
    for m in pattern.finditer(text):
        if offset + m.start() in bounds and offset + m.end() in bounds:
            pieces.append((offset + last, text[last:m.start()]))
            last = m.end()
    pieces.append((offset + last, text[last:]))
    return pieces


def _list_items(text: str, bounds: frozenset[int], offset: int, *, split_and: bool) -> list[str]:
    """A list's items: A、B和C → [A, B, C]; 和 inside an organ's name (经济和信息化局) joins, it does not
    separate: a piece that does not end like an organ is merged into the next one when the list's last
    piece does; a trailing collective (澳门五地科技部门) leaves its members (广州…澳门)."""
    collective = _COLLECTIVE.search(text)
    if collective and re.search(r"、|和|及", text[:collective.start()]) and not text[collective.end():].startswith("、"):
        text = text[:collective.start()]  # 广州、深圳…和香港、澳门五地科技部门: the five places
    items: list[str] = []
    for item_offset, item in _split_words(text, _COMMA_LIST, bounds, offset):
        if not split_and:
            items.append(item)
            continue
        pieces = [p for _, p in _split_words(item, _AND_SPLIT, bounds, item_offset)]
        organs = bool(_PARTY_END.search(pieces[-1]))
        merged = ""
        for piece in pieces:
            merged = f"{merged}和{piece}" if merged else piece
            if not organs or _PARTY_END.search(merged):
                items.append(merged)
                merged = ""
        if merged:
            items.append(merged)
    return _distribute_place(items)


def _distribute_place(items: list[str]) -> list[str]:
    """山东省生态环境厅、财政厅和水利厅: the province written once belongs to every organ of the list."""
    place = _PLACE_PREFIX.match(items[0]) if items else None
    if not place:
        return items
    return [items[0]] + [place.group(0) + item if _PARTY_END.search(item) and not _HAS_PLACE.search(item)
                         and len(item) <= 6 else item for item in items[1:]]


def _organs_joined(side: str) -> bool:
    """A与B和C where B and C both end like organs (绥芬河片区管委会和黑河片区管委会): two parties, not one."""
    pieces = _AND_SPLIT.split(side)
    return len(pieces) > 1 and all(_PARTY_END.search(p.strip()) for p in pieces)


def split_parties(subject: str) -> list[str]:
    """Parties as written: A与B → [A, B]; A、B和C → [A, B, C]; a 与-side without 、 stays whole
    (四川省相关部门和市州); joiners inside a word split nothing."""
    subject = _AT_PLACE.sub("", subject.strip())
    subject = _clean_party(_LEADING_JOINER.sub("", subject))
    # protect 、 inside brackets: 西部12省(区、市)
    protected = re.sub(r"[（(][^（）()]*[)）]", lambda m: m.group(0).replace("、", "\0"), subject)
    bounds = _word_bounds(subject) if _JOINER_RE.search(subject) else frozenset(range(len(subject) + 1))
    sides = _split_words(protected, _SIDE_SPLIT, bounds)
    parts = [item for offset, side in sides
             for item in _list_items(side, bounds, offset, split_and=len(sides) == 1 or "、" in side
                                     or _organs_joined(side))]
    parties = [_clean_party(p.replace("\0", "、")) for p in parts]
    parties = [place for p in parties for place in expand_abbreviations(p)]
    return [p for p in parties if len(p) >= 2 and not _NOT_PARTY.search(p) and not _EVENT_SUBJECT.match(p)]


def expand_abbreviations(party: str) -> list[str]:
    """港深 → [香港, 深圳], 川 → [四川]: a party written only with one-character place names is those places."""
    core = re.sub(r"(?:两|三|四|五)?(?:地|方|省|市|省市|国)$", "", party) if len(party) > 2 else party
    if 1 <= len(core) <= 5 and all(ch in _ABBREVIATED for ch in core):
        return [_ABBREVIATED[ch] for ch in core]
    return [party]


def _subject(sentence: str, clause_start: int, verb_start: int, context: Context) -> str:
    # The dates between the clause start and the verb are adverbials, wherever they stand (2020年9月1日，A与B签署;
    # A与B今天(1月29日)在沪签署): cut out, and a place right before the verb (在沪, 在成都) with them.
    text = sentence[clause_start:verb_start]
    for s, e, _ in sorted(context.dates, reverse=True):
        if clause_start <= s and e <= verb_start:
            text = text[:s - clause_start] + text[e - clause_start:]
    text = _ADVERBIAL_TAIL.sub("", text)
    causative = _CAUSATIVE.match(text)
    if causative:
        text = text[causative.end():]
    # 双方还就共建产业园签署…: the topic after 就 is not a party
    return re.split(r"就|围绕|针对", text)[0].strip()


_LEADING_DATE = re.compile(
    r"^[,，\s]*(?:[\d０-９一二三四五六七八九十〇]+[年月日号])*(?:上午|下午|前后|当天|同天|当日|同日)?[,，\s]*")


def _first_clause_parties(text: str) -> list[str]:
    """Parties named at the start of a sentence (重庆两江新区、四川天府新区共同打造的…)."""
    for part in CLAUSE_BREAK.split(text):
        part = _LEADING_DATE.sub("", part)  # a date, never the 四 of 四川 or the 三 of 三亚
        stop = _SUBJECT_STOP.search(part)
        head = part[:stop.start()] if stop else part
        if 2 <= len(head) <= 40 and not re.search(r"[年月日]$", head):
            return split_parties(head)
    return []


def _parties(sentence: str, clause_start: int, verb_start: int, context: Context) -> list[str]:
    found = _sides(sentence, clause_start, verb_start, context)
    # 四川企业绵阳新晨动力机械有限公司 … 绵阳新晨动力机械有限公司: one side written twice, the longer with a descriptor
    return [p for p in found if not any(o != p and len(o) >= 4 and p.endswith(o) for o in found)]


def _sides(sentence: str, clause_start: int, verb_start: int, context: Context) -> list[str]:
    subject = _subject(sentence, clause_start, verb_start, context)
    parties = split_parties(subject) if subject else []
    if not parties and clause_start and not subject:
        # A与B，6/19签署…: nothing but a date before the verb; the sides are the clause just before
        before_start, _ = clause(sentence, clause_start - 2, clause_start - 1)
        before = sentence[before_start:clause_start - 1]
        parties = split_parties(before) if _SIDE_SPLIT.search(before) and not _SUBJECT_STOP.search(before) else []
    if not parties:
        parties = _first_clause_parties(sentence[:clause_start]) if clause_start else []
    if len(parties) == 1 and parties[0] in _COREF and context.previous:
        named = _first_clause_parties(context.previous)
        if len(named) >= 2:
            return named
        organs = _organs(context.previous)
        if len(organs) >= 2:
            return organs
    if len(parties) == 1 and parties[0] in _COREF:
        return []  # 双方 with no sides named just before: the parties are not stated here
    return parties


def _organs(text: str) -> list[str]:
    """Organisations named in a sentence (…庆铃汽车(集团)有限公司…与绵阳新晨动力机械有限公司…), in order."""
    found: list[str] = []
    for part in CLAUSE_BREAK.split(text):
        for m in _ORGAN.finditer(part):
            stop = _SUBJECT_STOP.search(m.group(0))
            name = m.group(0)[stop.end():] if stop else m.group(0)
            name = _clean_party(re.sub(r"^.*(?:与|和|同|跟|位于|来自)", "", name))
            if len(name) >= 3 and name not in found:
                found.append(name)
    return found[:3]


def _counted(sentence: str, context: Context, start: int, end: int) -> float:
    """签署各层级的合作协议超过200份: how many agreements the phrase counts (0: it names one)."""
    if _PLURAL.search(sentence, start, end):
        return float("inf")
    _, clause_end = clause(sentence, start, end)
    for s, e, q in context.quantities:
        if start <= s < clause_end and _COUNT_UNIT.fullmatch(q.unit or "") and q.kind != "ordinal":
            return q.value or float("inf")
    return 0


# 港深签署4份合作文件: a few documents signed by two named sides at one event are that event's agreement
_FEW = 10


def _quote(sentence: str, clause_start: int, end: int) -> tuple[int, int]:
    _, clause_end = clause(sentence, end - 1, end)
    stop = min(max(end, clause_end), clause_start + 60)
    return clause_start, max(stop, min(end, clause_start + 60))


def _build_sign_title(m: re.Match, sentence: str, context: Context, rule: str) -> list[AgreementRecord]:
    clause_start, _ = clause(sentence, m.start(), m.start() + 1)
    records = []
    titles = [t for t in re.finditer(TITLE, m.group(0))]
    agreement_titles = [t.group("title") for t in titles if is_agreement_title(t.group("title"), signed=True)]
    if not agreement_titles or _PLANNED.search(sentence, clause_start, m.start()):
        return []
    parties = _parties(sentence, clause_start, m.start(), context)
    time = event_time(sentence, context, m.start(), m.end())
    start, end = _quote(sentence, clause_start, m.end())
    for title in agreement_titles:
        records.append(AgreementRecord(title=title.strip(), parties=parties, time=time, span=Span(start, end, rule)))
    return records


def _build_sign_verb(m: re.Match, sentence: str, context: Context, rule: str) -> list[AgreementRecord]:
    clause_start, _ = clause(sentence, m.start(), m.start() + 1)
    if _PLANNED.search(sentence, clause_start, m.start()):
        return []
    parties = _parties(sentence, clause_start, m.start(), context)
    count = _counted(sentence, context, m.start(), m.end())
    if count and (count > _FEW or len(parties) < 2):
        return []
    if m.group("bare") and (len(parties) < 2 or not _SIDE_SPLIT.search(sentence, clause_start, m.start())):
        return []  # 签约 alone is an agreement only between two named sides (A与B签约)
    if not parties:
        return []  # 一、签署MOU: neither title nor party, nothing to check it by
    start, end = _quote(sentence, clause_start, m.end())
    return [AgreementRecord(title=None, parties=parties, time=event_time(sentence, context, m.start(), m.end()),
                            span=Span(start, end, rule))]


def _build_passive(m: re.Match, sentence: str, context: Context, rule: str) -> list[AgreementRecord]:
    clause_start, _ = clause(sentence, m.start(), m.start() + 1)
    if _counted(sentence, context, m.start(), m.end()) or _PLANNED.search(sentence, clause_start, m.start()):
        return []
    start, end = _quote(sentence, clause_start, m.end())
    time = event_time(sentence, context, m.start(), m.end())
    if m.group("titles"):
        # 见证了《A》《B》及《C》的签署仪式: each title of the list, signed by the clause's subject (双方 resolved)
        titles = [t.group("title").strip() for t in re.finditer(TITLE, m.group("titles"))]
        witness = _WITNESSED.search(sentence, clause_start, m.start())
        parties = _parties(sentence, clause_start, witness.end("who"), context) if witness else []
        return [AgreementRecord(title=title, parties=parties, time=time, span=Span(start, end, rule))
                for title in titles if is_agreement_title(title, signed=True)]
    name = m.group("name")
    region = _REGION_NAME.match(name)
    if _PURPOSE.search(name):
        parties = split_parties(_PURPOSE.split(name)[0])
    else:
        parties = [region.group(0)] if region else []  # 川渝卫生健康一体化发展合作协议签署
    return [AgreementRecord(title=None, parties=parties, time=time, span=Span(start, end, rule))]


def _build_ceremony(m: re.Match, sentence: str, context: Context, rule: str) -> list[AgreementRecord]:
    name = re.sub(r"\s+", "", m.group("name"))
    held = re.match(r"(.{2,40}?)(?:举行|举办|召开)", name)
    if held and not _PLANNED.search(held.group(1)):
        # A与B举行战略合作协议暨…签约仪式: the ones holding the ceremony sign
        clause_start, _ = clause(sentence, m.start(), m.start() + 1)
        parties = _parties(sentence, clause_start, m.start() + len(held.group(1)), context)
        start, end = _quote(sentence, clause_start, m.end())
        return [AgreementRecord(title=None, parties=parties,
                                time=event_time(sentence, context, m.start(), m.end()), span=Span(start, end, rule))]
    name = re.sub(r"^(?:在|于)", "", name.split("暨")[-1])
    if _PLANNED.search(sentence[:m.start()][-12:]):
        return []
    # 川渝国资系统推动…签约仪式: the parties before the purpose; 成都高新区与京东方签约仪式: the two sides
    head = _PURPOSE.split(name)[0] if _PURPOSE.search(name) else (name if _SIDE_SPLIT.search(name) else "")
    parties = split_parties(head) if head and not _NOUN_END.search(head) else []
    if not parties:
        return []  # 出席签约仪式: a ceremony with nobody named as signing states no checkable agreement
    clause_start, _ = clause(sentence, m.start(), m.start() + 1)
    start, end = _quote(sentence, clause_start, m.end())
    return [AgreementRecord(title=None, parties=parties,
                            time=event_time(sentence, context, m.start(), m.end()), span=Span(start, end, rule))]


_OBJ = r"[^，,。；;：:《》]{0,30}?"
_SIGN_TITLE_RE = re.compile(
    rf"(?:{SIGN_VERB})(?:了)?[^，,。；;《「]{{0,8}}?[《「][^《》「」]{{2,80}}[》」]"
    rf"(?:(?:、|和|及|与|以及)?[^，,。；;《「]{{0,4}}?[《「][^《》「」]{{2,80}}[》」])*"
)
_SIGN_VERB_RE = re.compile(
    rf"(?:{SIGN_VERB})(?:了)?{_OBJ}(?:{AGREEMENT_NOUN})"
    # A与B签约 (no agreement noun): only with two named sides, checked in the build step
    r"|(?P<bare>签约)(?![仪活项现大会])"
)
_TITLE_ANY = r"[《「][^《》「」]{2,80}[》」]"
_PASSIVE_RE = re.compile(
    # 《A》、《B》签署; 《A》《B》及《C》的签署仪式 (a list of titles signed at one ceremony)
    rf"(?:(?P<titles>{_TITLE_ANY}(?:(?:、|和|及|与|以及)?{_TITLE_ANY})*)(?:(?:正式|顺利|成功)?(?:签署|签订|签约)|的签署仪式)"
    rf"|(?P<name>[\u4e00-\u9fff]{{2,30}}?(?:{AGREEMENT_NOUN}))(?:正式|顺利|成功)?(?:签署|签订|签约)(?!仪式))"
)
# 双方共同见证了《…》的签署仪式: those who witness their own agreements' signing are its parties
_WITNESSED = re.compile(r"(?P<who>双方|两地|各方|三方)(?:共同)?见证")
_CEREMONY_RE = re.compile(
    rf"(?P<name>[\u4e00-\u9fffA-Za-z0-9（）()“”\s]{{2,60}}?)(?:{_alt(LEXICON['ceremonies'])})"
)

# A signing only planned or hoped for (将于下月签署, 有望于年内签署) is not a record.
_PLANNED = re.compile(_alt(SHARED["planned_markers"] + SHARED["hedges"] + LEXICON["planned_markers"]))
_TRIGGER = re.compile(rf"{AGREEMENT_NOUN}|{_alt(LEXICON['ceremonies'])}|签约|{_SIGNED_END.pattern[:-1]}")

# Overlaps go to the longest match (a 《》 title with its verb covers the bare verb form); the
# table order, most specific first, only breaks ties.
RULES: tuple[Rule, ...] = (
    Rule("agreement.sign_title", _SIGN_TITLE_RE, _build_sign_title),
    Rule("agreement.sign_verb", _SIGN_VERB_RE, _build_sign_verb),
    Rule("agreement.passive", _PASSIVE_RE, _build_passive),
    Rule("agreement.ceremony", _CEREMONY_RE, _build_ceremony),
)


def extract(sentence: str, *, context: Context) -> list[AgreementRecord]:
    """Every agreement signed (or reached) in ``sentence``; counts and planned signings are skipped."""
    # no agreement noun or ceremony: nothing to do (most sentences); an undated headline
    # (川渝侨联签署战略合作协议) restates the article's own sentence
    # (a headline's 2023年12月招商引资项目集中签约仪式 labels the batch: it dates nothing)
    return find_records(RULES, sentence, context, skip=_inside_quote, trigger=_TRIGGER,
                        keep_headline=lambda c: any(not dating.DATE_LABEL.match(sentence, e) for _, e, _ in c.dates))

"""Policies: named documents in 《》 that were reviewed, adopted, issued, released or drafted.

Rules (run by ``extractors.rules.run_rules`` on their titles: of overlapping ones the longest wins):
``policy.action_title`` (印发了《…方案》, 审议通过《A》《B》等文件),
``policy.title_action`` (《…规划纲要》印发 / 正式发布: the passive form) and
``policy.title_work`` (完成了《…方案》的修编工作).
Titles must end like a policy document (规划, 方案, 意见, 决定 …); agreements (…协议, 备忘录)
belong to extractors.agreement, magazines and article titles to nobody.
"""

import re

from extractors.facts import dating
from extractors.records import Context, PolicyRecord, Span
from extractors.rules import (LEXICON_DIR, SHARED, Rule, alternation, clause, find_records, load_lexicon,
                             without_titles)
from extractors.values import TimeValue

LEXICON_PATH = LEXICON_DIR / "policy.yaml"
ACTIONS = ("审议", "通过", "印发", "发布", "签署", "出台", "编制")
SCHEMA = {"actions_before": ("choice", ACTIONS), "actions_after": ("choice", ACTIONS),
          "actions_work": ("choice", ACTIONS), "document_nouns": "words", "submitted_verbs": "words"}
LEXICON = load_lexicon(LEXICON_PATH, SCHEMA)
_alt = alternation

_BEFORE = LEXICON["actions_before"]
_AFTER = LEXICON["actions_after"]
_WORK = LEXICON["actions_work"]
_DOC_END = re.compile(rf"(?:{_alt(LEXICON['document_nouns'])})$")
# A title that ends as an agreement is one, unless the noun is also a document issued alone (倡议: signed by
# both sides, or issued by one).
_AGREEMENT_END = re.compile(rf"(?:{_alt([n for n in SHARED['agreement_nouns'] if n not in LEXICON['document_nouns']])})$")
_ADOPTED_END = re.compile(r"(?:纪要|备忘录)$")  # what a meeting may adopt by review (审议通过《…会议纪要》)
_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[)）]$")
_PLANNED = re.compile(_alt(SHARED["planned_markers"] + SHARED["hedges"]))
# A title in 《》, or in 「」 as Hong Kong and Taiwan print it (「前瞻基础建设特别条例」; a quote in 「」 that does
# not end like a document is no title: is_policy_title).
_SIGNED_END = re.compile(rf"(?:{_alt(SHARED['agreement_nouns'] + SHARED['signed_document_nouns'])})$")
TITLE = r"(?:《[^《》]{2,100}》|「[^「」《》]{2,100}」)"
# Several titles after one verb: 《A》《B》, 《A》和两批《B》, 《A》、《B》等文件
TITLES = rf"{TITLE}(?:(?:、|和|及|与|以及)?[^，,。；;《》「」]{{0,4}}?{TITLE})*"
# A document acted on earlier, or at another numbered session than the narrative's.
_OTHER_TIME = re.compile(rf"{_alt(SHARED['earlier_markers'])}|第[0-9一二三四五六七八九十]+次")
_NOTICE_WORDING = re.compile("[现特]将")
_NOTICE_ITSELF = re.compile(r"现(?:予|将)?(?:印发|发布|公布)(?:给你们|施行)?")
_SUBMITTED = frozenset(LEXICON["submitted_verbs"])
_TITLE_RE = re.compile(r"《([^《》]{2,100})》|「([^「」《》]{2,100})」")


def is_policy_title(title: str) -> bool:
    """Whether a 《》 title names a policy document (…规划纲要, …实施方案), not an agreement or a magazine."""
    core = _TRAILING_PAREN.sub("", title.strip())
    return bool(_DOC_END.search(core)) and not _AGREEMENT_END.search(core)


def event_time(sentence: str, context: Context, start: int, end: int) -> TimeValue | None:
    """The date of the action at [start, end) (``extractors.dating``), else a day anchor, but not for a
    document acted on "before" or at another numbered session than the narrative's."""
    # a sentence that opens with the action and no subject (审议了《…》《…》等。) goes on with the meeting just told
    continues = dating.continues_narrative(sentence, clause(sentence, start, end)[0]) or not sentence[:start].strip()
    return dating.event_time(sentence, context, start, end, use_anchor=not _OTHER_TIME.search(without_titles(sentence)),
                             precisions=("day", "month") if continues else ("day",), continues=continues)


def _records(m: re.Match, sentence: str, context: Context, rule: str, action: str, verb_start: int,
             titles_text: str, titles_offset: int, adopted: str | None = None,
             reviewed: bool = False) -> list[PolicyRecord]:
    clause_start, clause_end = clause(sentence, verb_start, verb_start + 1)
    planned = _PLANNED.search(sentence, clause_start, verb_start)
    if planned and not _NOTICE_WORDING.match(sentence, planned.start() - 1):
        return []  # 将于下月印发 is a plan; 现将《…》印发给你们 is the notice itself
    # the action's date: 4月15日…通过了《…》, 《…》已经3月13日召开的…会议通过
    time = event_time(sentence, context, m.start("verb"), m.end("verb"))
    if time is None and _NOTICE_ITSELF.search(sentence, m.start("verb") - 2):
        time = context.published  # 《…》已经市人民政府同意，现印发给你们: the notice is the page, issued when it is
    records = []
    for t in _TITLE_RE.finditer(titles_text):
        title = (t.group(1) or t.group(2)).strip()
        acted = action
        if action == "签署" and _SIGNED_END.search(title):
            # 签署《…倡议》: signed by its parties, an agreement (agreement.py), not an issued document;
            # 审议通过并签署了《…纪要》: adopted too, a policy action of its own
            if adopted is None:
                continue
            acted = adopted
        # 提报「公共建设计划推动精进方向」: a title handed in for review right after its verb is a document
        # whatever its last word (not after 通过, which is also "through": 通过《人民日报》)
        submitted = (t.start() == 0 and titles_offset - m.end("verb") <= 1 and m.group("verb") in _SUBMITTED
                     and not _AGREEMENT_END.search(title))
        # 审议通过《…会议备忘录》: a meeting's minutes or memorandum adopted (not signed) is a document it acted on
        minutes = reviewed and acted in ("审议", "通过") and _ADOPTED_END.search(title) is not None
        if not (is_policy_title(title) or submitted or minutes) or len(title) < 4 or re.search(r"简称$", titles_text[:t.start()]):
            continue  # （简称《意见》）: an abbreviation, not a second document
        title_start, title_end = titles_offset + t.start(), titles_offset + t.end()
        # the quote: the verb and this title (a long title is cut at 60 characters)
        start = min(verb_start, title_start)
        end = max(title_end, m.end("verb"))
        if end - start > 60:
            start, end = title_start, title_end
        records.append(PolicyRecord(title=title, action=acted, time=time,
                                    span=Span(start, min(end, start + 60), rule)))
    return records


def _build_action_title(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    # 审议并原则通过了《…》: the last verb before the title says what happened to it
    verbs = list(_BEFORE_RE.finditer(sentence, m.start("verb"), m.start("titles")))
    verb = verbs[-1] if verbs else m
    adopted = [_BEFORE[v.group(0)] for v in verbs[:-1] if _BEFORE[v.group(0)] != "签署"]
    reviewed = any(v.group(0).startswith("审议") for v in verbs) or m.group("verb").startswith("审议")
    return _records(m, sentence, context, rule, _BEFORE[verb.group(0)], m.start("verb"), m.group("titles"),
                    m.start("titles"), adopted[-1] if adopted else None, reviewed)


def _build_title_action(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    return _records(m, sentence, context, rule, _AFTER[m.group("verb")], m.start("verb"), m.group("titles"),
                    m.start("titles"))


def _build_title_work(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    return _records(m, sentence, context, rule, _WORK[m.group("verb")], m.start("verb"), m.group("titles"),
                    m.start("titles"))


_BEFORE_RE = re.compile(_alt(_BEFORE))
_ACTION_TITLE_RE = re.compile(
    # 原则同意了县委办公室提交的《…》: the submitter between the verb and the title
    rf"(?P<verb>{_alt(_BEFORE)})(?:了)?(?:[^，,。；;《》]{{0,6}}?|[^，,。；;《》]{{0,10}}?(?:提交|报送|报请|起草)的)(?P<titles>{TITLES})"
)
_TITLE_ACTION_RE = re.compile(
    rf"(?P<titles>{TITLES})(?:等(?:文件|文件)?)?(?:正式|日前|近日|顺利|获|(?:已经|已|经|由|在|于)[^，,。；;《》]{{0,40}}?)?"
    # 《…》已经市人民政府同意，现印发给你们: the notice's own wording
    rf"(?:[，,]现(?:予)?)?(?P<verb>{_alt(_AFTER)})(?![\u4e00-\u9fff]{{0,1}}(?:专班|小组|单位|工作组|机构))"
)
_TITLE_WORK_RE = re.compile(rf"(?P<titles>{TITLES})的(?P<verb>{_alt(_WORK)})(?:和[\u4e00-\u9fff]{{2}})?工作")

# All three claim their titles; of overlapping claims the longest wins, then the earliest, then the
# table order: the active form (verb before the title: says who acted), the passive, the 的…工作 form.
RULES: tuple[Rule, ...] = (
    Rule("policy.action_title", _ACTION_TITLE_RE, _build_action_title, claim="titles"),
    Rule("policy.title_action", _TITLE_ACTION_RE, _build_title_action, claim="titles"),
    Rule("policy.title_work", _TITLE_WORK_RE, _build_title_work, claim="titles"),
)


def extract(sentence: str, *, context: Context) -> list[PolicyRecord]:
    """Every policy document acted on in ``sentence`` (one record per title)."""
    return find_records(RULES, sentence, context)

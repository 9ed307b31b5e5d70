"""Policies: named documents in 《》 that were reviewed, adopted, issued, released or drafted.

Rules, in order (earlier ones win where spans overlap):
``policy.action_title`` (印发了《…方案》, 审议通过《A》《B》等文件),
``policy.title_action`` (《…规划纲要》印发 / 正式发布: the passive form) and
``policy.title_work`` (完成了《…方案》的修编工作).
Titles must end like a policy document (规划, 方案, 意见, 决定 …); agreements (…协议, 备忘录)
belong to extractors.agreement, magazines and article titles to nobody.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from extractors.facts import dating
from extractors.records import Context, PolicyRecord, Span
from extractors.rules import LEXICON_DIR, LexiconError, check_words
from extractors.values import TimeValue

LEXICON_PATH = LEXICON_DIR / "policy.yaml"
ACTIONS = ("审议", "通过", "印发", "发布", "签署", "出台", "编制")
_MAP_KEYS = ("actions_before", "actions_after", "actions_work")
_LIST_KEYS = ("document_nouns", "planned_markers")


def validate_lexicon(data: object) -> dict:
    """Check the policy lexicon: verb maps onto the seven actions, and plain word lists."""
    if not isinstance(data, dict):
        raise LexiconError("policy lexicon must be a mapping")
    for key in _MAP_KEYS:
        table = data.get(key)
        if not isinstance(table, dict) or not table:
            raise LexiconError(f"policy lexicon: {key!r} must be a non-empty mapping")
        for verb, action in table.items():
            if not isinstance(verb, str) or not verb.strip() or action not in ACTIONS:
                raise LexiconError(f"policy lexicon: {key!r} maps {verb!r} to unknown action {action!r}")
    for key in _LIST_KEYS:
        check_words(data.get(key), f"policy lexicon: {key!r}")
    return data


LEXICON = validate_lexicon(yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8")))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_BEFORE = LEXICON["actions_before"]
_AFTER = LEXICON["actions_after"]
_WORK = LEXICON["actions_work"]
_DOC_END = re.compile(rf"(?:{_alt(LEXICON['document_nouns'])})$")
_AGREEMENT_END = re.compile(r"(?:协议|协议书|备忘录|协定|意向书|议定书|合同)$")
_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[)）]$")
_PLANNED = re.compile(rf"(?:{_alt(LEXICON['planned_markers'])})")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")
TITLE = r"《[^《》]{2,100}》"
# Several titles after one verb: 《A》《B》, 《A》和两批《B》, 《A》、《B》等文件
TITLES = rf"{TITLE}(?:(?:、|和|及|与|以及)?[^，,。；;《》]{{0,4}}?{TITLE})*"
_OTHER_TIME = re.compile(r"此前|之前|曾经|早在|先后|第[0-9一二三四五六七八九十]+次")
_TITLE_RE = re.compile(r"《([^《》]{2,100})》")


@dataclass(frozen=True)
class Rule:
    """A named rule: a compiled pattern, and how to read the action from one match."""

    name: str
    pattern: re.Pattern
    build: Callable[[re.Match, str, Context, str], list[PolicyRecord]]


def is_policy_title(title: str) -> bool:
    """Whether a 《》 title names a policy document (…规划纲要, …实施方案), not an agreement or a magazine."""
    core = _TRAILING_PAREN.sub("", title.strip())
    return bool(_DOC_END.search(core)) and not _AGREEMENT_END.search(core)


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right = _CLAUSE_BREAK.search(sentence, end)
    return left, right.start() if right else len(sentence)


def event_time(sentence: str, context: Context, start: int, end: int) -> TimeValue | None:
    """The date of the action at [start, end) (``extractors.dating``), else a day anchor, but not for a
    document acted on "before" or at another numbered session than the narrative's."""
    return dating.event_time(sentence, context, start, end, breaks=_CLAUSE_BREAK,
                             use_anchor=not _OTHER_TIME.search(sentence))


def _records(m: re.Match, sentence: str, context: Context, rule: str, action: str, verb_start: int,
             titles_text: str, titles_offset: int) -> list[PolicyRecord]:
    clause_start, clause_end = _clause(sentence, verb_start, verb_start + 1)
    if _PLANNED.search(sentence, clause_start, verb_start):
        return []
    # the action's date: 4月15日…通过了《…》, 《…》已经3月13日召开的…会议通过
    time = event_time(sentence, context, m.start("verb"), m.end("verb"))
    records = []
    for t in _TITLE_RE.finditer(titles_text):
        title = t.group(1).strip()
        if not is_policy_title(title) or len(title) < 4 or re.search(r"简称$", titles_text[:t.start()]):
            continue  # （简称《意见》）: an abbreviation, not a second document
        title_start, title_end = titles_offset + t.start(), titles_offset + t.end()
        # the quote: the verb and this title (a long title is cut at 60 characters)
        start = min(verb_start, title_start)
        end = max(title_end, m.end("verb"))
        if end - start > 60:
            start, end = title_start, title_end
        records.append(PolicyRecord(title=title, action=action, time=time,
                                    span=Span(start, min(end, start + 60), rule)))
    return records


def _build_action_title(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    # 审议并原则通过了《…》: the last verb before the title says what happened to it
    verbs = list(_BEFORE_RE.finditer(sentence, m.start("verb"), m.start("titles")))
    verb = verbs[-1] if verbs else m
    return _records(m, sentence, context, rule, _BEFORE[verb.group(0)], m.start("verb"), m.group("titles"),
                    m.start("titles"))


def _build_title_action(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    return _records(m, sentence, context, rule, _AFTER[m.group("verb")], m.start("verb"), m.group("titles"),
                    m.start("titles"))


def _build_title_work(m: re.Match, sentence: str, context: Context, rule: str) -> list[PolicyRecord]:
    return _records(m, sentence, context, rule, _WORK[m.group("verb")], m.start("verb"), m.group("titles"),
                    m.start("titles"))


_BEFORE_RE = re.compile(_alt(_BEFORE))
_ACTION_TITLE_RE = re.compile(
    rf"(?P<verb>{_alt(_BEFORE)})(?:了)?[^，,。；;《》]{{0,6}}?(?P<titles>{TITLES})"
)
_TITLE_ACTION_RE = re.compile(
    rf"(?P<titles>{TITLES})(?:等(?:文件|文件)?)?(?:正式|日前|近日|顺利|获|(?:已经|已|经|由|在|于)[^，,。；;《》]{{0,40}}?)?"
    rf"(?P<verb>{_alt(_AFTER)})(?![\u4e00-\u9fff]{{0,1}}(?:专班|小组|单位|工作组|机构))"
)
_TITLE_WORK_RE = re.compile(rf"(?P<titles>{TITLES})的(?P<verb>{_alt(_WORK)})(?:和[\u4e00-\u9fff]{{2}})?工作")

# Order matters: the active form (verb before the title) is the usual newspaper sentence and says who
# acted; the passive form only where no verb precedes; the 的…工作 form last.
RULES: tuple[Rule, ...] = (
    Rule("policy.action_title", _ACTION_TITLE_RE, _build_action_title),
    Rule("policy.title_action", _TITLE_ACTION_RE, _build_title_action),
    Rule("policy.title_work", _TITLE_WORK_RE, _build_title_work),
)


def extract(sentence: str, *, context: Context) -> list[PolicyRecord]:
    """Every policy document acted on in ``sentence`` (one record per title)."""
    taken: list[tuple[int, int]] = []
    found: list[PolicyRecord] = []
    for rule in RULES:
        for m in rule.pattern.finditer(sentence):
            titles = (m.start("titles"), m.end("titles"))
            if any(s < titles[1] and titles[0] < e for s, e in taken):
                continue
            records = rule.build(m, sentence, context, rule.name)
            if records:
                taken.append(titles)
                found.extend(records)
    return sorted(found, key=lambda r: r.span.start)

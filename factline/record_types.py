"""The record types: ONE ordered tuple that every layer iterates (pipeline, store, consolidate, search,
evaluate, integrity, export, pages). Adding a record type means one entry here (see docs/DEVELOPING.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from extractors.records import (
    AgreementRecord,
    MeetingRecord,
    MilestoneRecord,
    PolicyRecord,
    ProjectRecord,
    StatisticRecord,
)
from factline import consolidate, gold_match
from models import Agreement, Meeting, Milestone, Policy, Project, Statistic


@dataclass(frozen=True)
class RecordType:
    """One kind of fact: where it is stored, which extractor states it, how it is keyed, merged and named."""

    name: str  # mentions.record_type and the /fact/{name}/{id} URL segment
    table: str
    model: type
    label_zh: str  # what the pages call it
    record: type  # the extractor's record class
    key: Callable  # consolidation key: the same fact from several documents gets one key
    values: Callable  # the columns of a new row
    merge: Callable  # (existing row, record) -> columns a later source updates
    label: Callable  # what names the fact, for the record search index
    label_sql: str  # a short name of a stored row (the pages' fallback when it has no timeline line)
    extractor: str | None = None  # module in extractors.facts; None: stated inside its parent's record
    parent: str | None = None  # the type whose record states this one (milestone -> project)
    children: Callable | None = None  # record -> its child records (project -> milestones)
    eval_sql: str | None = None  # (id, name, second, third, qualifier, date) rows scored by factline eval
    gold_match: Callable | None = None  # (gold, name, second, third) -> whether a found row states the gold fact
    gold_date: str | None = None  # the gold's date field compared with the row's date (factline eval)
    lanes: tuple[tuple[str, str], ...] = ()  # the timeline's kinds this type draws, with their Chinese labels
    written: tuple[str, ...] = ()  # fields that quote the document: kept as written (Traditional stays Traditional)


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        name="meeting", table="meetings", model=Meeting, label_zh="会议", record=MeetingRecord,
        key=consolidate.meeting_key, values=consolidate.meeting_values, merge=consolidate.fill_missing_dates,
        label=lambda r: r.name + (f" 第{r.session}次" if r.session is not None else ""),
        label_sql="SELECT name || COALESCE('第' || session || '次会议', '') FROM meetings WHERE id = ?",
        extractor="meeting", written=("name", "location"),
        eval_sql="SELECT r.id, r.name, r.session, NULL, NULL, r.date FROM meetings r",
        gold_match=gold_match.meeting_matches, gold_date="date", lanes=(("meeting", "会议"),),
    ),
    RecordType(
        name="agreement", table="agreements", model=Agreement, label_zh="协议", record=AgreementRecord,
        key=consolidate.agreement_key, values=consolidate.agreement_values, merge=consolidate.keep,
        label=lambda r: (f"《{r.title}》 " if r.title else "") + "、".join(r.parties),
        label_sql="SELECT COALESCE('《' || title || '》', '协议') FROM agreements WHERE id = ?",
        extractor="agreement", written=("title", "parties"),
        eval_sql="SELECT r.id, r.title, r.parties, NULL, NULL, r.date FROM agreements r",
        gold_match=gold_match.agreement_matches, gold_date="date", lanes=(("agreement", "协议"),),
    ),
    RecordType(
        name="project", table="projects", model=Project, label_zh="项目", record=ProjectRecord,
        key=consolidate.project_key, values=consolidate.project_values, merge=consolidate.merge_attributes,
        label=lambda r: r.name,
        label_sql="SELECT name FROM projects WHERE id = ?",
        extractor="project", written=("name",), children=lambda r: r.milestones,
        eval_sql="SELECT r.id, r.name, r.category, r.attributes, NULL, NULL FROM projects r",
        gold_match=gold_match.project_matches,
    ),
    RecordType(
        name="milestone", table="milestones", model=Milestone, label_zh="项目节点", record=MilestoneRecord,
        key=consolidate.milestone_key, values=consolidate.milestone_values, merge=consolidate.keep,
        label=lambda r: "",
        label_sql="SELECT p.name || ' ' || ms.event FROM milestones ms JOIN projects p ON p.id = ms.project_id"
                  " WHERE ms.id = ?",
        parent="project", lanes=(("milestone", "项目节点"), ("milestone_planned", "计划节点")),
    ),
    RecordType(
        name="statistic", table="statistics", model=Statistic, label_zh="统计数字", record=StatisticRecord,
        key=consolidate.statistic_key, values=consolidate.statistic_values, merge=consolidate.better_stated_as_of,
        label=lambda r: f"{r.subject} {r.unit}",
        label_sql="SELECT subject FROM statistics WHERE id = ?",
        extractor="statistic", written=("subject", "unit"),
        eval_sql="SELECT r.id, r.subject, r.value, r.unit, r.qualifier, r.as_of FROM statistics r",
        gold_match=gold_match.statistic_matches, gold_date="as_of",
        lanes=(("statistic", "统计数字"), ("target", "目标")),
    ),
    RecordType(
        name="policy", table="policies", model=Policy, label_zh="政策文件", record=PolicyRecord,
        key=consolidate.policy_key, values=consolidate.policy_values, merge=consolidate.keep,
        label=lambda r: f"{r.action}《{r.title}》",
        label_sql="SELECT action || '《' || title || '》' FROM policies WHERE id = ?",
        extractor="policy", written=("title",),
        eval_sql="SELECT r.id, r.title, r.action, NULL, NULL, r.date FROM policies r",
        gold_match=gold_match.policy_matches, gold_date="date", lanes=(("policy", "政策文件"),),
    ),
)

BY_NAME: dict[str, RecordType] = {t.name: t for t in RECORD_TYPES}
BY_TABLE: dict[str, RecordType] = {t.table: t for t in RECORD_TYPES}
_BY_RECORD: dict[type, RecordType] = {t.record: t for t in RECORD_TYPES}
# The types an extractor states directly, in extraction order; the rest are stated inside a parent's record.
EXTRACTED: tuple[RecordType, ...] = tuple(t for t in RECORD_TYPES if t.extractor)
EVALUATED: tuple[RecordType, ...] = tuple(t for t in RECORD_TYPES if t.eval_sql)


def of_record(record: object) -> RecordType:
    """The record type of an extractor's record."""
    return _BY_RECORD[type(record)]


def children_of(rtype: RecordType) -> tuple[RecordType, ...]:
    """The types stated inside a record of ``rtype`` (a project's milestones)."""
    return tuple(t for t in RECORD_TYPES if t.parent == rtype.name)

"""Consolidation keys: the same fact reported by several documents gets one key, hence one record."""

import re

from extractors.records import (
    AgreementRecord,
    MeetingRecord,
    MilestoneRecord,
    PolicyRecord,
    ProjectRecord,
    StatisticRecord,
)
from extractors.values import TimeValue

_NOISE = re.compile(r"[\s《》“”\"'‘’「」『』（）()·、，,。：:]+")


def norm(text: str | None) -> str:
    """Text reduced to what identifies it: no spaces, quotes, brackets or punctuation."""
    return _NOISE.sub("", text or "")


def _date(tv: TimeValue | None) -> str:
    return tv.date if tv is not None else ""


def _value(value: float) -> str:
    return f"{value:.6g}"


def meeting_key(r: MeetingRecord) -> str:
    # A numbered session of a series is one meeting whatever day a source gives it.
    if r.session is not None:
        return f"meeting|{norm(r.name)}|{r.session}"
    return f"meeting|{norm(r.name)}|{_date(r.time)}"


def agreement_key(r: AgreementRecord) -> str:
    if r.title:
        return f"agreement|{norm(r.title)}"
    parties = "+".join(sorted(norm(p) for p in r.parties))
    return f"agreement|{parties}|{_date(r.time)}"


def policy_key(r: PolicyRecord) -> str:
    return f"policy|{norm(r.title)}|{r.action}"


def project_key(r: ProjectRecord) -> str:
    return f"project|{norm(r.name)}"


def milestone_key(project: ProjectRecord, m: MilestoneRecord) -> str:
    return f"milestone|{norm(project.name)}|{m.event}|{_date(m.time)}|{int(m.planned)}"


def statistic_series(r: StatisticRecord) -> str:
    """Records of one subject over time share a series; targets are kept apart from achieved values."""
    return f"{norm(r.subject)}|{r.unit}" + ("|target" if r.is_target else "")


def statistic_key(r: StatisticRecord) -> str:
    return f"statistic|{statistic_series(r)}|{_value(r.value)}|{r.qualifier}|{_date(r.as_of)}"


def record_key(r) -> str:
    return {
        MeetingRecord: meeting_key,
        AgreementRecord: agreement_key,
        PolicyRecord: policy_key,
        ProjectRecord: project_key,
        StatisticRecord: statistic_key,
    }[type(r)](r)

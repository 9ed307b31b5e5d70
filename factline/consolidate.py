"""Consolidation keys: the same fact reported by several documents gets one key, hence one record."""

import functools
import re

from extractors.ingest.chinese_script import search_key
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
    return _NOISE.sub("", search_key(text or ""))  # 粵港 and 粤港 are one name


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


@functools.cache
def _indicator_terms() -> tuple[str, ...]:
    """Named indicators from the user dictionary (places excluded), longest first: 川渝通办, 挂职干部 …"""
    from extractors.ingest import segment

    terms = []
    if segment.USERDICT.is_file():
        for line in segment.USERDICT.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[2] != "ns" and len(parts[0]) >= 3:
                terms.append(parts[0])
    return tuple(sorted(terms, key=len, reverse=True))


def _indicator(subject: str) -> str | None:
    return next((t for t in _indicator_terms() if t in subject), None)


def _head(subject: str) -> str:
    """The head of a subject: its last two words (川渝间高速公路通道 → 高速公路通道)."""
    from extractors.ingest import segment

    words = [w for w in segment.tokenizer().lcut(subject, HMM=False) if w.strip()]
    return "".join(words[-2:]) if words else subject


def statistic_series(r: StatisticRecord) -> str:
    """Figures of one subject over time share a series (a named indicator, else the subject's head word pair),
    per unit; targets are kept apart from achieved values."""
    subject = norm(r.subject)
    head = _indicator(subject) or _head(subject)
    return f"{head}|{r.unit}" + ("|target" if r.is_target else "")


def statistic_key(r: StatisticRecord) -> str:
    """A named indicator's figure is one fact whenever it is reported (311 川渝通办 items, whatever the date
    a source attaches); a free-text subject's figure is one fact per subject and as-of date."""
    subject = norm(r.subject)
    value = f"{_value(r.value)}|{r.unit}|{int(r.is_target)}"
    indicator = _indicator(subject)
    if indicator:
        return f"statistic|{indicator}|{value}"
    return f"statistic|{subject}|{value}|{_date(r.as_of)}"


def record_key(r) -> str:
    return {
        MeetingRecord: meeting_key,
        AgreementRecord: agreement_key,
        PolicyRecord: policy_key,
        ProjectRecord: project_key,
        StatisticRecord: statistic_key,
    }[type(r)](r)

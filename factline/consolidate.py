"""Consolidation keys: the same fact reported by several documents gets one key, hence one record."""

import datetime as dt
import functools
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


def better_as_of(new: TimeValue, stored: tuple[str | None, str | None, str | None], published: str | None) -> bool:
    """Whether a figure's new as-of date replaces the stored (as_of, as_of_start, as_of_end): the more specific
    explicit date wins (截至2022年底 beats 2020年以来 read as the publication month), then the later one; a date
    read from the publication (目前, …以来) replaces no date but a missing one."""
    stored_as_of, stored_start, stored_end = stored
    if stored_as_of is None or stored_start is None or stored_end is None:
        return True
    if "now" in new.flags:
        return False
    if published and stored_as_of == published[:7]:
        return True  # the stored date is the publication month: any explicit date says more
    span = (new.end - new.start).days
    stored_span = (dt.date.fromisoformat(stored_end) - dt.date.fromisoformat(stored_start)).days
    return span < stored_span or span == stored_span and new.end.isoformat() > stored_end


def record_key(r) -> str:
    return {
        MeetingRecord: meeting_key,
        AgreementRecord: agreement_key,
        PolicyRecord: policy_key,
        ProjectRecord: project_key,
        StatisticRecord: statistic_key,
    }[type(r)](r)

"""Consolidation: the same fact reported by several documents gets one key, hence one record; what a new
row holds, and what a later source may add to a stored one (the merge policy). The store only writes."""

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace

from extractors.facts.project_names import declared_aliases
from extractors.ingest.chinese_script import search_key
from extractors.ingest.text import strip_pinyin_glosses
from factline import parties
from extractors.records import (
    AgreementRecord,
    Context,
    MeetingRecord,
    MilestoneRecord,
    ProjectRecord,
    StatisticRecord,
)
from extractors.values import TimeValue

_NOISE = re.compile(r"[\s《》“”\"'‘’「」『』（）()·、，,。：:]+")


def norm(text: str | None) -> str:
    """Text reduced to what identifies it: no pinyin glosses, spaces, quotes, brackets or punctuation."""
    return _NOISE.sub("", search_key(strip_pinyin_glosses(text or "")[0]))  # 粵港 and 粤港 are one name


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


def key_on(record_type: str, *names: str) -> Callable[[object], str]:
    """A consolidation key from the record's attributes ``names`` (text normalised by ``norm``)."""
    def key(r: object) -> str:
        return "|".join([record_type, *(norm(str(getattr(r, name) or "")) for name in names)])
    return key


policy_key = key_on("policy", "title", "action")


# A line written from place to place (郑州至重庆高铁) is the line its abbreviation names (郑渝高铁).
_ROUTE = re.compile(r"^(?P<a>[\u4e00-\u9fff]{2,3}?)(?:市|省)?至(?P<b>[\u4e00-\u9fff]{2,3}?)(?:市|省)?"
                    r"(?P<head>高速铁路|高铁|城际铁路|铁路|高速公路|高速)$")
_SHORT_HEADS = {"高速铁路": "高铁", "高速公路": "高速"}


def _short_place(place: str) -> str:
    """The one character a line's abbreviation uses for a place: 重庆 → 渝 (a province-level place's own
    abbreviation), 郑州 → 郑 (else its first character)."""
    return parties.place_short(place) or place[0]


def project_name_key(name: str) -> str:
    """What identifies a project's name: 郑州至重庆高铁 and 郑渝高铁 are one line."""
    name = norm(name)
    route = _ROUTE.match(name)
    if route:
        head = route["head"]
        return _short_place(route["a"]) + _short_place(route["b"]) + _SHORT_HEADS.get(head, head)
    for long, short in _SHORT_HEADS.items():
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def project_key(r: ProjectRecord) -> str:
    return f"project|{project_name_key(r.name)}"


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

    words = [w for w in segment.dictionary_words(subject) if w.strip()]
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


def date_columns(tv: TimeValue | None, prefix: str = "date") -> dict:
    """The date columns of a fact: ISO text at its precision, the day bounds, the precision, and the words
    it was read from (``prefix_text``: 截至2022年底)."""
    names = (prefix, f"{prefix}_start", f"{prefix}_end", f"{prefix}_precision", f"{prefix}_text")
    if tv is None:
        return dict.fromkeys(names)
    return dict(zip(names, (tv.date, tv.start.isoformat(), tv.end.isoformat(), tv.precision, tv.text or None)))


# The columns of a new row, per record type.

def meeting_values(r: MeetingRecord) -> dict:
    return {"name": r.name, "session": r.session, "location": r.location, **date_columns(r.time)}


def agreement_values(r: AgreementRecord) -> dict:
    return {"title": r.title, "parties": json.dumps(r.parties, ensure_ascii=False), **date_columns(r.time)}


def fields(*names: str, **dates: str) -> Callable[[object], dict]:
    """A row-values function: the record's attributes ``names`` as columns, and for each ``prefix=attribute``
    the TimeValue attribute as the four date columns ``prefix``, ``prefix_start`` …"""
    def values(r: object) -> dict:
        row = {name: getattr(r, name) for name in names}
        for prefix, attribute in dates.items():
            row.update(date_columns(getattr(r, attribute), prefix))
        return row
    return values


policy_values = fields("title", "action", date="time")


def project_values(r: ProjectRecord) -> dict:
    return {"name": r.name, "category": r.category, "attributes": json.dumps(r.attributes, ensure_ascii=False)}


def milestone_values(m: MilestoneRecord) -> dict:
    return {"event": m.event, "planned": int(m.planned), **date_columns(m.time)}


def statistic_values(r: StatisticRecord) -> dict:
    return {"subject": r.subject, "series": statistic_series(r), "value": r.value, "unit": r.unit,
            "qualifier": r.qualifier, "is_target": int(r.is_target), **date_columns(r.as_of, "as_of")}


# The merge policy: (the stored row, the record a later source states) -> the columns to update.

def keep(row: dict, r: object) -> dict:
    """The first source's row stands."""
    return {}


def fill_missing_dates(row: dict, r: MeetingRecord) -> dict:
    """A later source may know what an earlier one did not (a venue, a date)."""
    return {col: val for col, val in meeting_values(r).items()
            if col in ("location", "date", "date_start", "date_end", "date_precision", "date_text")
            and val is not None and row.get(col) is None}


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


def better_stated_as_of(row: dict, r: StatisticRecord) -> dict:
    """The same figure reported again: the more specific explicit date, then the later one (better_as_of)."""
    if r.as_of is None or not better_as_of(r.as_of, (row.get("as_of"), row.get("as_of_start"), row.get("as_of_end")),
                                           row.get("first_reported")):
        return {}
    return date_columns(r.as_of, "as_of")


def merge_attributes(row: dict, r: ProjectRecord) -> dict:
    """A project's attributes from every source (the first source's value of a key stands), and the other names
    it is written under (郑州至重庆高铁 beside 郑渝高铁) in ``aliases``."""
    current = json.loads(row.get("attributes") or "{}")
    merged = {**r.attributes, **current}
    if r.name != row.get("name") and r.name not in merged.get("aliases", []):
        merged["aliases"] = [*merged.get("aliases", []), r.name]
    return {"attributes": json.dumps(merged, ensure_ascii=False)} if merged != current else {}


def use_declared_names(items: list, text: str, reference: dt.date) -> None:
    """A project the article goes on calling by the short name it declared (澄江至华宁高速公路（以下简称澄华高速）)
    is stored under its full name, the short one among its aliases."""
    aliases = declared_aliases(text, Context(reference=reference)) if "简称" in text else {}
    for item in items:
        r = item.record
        if isinstance(r, ProjectRecord) and r.name in aliases:
            names = [*r.attributes.get("aliases", []), r.name]  # type: ignore[list-item]
            item.record = replace(r, name=aliases[r.name], attributes={**r.attributes, "aliases": names})


_STRUCTURES = ("隧道", "特大桥", "大桥", "特大橋", "大橋")
_GLOSSED = r"(?:[（(][\u4e00-\u9fff]{1,3}[)）])?"  # 弥(勒)蒙(自)铁路: a place gloss may follow any character


def fold_structures_into_lines(items: list, text: str) -> None:
    """A tunnel or bridge the article first names under its line (浦梅铁路牛峒山隧道1日贯通) and then alone
    (牛峒山隧道是连城段施工难度最大的隧道) still reports on that line: stored under the line."""
    lines = {item.record.name: item.record.category for item in items if isinstance(item.record, ProjectRecord)
             and item.record.category in ("railway", "highway") and not item.record.name.endswith(_STRUCTURES)}
    if not lines:
        return
    for item in items:
        r = item.record
        if not isinstance(r, ProjectRecord) or not r.name.endswith(_STRUCTURES) or r.name in lines:
            continue
        line = next((name for name in lines if re.search(
            _GLOSSED.join(map(re.escape, name)) + r"[\u4e00-\u9fff（）()]{0,12}?" + re.escape(r.name), text)), None)
        if line is not None:
            item.record = replace(r, name=line, category=lines[line])


def complete_meeting_names(items: list) -> None:
    """A meeting the article names again without its place (市委六届二次全会 after 重庆市委六届二次全会) is the
    one it named in full: the same session under the longer name that ends with the shorter one."""
    meetings = [item for item in items if isinstance(item.record, MeetingRecord)]
    for item in meetings:
        r = item.record
        if not r.name.startswith(_ORGAN_WITHOUT_PLACE):
            continue
        full = next((o.record.name for o in meetings if o.record.name != r.name and o.record.name.endswith(r.name)
                     and o.record.session == r.session), None)
        if full is not None:
            item.record = replace(r, name=full)


_ORGAN_WITHOUT_PLACE = ("市委", "省委", "县委", "区委", "州委", "市政府", "省政府", "县政府", "区政府", "市人大", "省人大",
                        "市政协", "省政协")


def date_unnumbered_meetings(items: list) -> None:
    """Within one document, a meeting named without a session number is one meeting, stated at its most
    specific date: a headline's undated 民营企业家座谈会召开 and the body's 4月26日 are one fact, and
    2021年…联席会议 is the 2021-09-24 one the body dates (dates that contain the specific one give way to it)."""
    meetings = [item for item in items if isinstance(item.record, MeetingRecord) and item.record.session is None]
    for item in meetings:
        r = item.record
        finer = [other.record.time for other in meetings
                 if norm(other.record.name) == norm(r.name) and other.record.time is not None
                 and (r.time is None or (r.time.start <= other.record.time.start and other.record.time.end <= r.time.end
                                         and other.record.time != r.time))]
        if finer:
            best = min(finer, key=lambda tv: (tv.end - tv.start, tv.start))
            item.record = replace(r, time=best)

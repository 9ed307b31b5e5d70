"""Document -> sentences -> extractors -> records with absolute offsets (pure: no database here)."""

import bisect
import dataclasses
import datetime as dt
import importlib
import itertools
import re
from collections.abc import Callable

from extractors.expressions import temporal
from extractors.ingest import text as textmod
from extractors.ingest.chinese_script import simplified_view
from extractors.context import make_context
from extractors.facts import dating
from extractors.values import TimeValue
from factline import consolidate, record_types
from factline.articles import as_written, read_article
from factline.corpus import SourceFile, parse_published
from factline.documents import Extracted, ProcessedDocument, sha256
# Reference for documents without a publication date: only expressions with an explicit year are kept, so
# this far-future day never leaks into a stored date (it is not "now": nothing here depends on the clock).
NO_REFERENCE = dt.date(9000, 12, 31)
_EXPLICIT_YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年")

# A year after these words is a flashback (两地早在1993年就建立了…): the story is not at that year, so it
# does not become the narrative date that later sentences' 当天 / 已 / 目前-less figures are read against.
FLASHBACK_MARKERS = tuple(importlib.import_module("extractors.rules").SHARED["earlier_markers"])  # lexicons/shared.yaml

_extractors: list | None = None


def extractor_functions() -> list:
    """The extract() function of every record-type module, imported once per process."""
    global _extractors
    if _extractors is None:
        _extractors = [importlib.import_module(f"extractors.facts.{t.extractor}").extract
                       for t in record_types.EXTRACTED]
    return _extractors


def process(source: SourceFile, data: bytes) -> ProcessedDocument:
    """Decode, normalise, date and extract one document. Raises text.InputError on bad input."""
    decoded, raw, declared = read_article(source, data)
    norm = textmod.normalise(raw)
    warnings = [f"{source.where}: {w}" for w in [*decoded.warnings, *norm.warnings]]
    front = {**(norm.front_matter or {}), **declared}  # a page's or a dump's own metadata before front matter
    spans = textmod.split_sentences(norm.text)
    published, inferred = publication_date(source, front, norm, spans)
    if published is None:
        warnings.append(f"{source.where}: no publication date anywhere; relative dates left unresolved")
    doc = ProcessedDocument(
        key=source.key,
        path=str(source.path),
        sha256=sha256(data),
        encoding=decoded.encoding,
        title=source.manifest.get("title") or front.get("title") or first_heading(norm),
        source=source.manifest.get("source") or front.get("source"),
        url=source.manifest.get("url") or front.get("url"),
        published=published,
        published_inferred=inferred,
        text=norm.text,
        meta={"removed": [list(r) for r in norm.removed], "dateline": norm.dateline},
        warnings=warnings,
    )
    extract_document(doc, norm, spans)
    return doc


_LOOKS_BACK = re.compile(r"(?:当年|同年|次年|翌年|第二年|当月|同月)")
_ISO_DAY = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_POSTED = re.compile(r"^(?:发布|更新)?(?:时间|日期)\s*[:：]\s*")


def publication_date(source: SourceFile, front: dict, norm, spans: list[tuple[int, int]]
                     ) -> tuple[TimeValue | None, bool]:
    """Manifest wins, then front matter, then the printed dateline, then the latest full date in the text."""
    for declared in (source.manifest.get("published"), front.get("published"), front.get("date")):
        value = parse_published(declared)
        if value is not None:
            return value, False
    # the printed dateline, then a web page's 发布时间 line (taken out of the text as page chrome)
    printed = [norm.dateline] if norm.dateline else []
    printed += [line for kind, line in norm.removed if kind == "chrome" and _POSTED.match(line)]
    for line in printed:
        value = temporal.resolve(_POSTED.sub("", line), reference=NO_REFERENCE)
        if value is not None and (_EXPLICIT_YEAR.search(line) or _ISO_DAY.search(line)):
            return dataclasses.replace(value, flags=value.flags - {"target"}), True
    explicit = [
        tv
        for start, end in spans  # sentence by sentence: linear in the size of the text
        if _EXPLICIT_YEAR.search(norm.text, start, end)
        for _, _, tv in temporal.find(norm.text[start:end], reference=NO_REFERENCE)
        if _EXPLICIT_YEAR.search(tv.text) and tv.precision == "day" and "target" not in tv.flags
    ]
    if explicit:
        return max(explicit, key=lambda tv: tv.end), True
    return None, False


def first_heading(norm) -> str | None:
    for start, end in norm.headings:
        heading = norm.text[start:end].strip()
        if heading:
            return heading
    first = norm.text.strip().split("\n", 1)[0]
    return first[:60] or None


def extract_document(doc: ProcessedDocument, norm, spans: list[tuple[int, int]]) -> None:
    """Run every extractor over every sentence, carrying the narrative date through each article."""
    reference = doc.published.end if doc.published else None
    extractors = extractor_functions()
    view = simplified_view(doc.text)  # Traditional text is read simplified; offsets map one to one
    if view is not doc.text:
        doc.meta["script"] = "traditional"
    articles = textmod.split_articles(norm)
    in_heading = heading_test(norm.headings)
    article_index = 0
    anchor: TimeValue | None = None
    meeting: TimeValue | None = None
    figures: TimeValue | None = None
    flashback: TimeValue | None = None  # the last date the previous sentence told as earlier than the story's
    previous = ""
    for start, end in spans:
        while article_index + 1 < len(articles) and start >= articles[article_index + 1][0]:
            article_index += 1
            anchor, previous, meeting, figures, flashback = None, "", None, None, None  # a new article starts from the publication date again
        sentence = view[start:end]
        doc.sentences.append((start, end, article_index, ""))  # search tokens: factline.search.index_document
        # 始于2020年1月，…。当年7月，两校签署…: 当年 looks back to the year just told, even a flashback's
        told = flashback if flashback is not None and _LOOKS_BACK.match(sentence) else anchor
        ctx = make_context(sentence, reference=reference or NO_REFERENCE, published=doc.published, anchor=told,
                           previous=previous)
        if reference is None:
            ctx.dates = [d for d in ctx.dates if _EXPLICIT_YEAR.search(d[2].text)]
        ctx.heading = in_heading(start)
        ctx.meeting = meeting
        ctx.previous_figures = figures
        found: list[Extracted] = []
        for extract in extractors:
            for record in extract(sentence, context=ctx):
                span = record.span
                found.append(Extracted(record_types.of_record(record).name,
                                       as_written(record, sentence, doc.text[start:end]), start + span.start,
                                       start + span.end, span.rule, article_index))
        doc.records.extend(resolve_overlaps(found))
        meeting = _meeting_held(found) or meeting
        figures = _figures_time(found)
        narrative = narrative_dates(sentence, ctx.dates)
        flashback = next((tv for d in reversed(ctx.dates) if d not in narrative and (tv := d[2]).precision in ("day", "month")
                          and not tv.flags & {"target", "now", "since"}), None)
        anchor = temporal.advance_anchor(anchor, narrative, ctx.reference)
        if anchor is None or anchor.precision == "year":
            anchor = dating.plan_topic(sentence, ctx.dates, ctx.reference) or anchor  # 今年，我们将…
        previous = sentence
    consolidate.use_declared_names(doc.records, view, reference or NO_REFERENCE)
    consolidate.fold_structures_into_lines(doc.records, doc.text)  # names are stored as written
    consolidate.complete_meeting_names(doc.records)
    consolidate.date_unnumbered_meetings(doc.records)


def heading_test(headings: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset lies in a heading (hs <= offset < he): a binary search, not a scan per sentence."""
    spans = sorted(headings)
    starts = [hs for hs, _ in spans]
    reach = list(itertools.accumulate((he for _, he in spans), max))  # the furthest end among spans so far

    def in_heading(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < reach[i]
    return in_heading


# A year written straight onto a name (2020年泛珠…联席会议以来, 2021年是…开局之年) labels it; it moves no story.
_YEAR_LABEL = re.compile(r"[\u4e00-\u9fff“\"]")
_YEAR_ADVERBIAL = frozenset("底末初中内前后起以来度里间")


_COMPARED = frozenset("比较")  # (于 dates events too: 已于今年6月召开)


def narrative_dates(sentence: str, dates: list) -> list:
    """The dates of a sentence that may move the narrative date: flashbacks (此前，9月27日), year labels and the
    baselines of comparisons (较去年同月) are left out."""
    return [
        d for d in dates
        if not _flashback(sentence, d[0]) and not (d[2].precision == "year" and _labels_a_name(sentence, d[1]))
        and not _label_after_its_day(sentence, d, dates)
        and not dating.is_baseline(sentence, d[0], dates, _COMPARED)
        and not any(e == d[0] and "now" in tv.flags for _, e, tv in dates)  # 目前1月份已投资…: a figure's period
    ]


def _meeting_held(found: list[Extracted]) -> TimeValue | None:
    """The date of the last meeting of a sentence dated to the day or month (what 会上 / 会后 refer to)."""
    times = [e.record.time for e in found if e.record_type == "meeting" and e.record.time is not None
             and e.record.time.precision in ("day", "month")]
    return times[-1] if times else None


def _figures_time(found: list[Extracted]) -> TimeValue | None:
    """The time the sentence's first reported figure holds at (what a breakdown after it shares)."""
    return next((e.record.as_of for e in found if e.record_type == "statistic" and not e.record.is_target), None)


def _label_after_its_day(sentence: str, d: tuple, dates: list) -> bool:
    """12月22日，…2023年12月招商引资项目集中签约仪式…: a batch's label after the day it falls on leaves the story
    at that day (without a day before it, the label is the story's time)."""
    return bool(dating.DATE_LABEL.match(sentence, d[1])) and any(
        e <= d[0] and tv.precision == "day" and d[2].start <= tv.start <= d[2].end for _, e, tv in dates)


def _flashback(sentence: str, start: int) -> bool:
    """早在2019年…, 此前，9月27日…: a date told as earlier than the story's."""
    return sentence[max(0, start - 5):start].rstrip("，, ").endswith(FLASHBACK_MARKERS)


def _labels_a_name(sentence: str, end: int) -> bool:
    after = sentence[end:end + 1]
    return bool(_YEAR_LABEL.match(after)) and after not in _YEAR_ADVERBIAL


def resolve_overlaps(found: list[Extracted]) -> list[Extracted]:
    """Drop exact duplicates (same type, same span, equal record); keep distinct facts that share words."""
    kept: list[Extracted] = []
    by_span: dict[tuple[str, int, int], list[Extracted]] = {}
    for item in sorted(found, key=lambda e: (e.start, -(e.end - e.start))):
        same_span = by_span.setdefault((item.record_type, item.start, item.end), [])
        if not any(other.record == item.record for other in same_span):
            same_span.append(item)
            kept.append(item)
    return kept

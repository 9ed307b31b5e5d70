"""Records the extractors return; offsets are relative to the sentence they were found in."""

from dataclasses import dataclass, field

from extractors.values import Quantity, TimeValue


@dataclass(frozen=True)
class Span:
    """Where a record was stated: [start, end) into the sentence, and the rule that fired."""

    start: int
    end: int
    rule: str


@dataclass
class Context:
    """What an extractor knows beyond its sentence.

    reference: the article's publication date bounds (latest day of the published period);
    published: the publication date at its precision (None if unknown);
    anchor: the running narrative date before this sentence (None at article start);
    dates: every date expression found in this sentence, as (start, end, TimeValue),
    resolved by the pipeline with the anchor (extractors never re-parse dates);
    quantities: every quantity in this sentence, as (start, end, Quantity);
    previous_dates: the dates of the previous sentence, as found for it (start, end, TimeValue);
    heading: the sentence is a heading of the page (a headline), not prose;
    meeting: the date of the last meeting the article told held (会上 / 会前 / 会后 refer to it);
    previous_figures: the time the previous sentence's first figure holds at (a breakdown of it shares it).
    """

    reference: "object"  # datetime.date
    published: TimeValue | None = None
    anchor: TimeValue | None = None
    dates: list[tuple[int, int, TimeValue]] = field(default_factory=list)
    quantities: list[tuple[int, int, Quantity]] = field(default_factory=list)
    previous: str = ""  # the previous sentence of the same article (for subjects/coreference)
    previous_dates: list[tuple[int, int, TimeValue]] = field(default_factory=list)
    heading: bool = False
    meeting: TimeValue | None = None
    previous_figures: TimeValue | None = None


@dataclass
class MeetingRecord:
    name: str
    session: int | None
    time: TimeValue | None
    location: str | None
    span: Span


@dataclass
class AgreementRecord:
    title: str | None
    parties: list[str]
    time: TimeValue | None
    span: Span


@dataclass
class PolicyRecord:
    title: str
    action: str
    time: TimeValue | None
    span: Span


@dataclass
class MilestoneRecord:
    event: str  # 规划 开工 在建 贯通 建成 通车 投运 竣工 签约 其他
    time: TimeValue | None
    planned: bool
    span: Span


@dataclass
class ProjectRecord:
    name: str
    category: str  # railway highway power water port aviation industrial public_facility other
    attributes: dict[str, float]
    milestones: list[MilestoneRecord]
    span: Span


@dataclass
class StatisticRecord:
    subject: str
    value: float
    unit: str
    qualifier: str
    is_target: bool
    as_of: TimeValue | None
    span: Span


Record = MeetingRecord | AgreementRecord | PolicyRecord | ProjectRecord | StatisticRecord

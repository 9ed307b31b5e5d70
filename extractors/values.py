"""Value types shared by every extractor: a resolved time and a parsed quantity."""

import datetime as dt
from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "quarter", "half", "year")


@dataclass(frozen=True)
class TimeValue:
    """A date at its real precision.

    ``date`` is ISO text at that precision ("2022", "2022-12", "2022-12-30",
    "2022-H1", "2022-Q3"); ``start``/``end`` are the inclusive day bounds.
    A range (4月22日至30日) has the precision of its ends and wider bounds.
    """

    date: str
    start: dt.date
    end: dt.date
    precision: str
    text: str = ""
    flags: frozenset[str] = field(default_factory=frozenset)  # e.g. {"as_of"}, {"target"}, {"range"}, {"relative"}

    @property
    def as_of(self) -> bool:
        return "as_of" in self.flags

    @property
    def target(self) -> bool:
        return "target" in self.flags


@dataclass(frozen=True)
class Quantity:
    """A number as written: value after scaling (万/亿), the unit as written, and a qualifier.

    A range (3至5年) is one Quantity of kind "range": ``value`` is its upper bound (qualifier
    at_most) and ``low`` its lower bound; ``low`` is None for every other kind.
    """

    value: float
    unit: str = ""
    qualifier: str = "exact"  # exact | approx | at_least | at_most
    text: str = ""
    kind: str = "quantity"  # quantity | percent | ordinal | age | range | ...
    low: float | None = None

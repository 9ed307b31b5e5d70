"""Build the per-sentence Context exactly as the pipeline does."""

import datetime as dt

from extractors.expressions import numbers
from extractors.expressions import temporal
from extractors.records import Context
from extractors.values import TimeValue

# The last sentence a context was made for, with its reference date and dates: the next sentence's
# context carries them as ``previous_dates`` without resolving them again (one tuple, replaced at
# once: safe across threads).
_LAST: tuple[str, dt.date | None, list] = ("", None, [])


def _previous_dates(previous: str, reference: dt.date, anchor: TimeValue | None) -> list:
    """The dates of the previous sentence: the ones found when its own context was made, if it was."""
    cached, cached_reference, dates = _LAST
    if not previous:
        return []
    if reference == cached_reference and (previous is cached or previous == cached):
        return dates
    return temporal.find(previous, reference=reference, anchor=anchor)


def make_context(
    sentence: str,
    *,
    reference: dt.date,
    published: TimeValue | None = None,
    anchor: TimeValue | None = None,
    previous: str = "",
) -> Context:
    """Resolve every date and quantity of one sentence once, for all extractors."""
    global _LAST
    dates = temporal.find(sentence, reference=reference, anchor=anchor)
    previous_dates = _previous_dates(previous, reference, anchor)
    _LAST = (sentence, reference, dates)
    return Context(
        reference=reference,
        published=published,
        anchor=anchor,
        dates=dates,
        quantities=numbers.find(sentence),
        previous=previous,
        previous_dates=previous_dates,
    )

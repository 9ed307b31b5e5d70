"""Build the per-sentence Context exactly as the pipeline does."""

import datetime as dt

from extractors.expressions import numbers
from extractors.expressions import temporal
from extractors.records import Context
from extractors.values import TimeValue


def make_context(
    sentence: str,
    *,
    reference: dt.date,
    published: TimeValue | None = None,
    anchor: TimeValue | None = None,
    previous: str = "",
) -> Context:
    """Resolve every date and quantity of one sentence once, for all extractors."""
    return Context(
        reference=reference,
        published=published,
        anchor=anchor,
        dates=temporal.find(sentence, reference=reference, anchor=anchor),
        quantities=numbers.find(sentence),
        previous=previous,
    )

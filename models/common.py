"""Column groups shared by several tables: a dated fact and a consolidated record."""

from sqlmodel import Field, SQLModel


class DatedBase(SQLModel):
    """A date at its real precision: ISO text, the day bounds, and the precision name."""

    date: str | None = Field(default=None, index=True)
    date_start: str | None = Field(default=None, index=True)
    date_end: str | None = None
    date_precision: str | None = None
    date_text: str | None = Field(default=None, description="the words the date was read from (截至2022年底)")


class ConsolidatedBase(SQLModel):
    """A fact that may be reported by several documents (one mentions row per source)."""

    key: str = Field(unique=True, description="consolidation key: the same fact from several sources")
    sources: int = Field(default=0, description="number of documents that report it")
    first_reported: str | None = None
    last_reported: str | None = None
    fact_id: int | None = Field(default=None, foreign_key="facts.id", index=True,
                                description="this record in facts, which every mention of it points to")

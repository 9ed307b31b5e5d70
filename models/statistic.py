"""Statistics: a figure about a subject, as of a date, achieved or targeted."""

from sqlmodel import Field, SQLModel

from models.common import ConsolidatedBase


class StatisticBase(ConsolidatedBase):
    subject: str = Field(index=True)
    series: str = Field(index=True)
    value: float
    unit: str
    qualifier: str
    is_target: bool = False
    as_of: str | None = None
    as_of_start: str | None = Field(default=None, index=True)
    as_of_end: str | None = None
    as_of_precision: str | None = None
    as_of_text: str | None = Field(default=None, description="the words the date was read from (截至2022年底)")


class Statistic(StatisticBase, table=True):
    __tablename__ = "statistics"

    id: int | None = Field(default=None, primary_key=True)

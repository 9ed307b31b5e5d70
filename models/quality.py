"""Quality: how far each extractor is to be trusted, measured against gold."""

from sqlmodel import Field, SQLModel


class QualityBase(SQLModel):
    record_type: str
    rule: str
    gold: int
    found: int
    matched: int
    precision: float | None = None
    recall: float | None = None
    gold_file: str | None = None
    measured_at: str


class Quality(QualityBase, table=True):
    __tablename__ = "quality"

    id: int | None = Field(default=None, primary_key=True)

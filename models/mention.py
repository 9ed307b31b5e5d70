"""Mentions: where a record is stated, as a quote that slices documents.text."""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class MentionBase(SQLModel):
    record_type: str = Field(index=True)
    record_id: int = Field(index=True)
    fact_id: int | None = Field(default=None, foreign_key="facts.id", index=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    quote: str
    char_start: int
    char_end: int
    rule: str


class Mention(MentionBase, table=True):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_record", "record_type", "record_id"),
        Index("ix_mentions_position", "document_id", "char_start"),
    )

    id: int | None = Field(default=None, primary_key=True)

"""Sentences: the spans of documents.text, indexed for Chinese full-text search."""

from sqlmodel import Field, SQLModel


class SentenceBase(SQLModel):
    document_id: int = Field(foreign_key="documents.id", index=True)
    article: int = 0
    char_start: int
    char_end: int
    text: str


class Sentence(SentenceBase, table=True):
    __tablename__ = "sentences"

    id: int | None = Field(default=None, primary_key=True)

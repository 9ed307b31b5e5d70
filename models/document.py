"""Documents: one ingested article file (or page) with its normalised text."""

from sqlmodel import Field, SQLModel


class DocumentBase(SQLModel):
    path: str = Field(unique=True, description="path relative to the corpus root")
    sha256: str
    encoding: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, index=True)
    published_precision: str | None = None
    published_inferred: bool = False
    text: str
    chars: int
    ingested_at: str
    meta: str | None = Field(default=None, description="JSON: bylines, captions, editor lines, articles")


class Document(DocumentBase, table=True):
    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)

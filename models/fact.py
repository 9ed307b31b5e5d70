"""Facts: one row per stored record of any type, so that every record and every mention has a real foreign key."""

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class FactBase(SQLModel):
    record_type: str = Field(description="the record's type, as in mentions.record_type")
    record_id: int = Field(description="the record's id in its type's table")


class Fact(FactBase, table=True):
    __tablename__ = "facts"
    __table_args__ = (UniqueConstraint("record_type", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)

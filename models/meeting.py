"""Meetings: convened gatherings, named by their canonical series."""

from sqlmodel import Field

from models.common import ConsolidatedBase, DatedBase


class MeetingBase(DatedBase, ConsolidatedBase):
    name: str = Field(index=True)
    session: int | None = None
    location: str | None = None


class Meeting(MeetingBase, table=True):
    __tablename__ = "meetings"

    id: int | None = Field(default=None, primary_key=True)

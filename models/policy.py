"""Policies: a named 《》 document and what was done with it (审议, 印发, 发布 …)."""

from sqlmodel import Field

from models.common import ConsolidatedBase, DatedBase


class PolicyBase(DatedBase, ConsolidatedBase):
    title: str = Field(index=True)
    action: str


class Policy(PolicyBase, table=True):
    __tablename__ = "policies"

    id: int | None = Field(default=None, primary_key=True)

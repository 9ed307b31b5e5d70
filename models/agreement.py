"""Agreements: something signed (协议, 框架协议, 备忘录) by parties on a date."""

from sqlmodel import Field

from models.common import ConsolidatedBase, DatedBase


class AgreementBase(DatedBase, ConsolidatedBase):
    title: str | None = Field(default=None, index=True)
    parties: str = Field(default="[]", description="JSON array of parties as written")


class Agreement(AgreementBase, table=True):
    __tablename__ = "agreements"

    id: int | None = Field(default=None, primary_key=True)

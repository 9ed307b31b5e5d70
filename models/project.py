"""Projects and their dated milestones."""

from sqlmodel import Field

from models.common import ConsolidatedBase, DatedBase


class ProjectBase(ConsolidatedBase):
    name: str = Field(index=True)
    category: str
    attributes: str = Field(default="{}", description="JSON object of numeric facts")


class Project(ProjectBase, table=True):
    __tablename__ = "projects"

    id: int | None = Field(default=None, primary_key=True)


class MilestoneBase(DatedBase, ConsolidatedBase):
    project_id: int = Field(foreign_key="projects.id", index=True)
    event: str
    planned: bool = False


class Milestone(MilestoneBase, table=True):
    __tablename__ = "milestones"

    id: int | None = Field(default=None, primary_key=True)

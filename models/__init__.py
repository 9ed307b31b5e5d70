"""Every table of the public schema; imported by migrations/env.py so Alembic sees them all."""

from models.agreement import Agreement
from models.document import Document
from models.fact import Fact
from models.meeting import Meeting
from models.mention import Mention
from models.policy import Policy
from models.project import Milestone, Project
from models.quality import Quality
from models.sentence import Sentence
from models.statistic import Statistic

__all__ = [
    "Agreement",
    "Document",
    "Fact",
    "Meeting",
    "Mention",
    "Milestone",
    "Policy",
    "Project",
    "Quality",
    "Sentence",
    "Statistic",
]

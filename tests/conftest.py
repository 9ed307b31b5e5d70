"""Shared fixtures: one real database built from the seeds per test session."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A database built from a copy of seeds/ with the real build job (Alembic-migrated SQLite)."""
    from factline.build import build

    tmp = tmp_path_factory.mktemp("seeds")
    corpus = tmp / "seeds"
    shutil.copytree(SEEDS, corpus)
    db = tmp / "facts.db"
    report = build([corpus], db)
    assert report.rejected == 0, report.errors
    return db

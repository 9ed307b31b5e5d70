"""Datasette for a factline database: metadata.yml bound to whatever the database file is called."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"
TEMPLATES = ROOT / "templates"
CANONICAL_DB = "factline"

SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 5000,
    "default_page_size": 50,
    "allow_download": False,
    "facet_time_limit_ms": 500,
}


def load_metadata(db_path: Path | str) -> dict:
    """metadata.yml with its `factline` database section renamed to the file's stem."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    databases = metadata.get("databases", {})
    if CANONICAL_DB in databases and name != CANONICAL_DB:
        databases[name] = databases.pop(CANONICAL_DB)
    return metadata


def make_datasette(db_path: Path | str):
    """A Datasette serving the database read-only with factline's metadata, templates and settings."""
    from datasette.app import Datasette

    return Datasette(
        files=[str(db_path)],
        metadata=load_metadata(db_path),
        settings=SETTINGS,
        template_dir=str(TEMPLATES) if TEMPLATES.exists() else None,
        cors=False,
    )

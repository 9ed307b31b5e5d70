"""Schema objects the migrations create by hand (views, FTS tables), left out of drift comparisons."""

UNMODELLED_PREFIXES = ("search_", "timeline", "conflicts", "sqlite_")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic include_object hook: skip reflected tables that SQLModel does not model."""
    return not (type_ == "table" and reflected and compare_to is None and name.startswith(UNMODELLED_PREFIXES))

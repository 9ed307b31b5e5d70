"""Datasette plugin: the SQL function fts_query(q) that segments a Chinese query for FTS5 MATCH."""

from datasette import hookimpl

from factline.search import match_query


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, match_query, deterministic=True)

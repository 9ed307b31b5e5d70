"""Datasette plugin: the SQL function fts_query(q) that segments a Chinese query for FTS5 MATCH."""

from datasette import hookimpl

from factline.search import match_query


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, match_query, deterministic=True)


@hookimpl
def startup(datasette):
    async def load_segmenter():
        from extractors.ingest import segment

        segment.tokenizer()  # load jieba's dictionary once, before the first search rather than during it

    return load_segmenter

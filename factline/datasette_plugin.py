"""Datasette plugin: Chinese search, the fact and entity pages, fact links in results, CSV that Excel opens."""

import json
import urllib.parse

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from factline import display, pages
from factline.search import match_query

# Values in query results that are paths of factline's own pages become links.
PAGE_PREFIXES = ("/fact/", "/project/", "/meeting-series/", "/party/", "/document/")
UTF8_BOM = b"\xef\xbb\xbf"
PREVIEW_CHARS = 120


def filter_error(kind: str | None, date_from: str | None, date_to: str | None) -> str | None:
    """SQL function: why the timeline filters are invalid, in one line; NULL when they are valid."""
    errors = display.filter_errors(kind=kind, date_from=date_from, date_to=date_to)
    return "; ".join(errors) or None


def amount(value: float | None, unit: str | None, qualifier: str | None) -> str:
    """SQL function: a figure in 万 / 亿 (factline.display.display_amount)."""
    return display.display_amount(value, unit, qualifier)


def date_words(date: str | None, precision: str | None, written: str | None = None) -> str | None:
    """SQL function: a date in Chinese words at its precision (factline.display.display_date); with the words
    it was read from (date_text), 年底 / 月底 read as written."""
    return display.display_date(date, precision, written) if date else None


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, match_query, deterministic=True)
    conn.create_function("filter_error", 3, filter_error, deterministic=True)
    conn.create_function("amount", 3, amount, deterministic=True)
    conn.create_function("date_words", 2, date_words, deterministic=True)
    conn.create_function("date_words", 3, date_words, deterministic=True)


@hookimpl
def startup(datasette):
    async def load_segmenter():
        from extractors.ingest import segment

        segment.tokenizer()  # load jieba's dictionary once, before the first search rather than during it

    return load_segmenter


def _link(href: str, text: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


def _row_value(row, key: str):
    try:
        return row[key]
    except (KeyError, IndexError, TypeError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Fact ids and page paths become links; quality as a percentage; a document's text as a preview."""
    if isinstance(value, str) and value.startswith(PAGE_PREFIXES):
        return _link(value, value)
    if column == "record_id" and _row_value(row, "record_type") in pages.TABLES and value is not None:
        return _link(pages.fact_link(_row_value(row, "record_type"), value), value)
    if column == "id" and table in pages.TYPE_OF_TABLE and value is not None:
        return _link(pages.fact_link(pages.TYPE_OF_TABLE[table], value), value)
    if table == "quality" and column in ("precision", "recall") and isinstance(value, float):
        return display.percent(value)
    if table == "documents" and column == "text" and isinstance(value, str):
        preview = escape(value[:PREVIEW_CHARS]) + ("…" if len(value) > PREVIEW_CHARS else "")
        return preview + Markup(" ") + _link(f"/document/{_row_value(row, 'id')}", "阅读全文 / read")
    return None


async def _page(datasette, request, template: str, build, *args) -> Response:
    """Render one of factline's pages from the first database, or 404."""
    db = datasette.get_database()
    data = await db.execute_fn(lambda conn: build(conn, *args))
    if data is None:
        raise NotFound("没有这一页 / no such page")
    context = {"data": data, "database": db.name, "quote": lambda s: urllib.parse.quote(str(s), safe="")}
    return Response.html(await datasette.render_template(template, context, request=request))


def _var(request, name: str) -> str:
    return urllib.parse.unquote(request.url_vars[name])


async def fact_page(datasette, request):
    return await _page(datasette, request, "fact.html", pages.fact, _var(request, "record_type"),
                       int(request.url_vars["record_id"]))


async def project_page(datasette, request):
    return await _page(datasette, request, "project.html", pages.project, int(request.url_vars["id"]))


async def meeting_series_page(datasette, request):
    return await _page(datasette, request, "meeting_series.html", pages.meeting_series, _var(request, "name"))


async def party_page(datasette, request):
    return await _page(datasette, request, "party.html", pages.party, _var(request, "name"))


async def document_page(datasette, request):
    return await _page(datasette, request, "document.html", pages.document, int(request.url_vars["id"]))


async def timeline_page(datasette, request):
    db = datasette.get_database()
    context = {"database": db.name, "kinds_json": Markup(json.dumps(display.KINDS, ensure_ascii=False))}
    return Response.html(await datasette.render_template("timeline.html", context, request=request))


@hookimpl
def register_routes(datasette):
    return [
        (r"^/fact/(?P<record_type>[a-z]+)/(?P<record_id>\d+)$", fact_page),
        (r"^/project/(?P<id>\d+)$", project_page),
        (r"^/meeting-series/(?P<name>[^/]+)$", meeting_series_page),
        (r"^/party/(?P<name>[^/]+)$", party_page),
        (r"^/document/(?P<id>\d+)$", document_page),
        (r"^/timeline$", timeline_page),
    ]


@hookimpl
def extra_template_vars(template, database, datasette):
    """The index page lists every canned query with its title and description."""
    if template != "index.html":
        return {}

    async def canned_queries():
        db = datasette.get_database()
        queries = await datasette.get_canned_queries(db.name, None)
        return {"factline_database": db.name, "factline_queries": list(queries.values())}

    return canned_queries


def _is_csv(scope) -> bool:
    return scope.get("type") == "http" and scope.get("path", "").endswith(".csv")


@hookimpl
def asgi_wrapper(datasette):
    """CSV responses start with a UTF-8 byte order mark, so Excel reads them as UTF-8, not as the locale's code page."""

    def wrap(app):
        async def with_bom(scope, receive, send):
            if not _is_csv(scope):
                await app(scope, receive, send)
                return
            state = {"csv": False, "sent": False}

            async def send_with_bom(message):
                if message["type"] == "http.response.start":
                    # Datasette sends CSV as text/plain unless downloaded (_dl=1): the path says it is CSV
                    state["csv"] = message.get("status") == 200
                    if state["csv"]:
                        message = {**message, "headers": [
                            (k, str(int(v) + len(UTF8_BOM)).encode() if k == b"content-length" else v)
                            for k, v in message.get("headers") or []]}
                elif message["type"] == "http.response.body" and state["csv"] and not state["sent"]:
                    state["sent"] = True
                    message = {**message, "body": UTF8_BOM + message.get("body", b"")}
                await send(message)

            await app(scope, receive, send_with_bom)

        return with_bom

    return wrap

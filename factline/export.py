"""Exports of the timeline: CSV (UTF-8 with BOM, for Excel), JSON and TimelineJS JSON that never invents precision."""

import csv
import html
import io
import json
import sqlite3
from pathlib import Path

from factline.display import display_date

COLUMNS = ("date", "date_words", "date_start", "date_end", "date_precision", "date_text", "kind", "summary", "record_type",
           "record_id", "sources", "quote", "title", "source", "url", "document")
# Excel on Windows reads a CSV file as the locale's code page unless it starts with a UTF-8 byte order mark.
BOM = "\ufeff"

SELECT = """
SELECT t.date, t.date_start, t.date_end, t.date_precision, t.date_text, t.kind, t.summary, t.record_type, t.record_id,
       t.sources, m.quote, d.title, d.source, d.url, d.path AS document
  FROM timeline t
  LEFT JOIN mentions m ON m.id = (SELECT MIN(id) FROM mentions x
                                   WHERE x.record_type = t.record_type AND x.record_id = t.record_id)
  LEFT JOIN documents d ON d.id = m.document_id
 WHERE (:kind IS NULL OR t.kind = :kind)
   AND (:date_from IS NULL OR t.date_end >= :date_from)
   AND (:date_to IS NULL OR t.date_start <= :date_to_end)
   AND (:q IS NULL OR t.summary LIKE '%' || :q || '%' OR m.quote LIKE '%' || :q || '%')
 ORDER BY t.date_start, t.date_end, t.kind, t.record_id
"""


def _upper_bound(value: str | None) -> str | None:
    """The last day an ISO prefix can mean: 2022 -> 2022-12-31, 2022-06 -> 2022-06-31 (compares as text)."""
    if value is None:
        return None
    return value + {4: "-12-31", 7: "-31"}.get(len(value), "")


def rows(db_path: Path | str, *, kind=None, date_from=None, date_to=None, query=None) -> list[dict]:
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        params = {"kind": kind, "date_from": date_from, "date_to": date_to,
                  "date_to_end": _upper_bound(date_to), "q": query}
        return [{**dict(r), "date_words": display_date(r["date"], r["date_precision"], r["date_text"])}
                for r in conn.execute(SELECT, params)]
    finally:
        conn.close()


def timelinejs_date(row: dict, which: str = "start") -> dict:
    """A TimelineJS date object with only the parts the precision knows."""
    iso = row[f"date_{which}"]
    out = {"year": int(iso[:4])}
    if row["date_precision"] in ("day", "month"):
        out["month"] = int(iso[5:7])
    if row["date_precision"] == "day":
        out["day"] = int(iso[8:10])
    return out


def timelinejs(records: list[dict]) -> dict:
    events = []
    for r in records:
        event = {
            "start_date": timelinejs_date(r, "start"),
            "display_date": display_date(r["date"], r["date_precision"], r.get("date_text")) if r["date"] else None,
            "text": {
                "headline": html.escape(r["summary"] or ""),
                # TimelineJS renders this as HTML: the article's words are escaped, never markup
                "text": f"“{html.escape(r['quote'] or '')}”<br><small>{html.escape(r['source'] or '')} · "
                        f"{html.escape(r['title'] or r['document'] or '')} · {r['sources']} 个来源</small>",
            },
            "group": r["kind"],
            "unique_id": f"{r['record_type']}-{r['record_id']}",
        }
        if r["date_precision"] in ("quarter", "half"):
            event["end_date"] = {"year": int(r["date_end"][:4]), "month": int(r["date_end"][5:7])}
        events.append(event)
    return {"title": {"text": {"headline": "factline 时间线", "text": f"{len(events)} 个事件"}}, "events": events}


def export_timeline(db_path: Path | str, fmt: str, **filters) -> str:
    records = rows(db_path, **filters)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt == "timelinejs":
        return json.dumps(timelinejs(records), ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(records)
    return buf.getvalue()

"""Saved web pages: the article's main text (trafilatura) and its title, date, outlet and URL from the page."""

import functools
import re
from dataclasses import dataclass

from extractors.ingest.chinese_script import search_key
from extractors.rules import LEXICON_DIR, load_yaml_strict

__all__ = ["Page", "read_page"]

# Separators between an article's title and its site's name in a page title.
_TITLE_SEPARATOR = re.compile(r"\s*(?:\s[-|–—]\s|[_｜|]|\s?[－—]{1,2}\s?)\s*")
_DATE = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号]?")


@dataclass
class Page:
    """The main text of a page and what the page says about itself (None where it says nothing)."""

    text: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None

    def declared(self) -> dict[str, str]:
        """The page's metadata as front-matter fields (title, source, url, published)."""
        fields = {"title": self.title, "source": self.source, "url": self.url, "published": self.published}
        return {k: v for k, v in fields.items() if v}


@functools.cache
def _lexicon() -> tuple[int, re.Pattern, tuple[str, ...], re.Pattern]:
    data = load_yaml_strict(LEXICON_DIR / "page.yaml")
    chrome = re.compile("|".join(f"(?:{p})" for p in data["chrome"]))
    return data["max_line_chars"], chrome, tuple(data["site_suffix"]), re.compile(data["source_line"])


def read_page(markup: str) -> Page:
    """The article of a saved HTML page: main text without page chrome, and its metadata."""
    import trafilatura  # imported on first use: plain-text corpora never load it

    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, favor_precision=True,
                                      include_tables=True, date_extraction_params={"extensive_search": False,
                                                                                   "original_date": True})
    visible = _visible_text(markup)
    _, _, _, source_line = _lexicon()
    found = source_line.search(search_key(visible))  # same length: the outlet is sliced as written
    sitename = (doc.sitename if doc else None) or (visible[found.start(1):found.end(1)] if found else None)
    return Page(
        text=drop_chrome(doc.text if doc and doc.text else ""),
        title=strip_site(doc.title, sitename) if doc and doc.title else None,
        published=(doc.date if doc and doc.date else None) or _date_line(visible),
        source=sitename,
        url=doc.url if doc else None,
    )


def drop_chrome(text: str) -> str:
    """text without the short lines that are page furniture (copyright, related links, share buttons)."""
    limit, chrome, _, _ = _lexicon()
    kept = [line for line in text.split("\n") if len(line) > limit or not chrome.search(search_key(line.strip()))]
    return "\n".join(kept)


def strip_site(title: str, sitename: str | None) -> str:
    """A page title without the site's name after it ("… - 新华网", "…_中国新闻网")."""
    _, _, suffixes, _ = _lexicon()
    title = title.strip()
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1:
        tail = parts[-1].strip()
        key = search_key(tail)
        if not (tail and (sitename and (tail in sitename or sitename in tail) or key.endswith(suffixes))):
            break
        parts.pop()
    return title[:_kept_length(title, parts)].strip()


def _kept_length(title: str, parts: list[str]) -> int:
    """Where the kept parts of a split title end in the title."""
    end = 0
    for part in parts:
        end = title.index(part, end) + len(part)
    return end


def _visible_text(markup: str) -> str:
    """The page's text as a reader sees it (scripts and styles left out)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except Exception:  # lxml raises several types on broken markup; a page without a tree has no visible text
        return ""
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    return "\n".join(tree.itertext())


def _date_line(visible: str) -> str | None:
    """The first full date printed on the page (the date line under a headline), as YYYY-MM-DD."""
    for m in _DATE.finditer(visible):
        year, month, day = (int(g) for g in m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None

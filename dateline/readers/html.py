"""HTML pages: the main text by trafilatura (menus, footers and ads left out), one article a page.

``text`` is the extracted text, so every offset in the result indexes that text, not the HTML.
The publication date comes from the page's metadata (``article:published_time``, ``<time>``,
JSON-LD, ... as trafilatura's date finder reads them, without guessing from the body); when the
page has none, ``--date`` is used; with neither the page is kept aside. So is a page whose main
text has fewer than :data:`MIN_WORDS` words (a menu, a login or error page).
"""
from __future__ import annotations

import logging
from typing import Iterator

from ..article import Article, BadRecord, parse_date
from ..errors import InputError
from . import ReadOptions, Record, register

# a page whose main text is shorter than this is navigation or an error page, not an article
MIN_WORDS = 5
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def _excerpt(raw: bytes) -> str:
    return raw[:200].decode("utf-8", "replace")


def html_to_article(raw: bytes, source: str, options: ReadOptions, *, line: int | None = None,
                    url: str | None = None) -> Article | BadRecord:
    """One HTML page (bytes, any declared charset) to an Article, or a BadRecord saying why not."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    if not raw.strip():
        return BadRecord(source=source, line=line, reason="empty HTML page")
    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura errors on broken markup vary
        return BadRecord(source=source, line=line, reason=f"cannot parse the HTML: {exc}", excerpt=_excerpt(raw))
    if isinstance(doc, dict):  # trafilatura < 2 returns a dict
        from types import SimpleNamespace

        doc = SimpleNamespace(**{k: doc.get(k) for k in ("text", "date", "title", "url")})
    text = getattr(doc, "text", None) if doc is not None else None
    words = len(text.split()) if text else 0
    if words < MIN_WORDS:
        return BadRecord(source=source, line=line, excerpt=_excerpt(raw),
                         reason=f"no main text found in the HTML page ({words} word(s) outside menus and footers)")
    try:
        if doc.date:
            published = parse_date(doc.date, source=source, line=line)
        elif options.date is not None:
            published = options.date
        else:
            raise InputError("no publication date in the page's metadata; give one with --date",
                             source=source, line=line)
    except InputError as err:
        return BadRecord.from_error(err, excerpt=text[:200])
    return Article(text=text, published=published, title=doc.title or None, url=url or doc.url or None,
                   source=source, line=line, meta={"format": "html"})


@register(".html", ".htm", ".xhtml")
def read_html(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    yield html_to_article(stream.read(), source, options)

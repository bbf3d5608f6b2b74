"""WARC web archives (``.warc``, ``.warc.gz``): every HTML response record is one article.

Records are numbered from 1 in archive order (requests, metadata and other records count too), and
that number is the ``line`` a bad record is reported with. The page's URL is the record's
``WARC-Target-URI``; its text and date are read as for an HTML file (see :mod:`.html`).
"""
from __future__ import annotations

from typing import Iterator

from ..article import BadRecord
from . import ReadOptions, Record, register
from .html import html_to_article


def _is_html(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in ctype


@register(".warc", ".warc.gz")
def read_warc(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.format != "warc":
                yield BadRecord(source=source, line=number,
                                reason="not a WARC archive: a record does not start with a 'WARC/1.x' header")
                return
            if not _is_html(record):
                continue
            status = record.http_headers.get_statuscode()
            url = record.rec_headers.get_header("WARC-Target-URI")
            if status and not status.startswith("2"):
                continue  # redirects and error pages are not articles
            yield html_to_article(record.content_stream().read(), source, options, line=number, url=url)
    except ArchiveLoadFailed as exc:
        yield BadRecord(source=source, line=number + 1 if number else None,
                        reason=f"not a readable WARC archive: {str(exc).splitlines()[0]}")

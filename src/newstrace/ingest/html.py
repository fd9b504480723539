"""HTML pages: main text with trafilatura, metadata from the page.

trafilatura removes menus, share bars and related-article lists; when it finds
no main text (broken or unusual markup) we fall back to all visible text of the
page, which the clean stage then classifies line by line. Script and style
content is never kept as text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

__all__ = ["HtmlArticle", "parse_html", "declared_charset"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    author: str | None
    url: str | None
    language: str | None
    method: str  # "trafilatura" or "fallback"


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def parse_html(html: str) -> HtmlArticle:
    """Main text and metadata of an HTML page."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    text = None
    meta = None
    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many kinds on hostile markup; fall back below
        text = None
    try:
        meta = extract_metadata(html)
    except Exception:  # noqa: BLE001
        meta = None
    method = "trafilatura"
    if not text or not text.strip():
        text = _visible_text(html)
        method = "fallback"
    title = getattr(meta, "title", None) if meta else None
    published = getattr(meta, "date", None) if meta else None
    outlet = getattr(meta, "sitename", None) if meta else None
    author = getattr(meta, "author", None) if meta else None
    url = getattr(meta, "url", None) if meta else None
    language = _html_lang(html)
    if title is None:
        title = _title_tag(html)
    return HtmlArticle(
        text=text or "",
        title=title,
        published=published,
        outlet=outlet,
        author=author,
        url=url,
        language=language,
        method=method,
    )


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            return lxml.html.fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None


def _visible_text(html: str) -> str:
    root = _parse(html)
    if root is None:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//iframe|//object"):
        bad.drop_tree()
    blocks: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in {"p", "h1", "h2", "h3", "h4", "li", "figcaption", "blockquote", "td", "div", "span", "a"}:
            own = (el.text or "").strip()
            if own:
                blocks.append(" ".join(own.split()))
        tail = (el.tail or "").strip()
        if tail:
            blocks.append(" ".join(tail.split()))
    # Keep order, drop exact repeats of short blocks (menus repeated in header and footer).
    seen: set[str] = set()
    out = []
    for b in blocks:
        if len(b) < 80 and b in seen:
            continue
        seen.add(b)
        out.append(b)
    return "\n".join(out)


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", html[:3000], re.I)
    return m.group(1).lower() if m else None


def _title_tag(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
    if not m:
        return None
    title = " ".join(html_lib.unescape(m.group(1)).split())
    return title or None

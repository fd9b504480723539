"""HTML pages: main text with trafilatura, metadata from the page.

trafilatura removes menus, share bars and related-article lists. It runs twice: once favouring
precision (with its readability/jusText fallbacks), once favouring recall (fast mode). The precision
text is kept when the two broadly agree; when their lengths differ by more than a factor of two
(``_AGREEMENT``), one of the two went astray (the precision run dropped most of the body, or its
fallback picked a larger, different block) and the recall text is kept. Measured on the Zyte
article-extraction benchmark (docs/benchmarks.md, "HTML main-text extraction"). When neither finds
a main text (broken or unusual markup) we fall back to all visible text of the page, which the
clean stage then classifies line by line. Script and style content is never kept as text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["HtmlArticle", "parse_html", "main_text", "declared_charset"]

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
    method: str  # "trafilatura", "trafilatura-recall" or "fallback" (see main_text)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


# Length ratio beyond which the precision- and recall-oriented extractions are taken to disagree.
_AGREEMENT = 2.0

# Keyword arguments of trafilatura.extract, whose parameters have many different types (hence Any).
_COMMON: dict[str, Any] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "deduplicate": False,
}


def _trafilatura(html: str, **options: bool) -> str:
    import trafilatura

    extra: dict[str, Any] = options
    try:
        text = trafilatura.extract(html, **_COMMON, **extra)
    except Exception:  # noqa: BLE001 - trafilatura raises many kinds on hostile markup; fall back below
        return ""
    return text.strip() if text else ""


def main_text(html: str) -> tuple[str, str]:
    """(text, method): the page's main text and which extraction gave it.

    method is "trafilatura" (precision-oriented run), "trafilatura-recall" (the recall-oriented run,
    when the two disagree or the first found nothing) or "fallback" (all visible text).
    """
    precise = _trafilatura(html, favor_precision=True)
    recall = _trafilatura(html, favor_recall=True, fast=True)
    if precise and recall:
        ratio = len(precise) / len(recall)
        if 1 / _AGREEMENT <= ratio <= _AGREEMENT:
            return precise, "trafilatura"
        return recall, "trafilatura-recall"
    if precise or recall:
        return (precise, "trafilatura") if precise else (recall, "trafilatura-recall")
    # Neither found a main text: the recall run with trafilatura's own fallbacks, then visible text.
    text = _trafilatura(html, favor_recall=True)
    if text:
        return text, "trafilatura-recall"
    return _visible_text(html), "fallback"


def parse_html(html: str) -> HtmlArticle:
    """Main text and metadata of an HTML page."""
    from trafilatura.metadata import extract_metadata

    text, method = main_text(html)
    try:
        meta = extract_metadata(html)
    except Exception:  # noqa: BLE001
        meta = None
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

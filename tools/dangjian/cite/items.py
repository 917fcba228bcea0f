"""The CSL-JSON item of an article page or a glossary entry: what every citation format says.

An article is cited as the newspaper article it was (GB/T 7714 ``[N]``) only when its front
matter gives both the paper and the date; otherwise the knowledge-base page itself is cited as
an online resource (``[EB/OL]``), with no paper and no date, since none may be invented.  Names
stay as printed (CSL ``literal``): Chinese names are not split into family and given name.
"""

from __future__ import annotations

import copy
import hashlib
import re
from datetime import date

from ..errors import SourceError
from ..glossary.model import Entry
from ..layout import ARTICLES
from .fields import csl_date, one_line

#: The prefix of every item id: ids stay unique when readers merge our items with their own.
ID_PREFIX = "dangjian-"
LANGUAGE = "zh-CN"
_ASCII_ID = re.compile(r"[^A-Za-z0-9]+")


def _text(value: object) -> str:
    """A front-matter value as one line of text ("" for none); YAML dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return one_line(str(value))


def item_id(name: str) -> str:
    """A stable ASCII id for ``name`` (``003-yanbian`` → ``dangjian-003-yanbian``).

    A name with other characters keeps its ASCII letters and gets a short hash of itself, so two
    names never share an id.
    """
    ascii_name = _ASCII_ID.sub("-", name).strip("-")
    if ascii_name == name:
        return ID_PREFIX + name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return ID_PREFIX + "-".join(part for part in (ascii_name, digest) if part)


def _authors(values: object) -> list[dict]:
    """CSL names from a list of printed names, each kept whole."""
    if not isinstance(values, list):
        return []
    return [{"literal": name} for name in (_text(value) for value in values) if name]


def _page_path(name: str) -> str:
    return f"{ARTICLES}/{name}.md"


def article_item(docname: str, front: dict, page_url: str, site_title: str) -> dict:
    """The CSL-JSON item citing the article page ``docname`` (``003-yanbian``, or the Sphinx
    docname ``articles/003-yanbian``) from its front matter (``front_matter_data``).

    Raises SourceError naming the page when its date is not a date.
    """
    article = front.get("article") if isinstance(front.get("article"), dict) else {}
    paper, issued = _text(article.get("publication")), _text(article.get("date"))
    name = docname.rsplit("/", 1)[-1]
    item: dict = {"id": item_id(name)}
    if paper and issued:
        try:
            item.update({"type": "article-newspaper", "container-title": paper, "issued": csl_date(issued)})
        except ValueError as error:
            raise SourceError(_page_path(name), f"article.{error}") from None
        # 版次 (the page of the paper): no front-matter key holds it yet; ``page`` when one does.
        _put(item, "page", _text(article.get("page")))
        _put(item, "URL", _text(article.get("url")))
    else:
        item.update({"type": "webpage", "container-title": site_title})
        _put(item, "URL", page_url)
    item["title"] = _text(article.get("original_title")) or _text(article.get("title"))
    _put(item, "author", _authors(article.get("authors")))
    item["language"] = LANGUAGE
    return item


def term_item(entry: Entry, page_url: str, site_title: str, author: str) -> dict:
    """The CSL-JSON item citing a glossary entry: a web page of the knowledge base, by ``author``
    (the project, which wrote the definition), at ``page_url`` (the glossary page's address; the
    entry's ``#anchor`` is added unless the address already ends in a fragment)."""
    item: dict = {"id": item_id(entry.anchor), "type": "webpage", "title": one_line(entry.term)}
    item["container-title"] = site_title
    _put(item, "author", _authors([author]))
    _put(item, "URL", page_url if not page_url or "#" in page_url else f"{page_url}#{entry.anchor}")
    item["language"] = LANGUAGE
    return item


def with_accessed(item: dict, date_iso: str) -> dict:
    """A copy of ``item`` read online on ``date_iso`` (GB/T 7714's 引用日期); ValueError if no date.

    An item without a URL is returned unchanged: its 引用日期 would say when an address was read
    that it has none of, and the style would print the year as an estimated publication year.
    """
    out = copy.deepcopy(item)
    accessed = csl_date(date_iso)
    if out.get("URL"):
        out["accessed"] = accessed
    return out


def _put(item: dict, key: str, value: object) -> None:
    """Set ``key`` only when there is a value: an empty field is left out, never written as ""."""
    if value:
        item[key] = value

"""``{article-meta}`` and ``{piece-meta}``: an article's facts, shown from its front matter.

The converter writes each fact once, into the page's YAML front matter; these
directives show them, so a contributor who corrects the front matter corrects the
page.  A fact the sources do not give is shown as 不详 (unknown), never guessed.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .checks import unreadable
from .domain import front_matter

logger = logging.getLogger(__name__)

UNKNOWN = "不详"
SCRIPT_NAMES = {"traditional": "繁体（页面已转为简体，原文可展开查看）", "simplified": "简体"}


def _front_matter(directive: SphinxDirective, key: str) -> Any:
    return front_matter(directive.env, directive.env.docname, key)


def _warn(directive: SphinxDirective, message: str) -> None:
    if unreadable(directive.env, directive.env.docname):
        return  # the front matter itself is reported, at its line
    logger.warning(message, location=directive.get_location(), type="dangjian", subtype="meta")


def _value(text: str) -> nodes.Node:
    if text:
        return nodes.Text(text)
    return nodes.inline(UNKNOWN, UNKNOWN, classes=["unknown"])


def _field(name: str, value: nodes.Node | str) -> nodes.field:
    node = value if isinstance(value, nodes.Node) else _value(value)
    return nodes.field(
        "",
        nodes.field_name(name, name),
        nodes.field_body("", nodes.paragraph("", "", node)),
    )


def _url(url: str) -> nodes.Node:
    """A link for http(s) URLs only; anything else is shown as text."""
    if url.startswith(("http://", "https://")):
        return nodes.reference(url, url, refuri=url, classes=["external"])
    return _value(url)


def _region(meta: dict[str, Any]) -> str:
    return " · ".join(p for p in (meta.get("province"), meta.get("city"), meta.get("county")) if p)


def _piece_lines(piece: dict[str, Any]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    if piece.get("kicker"):
        out.append(nodes.paragraph(piece["kicker"], piece["kicker"], classes=["piece-kicker"]))
    if piece.get("subtitle"):
        text = f"——{piece['subtitle']}"
        out.append(nodes.paragraph(text, text, classes=["piece-subtitle"]))
    credits = [piece.get("dateline", ""), *piece.get("bylines", [])]
    credits = [c for c in credits if c]
    if credits:
        text = "　".join(credits)
        out.append(nodes.paragraph(text, text, classes=["piece-byline"]))
    return out


class ArticleMeta(SphinxDirective):
    """The article's metadata panel, plus the lead piece's kicker, subtitle and bylines."""

    def run(self) -> list[nodes.Node]:
        meta = _front_matter(self, "article")
        pieces = _front_matter(self, "pieces") or []
        if not isinstance(meta, dict):
            _warn(self, "article-meta: this page has no 'article' front matter")
            return []
        box = nodes.container(classes=["article-meta"])
        self.set_source_info(box)
        if pieces and isinstance(pieces[0], dict):
            box += _piece_lines(pieces[0])
        fields = nodes.field_list(classes=["article-facts"])
        fields += _field("报纸", meta.get("publication", ""))
        fields += _field("日期", meta.get("date", ""))
        fields += _field("作者", "、".join(meta.get("authors") or []))
        fields += _field("地区", _region(meta))
        fields += _field("网址", _url(meta.get("url", "")))
        fields += _field("原文字体", SCRIPT_NAMES.get(meta.get("script", ""), meta.get("script", "")))
        optional = (
            ("原标题", "original_title"),
            ("责任编辑", "editor"),
            ("采写", "credits"),
            ("图片", "photo_credit"),
            ("版权", "rights"),
        )
        for label, key in optional:
            if meta.get(key):
                fields += _field(label, meta[key])
        box += fields
        if meta.get("notes"):
            note = f"备注：{meta['notes']}"
            box += nodes.paragraph(note, note, classes=["article-notes"])
        return [box]


class PieceMeta(SphinxDirective):
    """Kicker, subtitle, dateline and bylines of piece N (1-based) of the page."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        pieces = _front_matter(self, "pieces") or []
        try:
            index = int(self.arguments[0]) - 1
            piece = pieces[index]
        except (ValueError, IndexError):
            _warn(self, f"piece-meta: no piece {self.arguments[0]!r} in this page's front matter")
            return []
        if index < 0 or not isinstance(piece, dict):
            _warn(self, f"piece-meta: no piece {self.arguments[0]!r} in this page's front matter")
            return []
        lines = _piece_lines(piece)
        if not lines:
            return []
        box = nodes.container(classes=["piece-meta"])
        self.set_source_info(box)
        box += lines
        return [box]


def setup_article(app: Sphinx) -> None:
    app.add_directive("article-meta", ArticleMeta)
    app.add_directive("piece-meta", PieceMeta)

"""``{kb-timeline}``: the 大事记, every dated event of every article, each linked to its paragraph.

Events whose date gives a year (2016年8月, 2017年以来, 去年11月 read against a known
publication date) are ordered by year and month; relative dates nothing resolves (今年以来
in an undated article, 近日) are listed apart, as stated.  The table is a docutils table,
filled on ``doctree-resolved`` from the ``facts`` domain, so the PDF has it too and an
edited article updates it without a clean build.  The helpers here draw the people index too.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...facts.dates import decade_year
from ...facts.model import Event
from ..pages.domain import article_paragraphs
from ..placeholders import add_placeholder_node
from .facts_domain import all_facts, facts_domain

UNKNOWN = "不详"
PLACE_JOIN = " → "
HEADERS = ("时间（原文）", "地点", "事件（原文摘录）", "出处")
WIDTHS = (14, 18, 52, 16)


class kb_timeline(nodes.General, nodes.Element):
    """Placeholder: the timeline of every article's events."""


def place_label(app: Sphinx, key: str) -> str:
    """A gazetteer key as its chain below the province (锦州市 → 北镇市 → 正安镇), or 不详."""
    if not key:
        return UNKNOWN
    gazetteer, _divisions = facts_domain(app.env).places()
    chain = [gazetteer.get(k) for k in reversed(gazetteer.ancestors(key))]
    names = [p.name for p in chain if p is not None and (p.level != "province" or len(chain) == 1)]
    return PLACE_JOIN.join(names) or key


def reference(app: Sphinx, fromdocname: str, docname: str, anchor: str, label: str, title: str) -> nodes.Node:
    """A link to ``docname#anchor``; plain text where the output has no such page (a PDF without it)."""
    try:
        return make_refnode(app.builder, fromdocname, docname, anchor, nodes.inline(label, label), title)
    except NoUri:
        return nodes.inline(label, label)


def paragraph_link(app: Sphinx, fromdocname: str, docname: str, target: str) -> nodes.paragraph:
    """ "002-jinzhou 第12段", landing on the paragraph; the bare target if the page lacks it."""
    article, _, anchor = target.partition("#")
    anchors = list(article_paragraphs(app.env).get(docname, {}))
    para = nodes.paragraph()
    if anchor not in anchors:
        para += nodes.Text(target or UNKNOWN)
        return para
    label = f"{article} 第{anchors.index(anchor) + 1}段"
    title = app.env.titles[docname].astext() if docname in app.env.titles else article
    para += reference(app, fromdocname, docname, anchor, label, title)
    return para


def cell(*body: nodes.Node | str) -> nodes.entry:
    return nodes.entry("", *(nodes.paragraph(b, b) if isinstance(b, str) else b for b in body))


def fact_table(
    app: Sphinx,
    ident: str,
    caption: str,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: list[nodes.row],
) -> list[nodes.Node]:
    """A captioned table (a longtable in the PDF), in HTML inside a keyboard-scrollable region."""
    table = nodes.table(ids=[ident], classes=["kb-facts", "colwidths-given", "longtable", "no-autolink"])
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=width) for width in widths]
    head = nodes.thead()
    head += nodes.row("", *(cell(h) for h in headers))
    body = nodes.tbody()
    body += rows
    group += [head, body]
    table += group
    if app.builder.format != "html":
        return [table]
    opening = f'<div class="kb-facts-scroll" tabindex="0" role="region" aria-label="{caption}（可横向滚动）">'
    return [nodes.raw("", opening, format="html"), table, nodes.raw("", "</div>", format="html")]


def _order(event: Event) -> tuple[int, int] | None:
    found = event.year_month
    if found is None and (decade := decade_year(event.date)) is not None:
        return decade, 0
    return found


def _when(event: Event) -> str:
    """The date as stated, with its reading when the text's own words do not give the year."""
    if event.resolved and not event.date.startswith(event.resolved[:4]):
        return f"{event.date}（{event.resolved}）"
    return event.date


def _row(app: Sphinx, fromdocname: str, docname: str, event: Event) -> nodes.row:
    return nodes.row(
        "",
        cell(_when(event)),
        cell(place_label(app, event.place)),
        cell(f"“{event.what}”"),
        cell(paragraph_link(app, fromdocname, docname, event.paragraph)),
    )


def timeline_nodes(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    dated: list[tuple[tuple[int, int], str, int, nodes.row]] = []
    relative: list[nodes.row] = []
    for docname, facts in all_facts(app.env).items():
        for index, event in enumerate(facts.events):
            row = _row(app, fromdocname, docname, event)
            order = _order(event)
            if order is None:
                relative.append(row)
            else:
                dated.append((order, docname, index, row))
    dated.sort(key=lambda item: item[:3])
    out: list[nodes.Node] = []
    if dated:
        out += fact_table(app, "timeline-dated", "按年月排列的事件", HEADERS, WIDTHS, [r for *_, r in dated])
    if relative:
        note = "以下事件的日期是相对说法（如“今年以来”“近日”）：文章未注明发表日期，或说法本身推算不出年月，故按原文列出。"
        out.append(nodes.paragraph(note, note, classes=["kb-facts-note"]))
        out += fact_table(app, "timeline-relative", "日期为相对说法的事件", HEADERS, WIDTHS, relative)
    if not out:
        out.append(nodes.paragraph("暂无带日期的事件。", "暂无带日期的事件。"))
    return out


def fill_timeline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_timeline)):
        node.replace_self(timeline_nodes(app, docname))


class KbTimeline(SphinxDirective):
    """``{kb-timeline}``: no arguments; the events come from every article."""

    def run(self) -> list[nodes.Node]:
        facts_domain(self.env).users[self.env.docname] = True
        placeholder = kb_timeline()
        self.set_source_info(placeholder)
        return [placeholder]


def setup_timeline(app: Sphinx) -> None:
    add_placeholder_node(app, kb_timeline)
    app.add_directive("kb-timeline", KbTimeline)
    app.connect("doctree-resolved", fill_timeline)

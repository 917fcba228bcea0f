"""各地做法: practice comparison tables in glossary entries and on topic pages.

Each article's term uses (:func:`dangjian.facts.compare.article_uses`) are read when the
article is, and kept per document in the ``practices`` domain, so incremental and ``-j``
builds agree.  The tables are filled on ``doctree-resolved``: the glossary page holds one
``term_comparison`` placeholder per entry (:mod:`..terms.glossary_page`), a topic page
``{practice-comparison}``.  When any article's uses change, the pages showing tables are
rewritten without being re-read (as :mod:`..site.listings` does for mentions).

The tables are docutils tables, so LaTeX and EPUB render them; in HTML each is wrapped in
a focusable, labelled scroll region, so a keyboard user can scroll a wide table.
"""

from __future__ import annotations

import json
from collections.abc import Set
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...errors import SourceError
from ...facts.compare import Row, Use, article_uses, comparison
from ...regions.divisions import Divisions, open_divisions
from ...regions.gazetteer import Gazetteer, parse_gazetteer
from ...regions.locate import PieceLocation
from ..config import get_config
from ..pages.domain import article_facts, article_paragraphs
from ..placeholders import add_placeholder_node
from ..site.region_pages import CACHE as REGION_CACHE
from ..site.topics import topic_sections
from ..terms.domain import terms_domain
from ..terms.glossary_page import term_comparison

logger = logging.getLogger(__name__)

UNKNOWN_PLACE = "不详"
HEADERS = ("地点", "做法（原文摘录）", "结构", "数字", "出处")
#: Relative column widths: the quotes get the room; Chinese text wraps inside each column.
WIDTHS = (14, 36, 20, 20, 10)
PLACE_JOIN = " → "


class practice_comparison(nodes.General, nodes.Element):
    """Placeholder: the comparison of each of ``terms`` (a topic page)."""


class PracticesDomain(Domain):
    """Term uses per article page, and the pages that show comparisons."""

    name = "practices"
    label = "各地做法"
    initial_data: dict[str, Any] = {"uses": {}, "users": {}}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._by_term: dict[str, list[tuple[str, Use]]] | None = None
        self._places: tuple[Gazetteer, Divisions | None] | None = None
        self._located: dict[str, Any] | None = None
        self.cleared: dict[str, list[dict[str, Any]] | None] = {}

    @property
    def uses(self) -> dict[str, list[dict[str, Any]]]:
        """Docname → its term uses (as plain data), in page order."""
        return self.data.setdefault("uses", {})

    @property
    def users(self) -> dict[str, bool]:
        """Docnames of the pages with a ``{practice-comparison}``."""
        return self.data.setdefault("users", {})

    def clear_doc(self, docname: str) -> None:
        self._by_term = None
        self.cleared.setdefault(docname, self.uses.get(docname))
        self.uses.pop(docname, None)
        self.users.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._by_term = None
        for docname in docnames:
            if docname in otherdata["uses"]:
                self.uses[docname] = otherdata["uses"][docname]
            if docname in otherdata["users"]:
                self.users[docname] = True

    def note_uses(self, docname: str, uses: list[Use]) -> None:
        self._by_term = None
        if uses:
            self.uses[docname] = [asdict(use) for use in uses]

    def uses_of(self, term: str) -> list[tuple[str, Use]]:
        """(docname, use) of ``term`` in docname then page order (indexed once per change)."""
        if self._by_term is None:
            by_term: dict[str, list[tuple[str, Use]]] = {}
            for docname in sorted(self.uses):
                for raw in self.uses[docname]:
                    use = Use(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
                    by_term.setdefault(use.term, []).append((docname, use))
            self._by_term = by_term
        return self._by_term.get(term, [])

    def places(self) -> tuple[Gazetteer, Divisions | None]:
        """The gazetteer and the national divisions, read once per process."""
        if self._places is None:
            path = Path(self.env.srcdir, get_config(self.env.config).gazetteer_file)
            text = path.read_text(encoding="utf-8") if path.is_file() else "[]"
            try:
                divisions: Divisions | None = open_divisions()
            except SourceError:
                divisions = None  # the region pages already stop the build without them
            self._places = (parse_gazetteer(text, str(path)), divisions)
        return self._places

    def located(self, article: str) -> list[PieceLocation] | None:
        """The article's located pieces as the region pages found them this build (None: not known).

        Locating a page is most of the cost of reading its uses; :mod:`..site.region_pages`
        has done it at ``builder-inited`` and keeps the result in the doctree folder.
        """
        if self._located is None:
            try:
                data = json.loads(Path(self.env.doctreedir, REGION_CACHE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            self._located = data.get("pages", {}) if isinstance(data, dict) else {}
        entry = self._located.get(article)
        if not isinstance(entry, dict):
            return None
        return [PieceLocation(**{**loc, "places": tuple(loc["places"])}) for loc in entry["locations"]]

    def changed(self) -> bool:
        """Whether the documents read in this build changed any use (then forget what they were)."""
        before, self.cleared = self.cleared, {}
        return any(old != self.uses.get(docname) for docname, old in before.items())


def practices_domain(env: BuildEnvironment) -> PracticesDomain:
    domain = env.get_domain(PracticesDomain.name)
    assert isinstance(domain, PracticesDomain)
    return domain


def collect_uses(app: Sphinx, doctree: nodes.document) -> None:
    """An article page just read: record its term uses, read from its MyST source."""
    env = app.env
    docname = env.docname
    if docname not in article_facts(env):
        return
    domain = practices_domain(env)
    terms = terms_domain(env)
    gazetteer, divisions = domain.places()
    page = Path(env.doc2path(docname)).read_text(encoding="utf-8")
    article = docname.rsplit("/", 1)[-1]
    pieces = domain.located(article)
    uses = article_uses(article, page, terms.matcher, terms.glossary, gazetteer, divisions, pieces)
    domain.note_uses(docname, uses)


def rewrite_comparisons(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages with tables, if any article's uses changed."""
    domain = practices_domain(env)
    if not domain.changed():
        return []
    pages = terms_domain(env).entry_pages() | set(domain.users)
    return sorted(pages & env.all_docs.keys())


def _cell(*paragraphs: nodes.Node) -> nodes.entry:
    return nodes.entry("", *paragraphs)


def _texts(items: tuple[str, ...]) -> nodes.entry:
    return (
        _cell(*(nodes.paragraph(item, item) for item in items)) if items else _cell(nodes.paragraph("—", "—"))
    )


def _links(app: Sphinx, fromdocname: str, row: Row, docnames: dict[str, str]) -> nodes.entry:
    """One link per paragraph: "002-jinzhou 第12段", landing on the paragraph's anchor."""
    env = app.env
    cell = _cell()
    for target in row.targets:
        article, _, anchor = target.partition("#")
        docname = docnames[target]
        anchors = list(article_paragraphs(env).get(docname, {}))
        label = f"{article} 第{anchors.index(anchor) + 1}段" if anchor in anchors else target
        title = env.titles[docname].astext() if docname in env.titles else article
        para = nodes.paragraph()
        para += make_refnode(app.builder, fromdocname, docname, anchor, nodes.inline(label, label), title)
        cell += para
    return cell


#: What one row shows at most (quotes, structure items, figures, paragraph links): a place with
#: hundreds of paragraphs made rows of 6 kB each and a glossary page of 34 MB at 1,000 articles.
ROW_QUOTES, ROW_ITEMS, ROW_LINKS = 3, 8, 6


def _more(shown: int, total: int, unit: str) -> list[nodes.Node]:
    """A note of what a cell leaves out ("另有 12 段"), or nothing."""
    text = f"另有 {total - shown} {unit}" if total > shown else ""
    return [nodes.paragraph(text, text, classes=["practice-more"])] if text else []


def _row(app: Sphinx, fromdocname: str, row: Row, docnames: dict[str, str]) -> nodes.row:
    place = PLACE_JOIN.join(row.place) or UNKNOWN_PLACE
    texts = ["".join(sentences) for _, sentences in row.quotes]
    quotes = [nodes.paragraph(text, text) for text in texts[:ROW_QUOTES]]
    shown = replace(row, quotes=row.quotes[:ROW_LINKS])
    links = _links(app, fromdocname, shown, docnames)
    links += _more(ROW_LINKS, len(row.quotes), "段")
    return nodes.row(
        "",
        _cell(nodes.paragraph(place, place)),
        _cell(*quotes, *_more(ROW_QUOTES, len(texts), "段摘录，见出处")),
        _texts(row.structure[:ROW_ITEMS]),
        _texts(row.figures[:ROW_ITEMS]),
        links,
    )


def _table(
    app: Sphinx, fromdocname: str, ident: str, caption: nodes.Node, rows: list[Row], docnames: dict[str, str]
) -> nodes.table:
    table = nodes.table(
        ids=[ident], classes=["practice-comparison", "colwidths-given", "longtable", "no-autolink"]
    )
    title = nodes.title()
    title += caption
    table += title
    group = nodes.tgroup(cols=len(HEADERS))
    group += [nodes.colspec(colwidth=width) for width in WIDTHS]
    head = nodes.thead()
    head += nodes.row("", *(_cell(nodes.paragraph(h, h)) for h in HEADERS))
    group += head
    body = nodes.tbody()
    body += [_row(app, fromdocname, row, docnames) for row in rows]
    group += body
    table += group
    return table


def comparison_nodes(app: Sphinx, fromdocname: str, term: str, caption: nodes.Node) -> list[nodes.Node]:
    """The table of ``term`` (with what was left out past the shown rows), or [] below two places."""
    found = practices_domain(app.env).uses_of(term)
    rows = comparison(term, [use for _, use in found])
    if not rows:
        return []
    docnames = {use.target: docname for docname, use in found}
    shown = get_config(app.config).backlinks_shown
    place = terms_domain(app.env).entries.get(term)
    ident = f"comparison-{place['anchor'] if place else nodes.make_id(term)}"
    table = _table(app, fromdocname, ident, caption, rows[:shown], docnames)
    out: list[nodes.Node] = [table]
    if app.builder.format == "html":
        label = f"{term}：各地做法比较表（可横向滚动）"
        out = [
            nodes.raw(
                "",
                f'<div class="practice-scroll" tabindex="0" role="region" aria-label="{label}">',
                format="html",
            ),
            table,
            nodes.raw("", "</div>", format="html"),
        ]
    if len(rows) > shown:
        rest = f"另有 {len(rows) - shown} 处地点的做法未列出，见上方各文章章节。"
        out.append(nodes.paragraph(rest, rest, classes=["practice-more"]))
    return out


def _entry_table(app: Sphinx, docname: str, term: str) -> list[nodes.Node]:
    found = comparison_nodes(app, docname, term, nodes.Text(f"{term}：各地做法"))
    if not found:
        return []
    box = nodes.container(classes=["term-comparison"])
    heading = nodes.paragraph("各地做法", "各地做法", classes=["term-comparison-head"])
    box += [heading, *found]
    return [box]


def _topic_tables(app: Sphinx, docname: str, terms: list[str]) -> list[nodes.Node]:
    entries = terms_domain(app.env).entries
    out: list[nodes.Node] = []
    for term in terms:
        caption: nodes.Node = nodes.Text(term)
        place = entries.get(term)
        if place is not None:
            caption = make_refnode(
                app.builder, docname, place["docname"], place["anchor"], nodes.inline(term, term), term
            )
        out += comparison_nodes(app, docname, term, caption)
    if not out:
        text = "这些术语在本库中都只见于一处，暂无可比较的各地做法。"
        out.append(nodes.paragraph(text, text))
    return out


def fill_comparisons(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(term_comparison)):
        node.replace_self(_entry_table(app, docname, node["term"]))
    for node in list(doctree.findall(practice_comparison)):
        node.replace_self(_topic_tables(app, docname, node["terms"]))


class PracticeComparison(SphinxDirective):
    """``{practice-comparison}`` with ``:terms:`` — or, without, the terms of the page's ``{topic-sections}``."""

    option_spec = {"terms": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        given = self.options.get("terms", "")
        if given:
            terms = [t.strip() for t in given.replace("，", ",").split(",") if t.strip()]
        else:
            terms = [t for node in self.state.document.findall(topic_sections) for t in node["terms"]]
        known = terms_domain(self.env).glossary.terms()
        for term in terms:
            if term not in known:
                logger.warning(
                    "practice-comparison: %r is not a glossary term",
                    term,
                    location=self.get_location(),
                    type="dangjian",
                    subtype="comparison",
                )
        practices_domain(self.env).users[self.env.docname] = True
        placeholder = practice_comparison(terms=list(dict.fromkeys(t for t in terms if t in known)))
        self.set_source_info(placeholder)
        return [placeholder]


def setup_comparison(app: Sphinx) -> None:
    app.add_domain(PracticesDomain)
    add_placeholder_node(app, practice_comparison)
    app.add_directive("practice-comparison", PracticeComparison)
    app.connect("doctree-read", collect_uses)
    app.connect("env-get-updated", rewrite_comparisons)
    app.connect("doctree-resolved", fill_comparisons)

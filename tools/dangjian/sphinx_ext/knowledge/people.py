"""``{kb-people}``: the index of people and organisations, each linked to where the article names it.

People named in the text (with the role it states) link to their paragraph; reporters and
other bylined people link to their piece.  Filled on ``doctree-resolved`` from the
``facts`` domain, as the timeline is.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...facts.model import Organisation, Person
from ..pages.domain import articles_domain
from ..placeholders import add_placeholder_node
from .facts_domain import all_facts, facts_domain
from .timeline import UNKNOWN, cell, fact_table, paragraph_link, place_label, reference

PEOPLE_HEADERS = ("姓名", "职务或身份（原文）", "地点", "出处")
PEOPLE_WIDTHS = (12, 40, 26, 22)
BYLINE_HEADERS = ("姓名", "署名身份（原文）", "报道", "文章")
ORG_HEADERS = ("名称", "类别", "地点", "出处")
ORG_WIDTHS = (40, 14, 26, 20)


class kb_people(nodes.General, nodes.Element):
    """Placeholder: the people and organisations of every article."""


def _piece_link(app: Sphinx, fromdocname: str, docname: str, piece: int) -> nodes.paragraph:
    """The piece whose byline names the person (its title), landing on its section."""
    places = articles_domain(app.env).pieces.get(docname, [])
    para = nodes.paragraph()
    if not 1 <= piece <= len(places):
        para += nodes.Text(UNKNOWN)
        return para
    title = places[piece - 1]["title"] or docname
    para += reference(app, fromdocname, docname, places[piece - 1]["anchor"], title, title)
    return para


def _article_link(app: Sphinx, fromdocname: str, docname: str) -> nodes.paragraph:
    article = docname.rsplit("/", 1)[-1]
    para = nodes.paragraph()
    para += reference(app, fromdocname, docname, "", article, article)
    return para


def _person_row(app: Sphinx, fromdocname: str, docname: str, person: Person) -> nodes.row:
    return nodes.row(
        "",
        cell(person.name),
        cell(person.role),
        cell(place_label(app, person.place)),
        cell(paragraph_link(app, fromdocname, docname, person.paragraph)),
    )


def _byline_row(app: Sphinx, fromdocname: str, docname: str, person: Person) -> nodes.row:
    return nodes.row(
        "",
        cell(person.name),
        cell(person.role),
        cell(_piece_link(app, fromdocname, docname, person.piece)),
        cell(_article_link(app, fromdocname, docname)),
    )


def _org_row(app: Sphinx, fromdocname: str, docname: str, org: Organisation) -> nodes.row:
    return nodes.row(
        "",
        cell(org.name),
        cell(org.kind or UNKNOWN),
        cell(place_label(app, org.place)),
        cell(paragraph_link(app, fromdocname, docname, org.paragraph)),
    )


def people_nodes(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    named, bylined, orgs = [], [], []
    for docname, facts in all_facts(app.env).items():
        for person in facts.people:
            if person.paragraph:
                named.append(_person_row(app, fromdocname, docname, person))
            else:
                bylined.append(_byline_row(app, fromdocname, docname, person))
        orgs += [_org_row(app, fromdocname, docname, org) for org in facts.organisations]
    out: list[nodes.Node] = []
    for rows, ident, caption, headers, widths in (
        (named, "people-named", "报道中的人物", PEOPLE_HEADERS, PEOPLE_WIDTHS),
        (bylined, "people-bylines", "记者、通讯员与编辑", BYLINE_HEADERS, PEOPLE_WIDTHS),
        (orgs, "organisations", "组织与单位", ORG_HEADERS, ORG_WIDTHS),
    ):
        if rows:
            out += fact_table(app, ident, caption, headers, widths, rows)
    if not out:
        out.append(nodes.paragraph("暂无人物或组织。", "暂无人物或组织。"))
    return out


def fill_people(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_people)):
        node.replace_self(people_nodes(app, docname))


class KbPeople(SphinxDirective):
    """``{kb-people}``: no arguments; the people and organisations come from every article."""

    def run(self) -> list[nodes.Node]:
        facts_domain(self.env).users[self.env.docname] = True
        placeholder = kb_people()
        self.set_source_info(placeholder)
        return [placeholder]


def setup_people(app: Sphinx) -> None:
    add_placeholder_node(app, kb_people)
    app.add_directive("kb-people", KbPeople)
    app.connect("doctree-resolved", fill_people)

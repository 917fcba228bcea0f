"""The ``articles`` domain: where each piece of each article starts, and the ``{piece}`` role.

Region pages and other listings link to pieces as ``{piece}`articles/002-jinzhou#2```;
the link shows the piece's title and lands on its section.  Piece anchors are
recorded when an article is read (Sphinx numbers Chinese headings serially, so
they cannot be written by hand).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Set
from typing import Any, TypedDict

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_refnode


class PiecePlace(TypedDict):
    title: str
    anchor: str


def front_matter(env: BuildEnvironment, docname: str, key: str) -> Any:
    """A structured front-matter value of ``docname`` (MyST keeps them as JSON text)."""
    raw = env.metadata.get(docname, {}).get(key)
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return None
    return raw


def is_article(env: BuildEnvironment, docname: str) -> bool:
    return isinstance(front_matter(env, docname, "article"), dict)


class ArticlesDomain(Domain):
    """Articles and their pieces."""

    name = "articles"
    label = "文章"
    object_types = {"piece": ObjType("报道", "piece")}
    roles = {"piece": XRefRole()}
    initial_data: dict[str, Any] = {"pieces": {}}
    data_version = 1

    @property
    def pieces(self) -> dict[str, list[PiecePlace]]:
        return self.data.setdefault("pieces", {})

    def clear_doc(self, docname: str) -> None:
        self.pieces.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pieces"]:
                self.pieces[docname] = otherdata["pieces"][docname]

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
        node: pending_xref, contnode: Element,
    ) -> nodes.reference | None:
        docname, _, number = target.lstrip("/").partition("#")
        places = self.pieces.get(docname, [])
        try:
            index = int(number or 1)
        except ValueError:
            return None
        if not 1 <= index <= len(places):
            return None
        place = places[index - 1]
        if not node.get("refexplicit"):
            contnode = nodes.inline(place["title"], place["title"], classes=["piece-title"])
        return make_refnode(builder, fromdocname, docname, place["anchor"], contnode, place["title"])

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # type: ignore[no-untyped-def]
        found = self.resolve_xref(env, fromdocname, builder, "piece", target, node, contnode)
        return [("articles:piece", found)] if found is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for docname, places in self.pieces.items():
            for i, place in enumerate(places, start=1):
                yield f"{docname}#{i}", place["title"], "piece", docname, place["anchor"], 1


class RecordPieces(SphinxTransform):
    """Find each piece's section by its title, in order, and record its anchor."""

    # Before SphinxDomains (850); any priority after parsing works.
    default_priority = 845

    def apply(self, **kwargs: object) -> None:
        env = self.env
        domain = env.get_domain("articles")
        assert isinstance(domain, ArticlesDomain)
        pieces = front_matter(env, env.docname, "pieces")
        if not isinstance(pieces, list) or not is_article(env, env.docname):
            return
        pieces = [p for p in pieces if isinstance(p, dict)]  # numbered as regions.py numbers them
        if not pieces:
            return
        sections = list(self.document.findall(nodes.section))
        if not sections:
            return
        places: list[PiecePlace] = [{"title": str(pieces[0].get("title", "")), "anchor": ""}]
        start = 1
        for piece in pieces[1:]:
            title = str(piece.get("title", ""))
            for i in range(start, len(sections)):
                if sections[i][0].astext() == title:
                    places.append({"title": title, "anchor": sections[i]["ids"][0]})
                    start = i + 1
                    break
            else:
                places.append({"title": title, "anchor": ""})
        domain.pieces[env.docname] = places


def setup_articles_domain(app) -> None:  # type: ignore[no-untyped-def]
    app.add_domain(ArticlesDomain)
    app.add_transform(RecordPieces)

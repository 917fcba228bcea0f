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
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ...convert.anchors import PREFIX
from .checks import SOURCE_LINE

logger = logging.getLogger(__name__)


class ArticleFacts(TypedDict):
    """What listings need of an article, recorded once when it is read."""

    province: str
    city: str
    date: str


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


#: The domain's records, each kept per document.
_PER_DOC = ("pieces", "sources", "facts", "paragraphs")


class ArticlesDomain(Domain):
    """Articles and their pieces."""

    name = "articles"
    label = "文章"
    object_types = {"piece": ObjType("报道", "piece")}
    roles = {"piece": XRefRole()}
    initial_data: dict[str, Any] = {"pieces": {}, "sources": {}, "facts": {}, "paragraphs": {}}
    data_version = 4

    @property
    def pieces(self) -> dict[str, list[PiecePlace]]:
        return self.data.setdefault("pieces", {})

    @property
    def sources(self) -> dict[str, tuple[str, int]]:
        """Each article page's source file (``generated.source``) and the line that names it."""
        return self.data.setdefault("sources", {})

    @property
    def facts(self) -> dict[str, ArticleFacts]:
        """Every article page (and only those), with its region and date.

        Listings over all articles read this instead of decoding each page's front matter
        (MyST keeps it as JSON text): at 1,000 articles that decoding dominated the build.
        """
        return self.data.setdefault("facts", {})

    @property
    def paragraphs(self) -> dict[str, dict[str, str]]:
        """Each article page's anchored paragraphs (``{#p-…}``): anchor → the text readers see.

        Citations resolve against this and quote from it, so a quote is always the page's text.
        """
        return self.data.setdefault("paragraphs", {})

    def clear_doc(self, docname: str) -> None:
        for key in _PER_DOC:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in _PER_DOC:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    # Sphinx's Domain.resolve_xref signature, as the terms domain's: a deliberate look-alike.
    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
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
        # Paragraphs first: a page whose front matter is broken is still cited (one warning, not one per citer).
        if env.docname.startswith("articles/"):
            domain.paragraphs[env.docname] = self._paragraphs()
        meta = front_matter(env, env.docname, "article")
        if not isinstance(meta, dict):
            return
        domain.facts[env.docname] = {
            "province": str(meta.get("province") or ""),
            "city": str(meta.get("city") or ""),
            "date": str(meta.get("date") or ""),
        }
        generated = front_matter(env, env.docname, "generated")
        if isinstance(generated, dict) and isinstance(generated.get("source"), str):
            domain.sources[env.docname] = (generated["source"], env.temp_data.get(SOURCE_LINE, 1))
        pieces = front_matter(env, env.docname, "pieces")
        if not isinstance(pieces, list):
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

    def _paragraphs(self) -> dict[str, str]:
        """Anchor → text of every anchored paragraph; an anchor used twice is a warning."""
        found: dict[str, str] = {}
        for paragraph in self.document.findall(nodes.paragraph):
            for anchor in paragraph["ids"]:
                if not anchor.startswith(PREFIX):
                    continue
                if anchor in found:
                    logger.warning(
                        f"paragraph anchor #{anchor} is used twice on this page; give one a new name",
                        location=paragraph,
                        type="dangjian",
                        subtype="anchor",
                    )
                    continue
                found[anchor] = paragraph.astext()
        return found


def warn_duplicate_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """Two article pages made from one source: a copied page, or a renamed one left behind."""
    domain = env.get_domain("articles")
    assert isinstance(domain, ArticlesDomain)
    first: dict[str, str] = {}
    for docname in sorted(domain.sources):
        source, line = domain.sources[docname]
        if source not in first:
            first[source] = docname
            continue
        other = env.doc2path(first[source], base=False)
        logger.warning(
            f"duplicate page: {other} is already the page of {source}",
            location=(docname, line),
            type="dangjian",
            subtype="duplicate",
        )


def articles_domain(env: BuildEnvironment) -> ArticlesDomain:
    """The build's ``articles`` domain (typed)."""
    domain = env.get_domain("articles")
    assert isinstance(domain, ArticlesDomain)
    return domain


def article_paragraphs(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """Every article's anchored paragraphs, by docname, then anchor → text."""
    return articles_domain(env).paragraphs


def article_facts(env: BuildEnvironment) -> dict[str, ArticleFacts]:
    """Every article of the build, by docname, with its region and date."""
    return articles_domain(env).facts


def setup_articles_domain(app: Sphinx) -> None:
    app.add_domain(ArticlesDomain)
    app.add_transform(RecordPieces)
    app.connect("env-check-consistency", warn_duplicate_pages)

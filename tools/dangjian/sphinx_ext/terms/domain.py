"""The ``terms`` domain: where each glossary entry lives and where each term is mentioned.

Cross-document state lives here, keyed by docname, so that incremental builds
(``clear_doc``) and parallel reads (``merge_domaindata``) stay right.  The loaded
glossary itself is read from its YAML file once per build process.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import Any, TypedDict

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ...glossary.load import parse_glossary
from ...glossary.matcher import TermMatcher
from ...glossary.model import Glossary
from ..config import get_config

logger = logging.getLogger(__name__)

#: The attribute that marks a glossary entry's node on the glossary page.
ENTRY_ATTRIBUTE = "dangjian_term_entry"


class EntryPlace(TypedDict):
    docname: str
    anchor: str


class Mention(TypedDict):
    """A term's mentions in one section of one page, with the first one in context."""

    term: str
    section: str
    title: str
    count: int
    before: str
    match: str
    after: str


class TermsDomain(Domain):
    """Glossary terms: ``{terms:term}`` links, entry places and mentions."""

    name = "terms"
    label = "术语"
    object_types = {"term": ObjType("术语", "term")}
    roles = {"term": XRefRole(innernodeclass=nodes.inline)}
    initial_data: dict[str, Any] = {"entries": {}, "mentions": {}}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._glossary: Glossary | None = None
        self._matcher: TermMatcher | None = None
        self._by_term: dict[str, dict[str, list[Mention]]] | None = None

    # -- the glossary file ------------------------------------------------

    @property
    def glossary_path(self) -> Path:
        return get_config(self.env.config).glossary_path(self.env.srcdir)

    @property
    def glossary(self) -> Glossary:
        """The glossary, read once; its problems are warnings with ``path:line``."""
        if self._glossary is None:
            path = self.glossary_path
            shown = (
                path.relative_to(self.env.srcdir).as_posix()
                if path.is_relative_to(self.env.srcdir)
                else str(path)
            )
            if not path.is_file():
                # A project without a glossary links nothing; {term-glossary} says so.
                self._glossary = Glossary(shown, ())
            else:
                glossary, problems = parse_glossary(path.read_text(encoding="utf-8"), str(path))
                for problem in problems:
                    logger.warning(
                        problem.message,
                        location=f"{path}:{problem.line or 1}",
                        type="dangjian",
                        subtype="glossary",
                    )
                self._glossary = glossary
        return self._glossary

    @property
    def matcher(self) -> TermMatcher:
        if self._matcher is None:
            self._matcher = TermMatcher.from_glossary(self.glossary)
        return self._matcher

    # -- per-document data ------------------------------------------------

    @property
    def entries(self) -> dict[str, EntryPlace]:
        """Term → the page and anchor of its entry."""
        return self.data.setdefault("entries", {})

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        """Docname → the terms mentioned there, per section, in document order."""
        return self.data.setdefault("mentions", {})

    def note_mentions(self, docname: str, mentions: list[Mention]) -> None:
        self._by_term = None
        if mentions:
            self.mentions[docname] = mentions
        else:
            self.mentions.pop(docname, None)

    def entry_pages(self) -> set[str]:
        return {place["docname"] for place in self.entries.values()}

    def clear_doc(self, docname: str) -> None:
        self._by_term = None
        self.mentions.pop(docname, None)
        for term in [t for t, place in self.entries.items() if place["docname"] == docname]:
            del self.entries[term]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._by_term = None
        for docname in docnames:
            if docname in otherdata["mentions"]:
                self.mentions[docname] = otherdata["mentions"][docname]
        for term, place in otherdata["entries"].items():
            if place["docname"] in docnames:
                self.entries[term] = place

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        for node in document.findall(Element):
            term = node.get(ENTRY_ATTRIBUTE)
            if not term:
                continue
            place = self.entries.get(term)
            if place and place["docname"] != docname:
                logger.warning(
                    "glossary entry %r is also shown on %s",
                    term,
                    place["docname"],
                    location=node,
                    type="dangjian",
                    subtype="glossary",
                )
                continue
            self.entries[term] = {"docname": docname, "anchor": node["ids"][0]}

    # -- resolving ------------------------------------------------------

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
        term = self.term_of(target)
        place = self.entries.get(term) if term else None
        if place is None:
            return None
        return make_refnode(
            builder, fromdocname, place["docname"], place["anchor"], contnode, self.preview(term)
        )

    def term_of(self, name: str) -> str | None:
        """The entry ``name`` means: a term itself, or one of its aliases or traditional forms."""
        return name if name in self.entries else self.matcher.forms.get(name)

    def preview(self, term: str) -> str:
        """The link's hover text: the term and its definition's first sentence (works offline)."""
        entry = self.glossary.get(term)
        if entry is None or not entry.definition:
            return term
        first = entry.definition.split("。")[0].strip()
        return f"{term}：{first}。"

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        return [("terms:term", found)] if found is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for term, place in self.entries.items():
            yield term, term, "term", place["docname"], place["anchor"], 1

    def mentions_of(self, term: str, docnames: Iterable[str]) -> dict[str, list[Mention]]:
        """The sections of each page in ``docnames`` that mention ``term``, in docname order."""
        if self._by_term is None:
            # One pass over all mentions, kept until the mentions change: the glossary page asks
            # this for every term, and each answer used to walk every page.
            by_term: dict[str, dict[str, list[Mention]]] = {}
            for docname in sorted(self.mentions):
                for mention in self.mentions[docname]:
                    by_term.setdefault(mention["term"], {}).setdefault(docname, []).append(mention)
            self._by_term = by_term
        found = self._by_term.get(term, {})
        wanted = set(docnames)
        return {docname: rows for docname, rows in found.items() if docname in wanted}


def warn_missing_term(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """A ``{terms:term}`` naming no entry: say which file lacks it and what was probably meant."""
    if domain is None or domain.name != TermsDomain.name:
        return None
    terms = terms_domain(app.env)
    target = node["reftarget"]
    names = [name for entry in terms.glossary.entries for name in (entry.term, *entry.aliases)]
    near = difflib.get_close_matches(target, names, n=3, cutoff=0.5)
    hint = (
        f"did you mean {'、'.join(dict.fromkeys(near))}?"
        if near
        else f"add it with: dangjian terms add {target}"
    )
    logger.warning(
        f"{{terms:term}}`{target}`: no glossary entry or alias {target!r} in {os.path.relpath(terms.glossary_path, app.srcdir)}; {hint}",
        location=node,
        type="dangjian",
        subtype="term",
    )
    return True


def terms_domain(env: BuildEnvironment) -> TermsDomain:
    """The build's ``terms`` domain (typed)."""
    domain = env.get_domain("terms")
    assert isinstance(domain, TermsDomain)
    return domain

"""The ``facts`` domain: each article's facts (:mod:`dangjian.facts`), recorded when it is read.

The timeline and the people index read every article's facts; they are kept per document
(``clear_doc``/``merge_domaindata``), so an incremental or a ``-j 2`` build has the same
facts as a clean one, and the pages that show them are rewritten only when some
article's facts changed (``env-get-updated``).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ...facts.extract import facts_of_page
from ...facts.model import Facts, Person
from ...regions.divisions import Divisions
from ...regions.gazetteer import Gazetteer
from ..pages.domain import article_facts
from .comparison import practices_domain


class FactsDomain(Domain):
    """Facts per article page, and the pages that show them."""

    name = "facts"
    label = "事实"
    initial_data: dict[str, Any] = {"facts": {}, "users": {}}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.cleared: dict[str, Facts | None] = {}

    @property
    def facts(self) -> dict[str, Facts]:
        """Docname (``articles/002-jinzhou``) → its facts."""
        return self.data.setdefault("facts", {})

    @property
    def users(self) -> dict[str, bool]:
        """Docnames of the pages showing facts (timeline, people index)."""
        return self.data.setdefault("users", {})

    def clear_doc(self, docname: str) -> None:
        self.cleared.setdefault(docname, self.facts.get(docname))
        self.facts.pop(docname, None)
        self.users.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("facts", "users"):
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]

    def places(self) -> tuple[Gazetteer, Divisions | None]:
        """The gazetteer and the national divisions: the ones the comparisons read, once per process."""
        return practices_domain(self.env).places()

    def changed(self) -> bool:
        """Whether the documents read in this build changed any facts (then forget what they were)."""
        before, self.cleared = self.cleared, {}
        return any(old != self.facts.get(docname) for docname, old in before.items())


def facts_domain(env: BuildEnvironment) -> FactsDomain:
    domain = env.get_domain(FactsDomain.name)
    assert isinstance(domain, FactsDomain)
    return domain


def all_facts(env: BuildEnvironment) -> dict[str, Facts]:
    """Every article's facts, by docname, in docname order."""
    facts = facts_domain(env).facts
    return {docname: facts[docname] for docname in sorted(facts)}


def article_people(env: BuildEnvironment) -> dict[str, tuple[Person, ...]]:
    """Every article's people (named in its text or its bylines), by docname."""
    return {docname: facts.people for docname, facts in all_facts(env).items()}


def collect_facts(app: Sphinx, doctree: nodes.document) -> None:
    """An article page just read: record its facts, read from its MyST source."""
    env = app.env
    docname = env.docname
    if docname not in article_facts(env):
        return
    gazetteer, divisions = facts_domain(env).places()
    page = Path(env.doc2path(docname)).read_text(encoding="utf-8")
    article = docname.rsplit("/", 1)[-1]
    facts_domain(env).facts[docname] = facts_of_page(article, page, gazetteer, divisions)


def rewrite_fact_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages showing facts, if any article's facts changed."""
    domain = facts_domain(env)
    if not domain.changed():
        return []
    return sorted(set(domain.users) & env.all_docs.keys())


def setup_facts_domain(app: Sphinx) -> None:
    app.add_domain(FactsDomain)
    app.connect("doctree-read", collect_facts)
    app.connect("env-get-updated", rewrite_fact_pages)

"""The glossary in Sphinx: the ``terms`` domain, auto-linking, the glossary page, pinyin index, search dictionary."""

from __future__ import annotations

from sphinx.application import Sphinx

from .autolink import LinkGlossaryTerms
from .domain import TermsDomain, terms_domain, warn_missing_term
from .glossary_page import setup_glossary_page
from .index_order import setup_index_order
from .search_dict import require_jieba, write_user_dict


def _load_glossary(app: Sphinx) -> None:
    """Read the glossary once, before any page (and before parallel workers fork)."""
    domain = terms_domain(app.env)
    domain.glossary  # noqa: B018  (reading reports its problems)


def setup_terms(app: Sphinx) -> None:
    require_jieba()
    app.add_domain(TermsDomain)
    app.add_transform(LinkGlossaryTerms)
    setup_glossary_page(app)
    setup_index_order(app)
    app.connect("config-inited", write_user_dict)
    app.connect("builder-inited", _load_glossary)
    app.connect("warn-missing-reference", warn_missing_term)

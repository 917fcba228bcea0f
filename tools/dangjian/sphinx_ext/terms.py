"""The glossary feature: entries, auto-linking, backlinks, pinyin index, search dictionary.

Load with ``extensions = ["dangjian.sphinx_ext"]`` (or this module alone).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import __version__
from .autolink import LinkGlossaryTerms
from .glossary_config import setup_config
from .glossary_page import setup_glossary_page
from .index_order import setup_index_order
from .search_dict import require_jieba, write_user_dict
from .search_zh import SearchChineseFast
from .terms_domain import TermsDomain, terms_domain, warn_missing_term


def _load_glossary(app: Sphinx) -> None:
    """Read the glossary once, before any page (and before parallel workers fork)."""
    domain = terms_domain(app.env)
    domain.glossary  # noqa: B018  (reading reports its problems)


def setup(app: Sphinx) -> ExtensionMetadata:
    require_jieba()
    setup_config(app)
    app.add_domain(TermsDomain)
    app.add_transform(LinkGlossaryTerms)
    setup_glossary_page(app)
    setup_index_order(app)
    app.connect("config-inited", write_user_dict)
    app.add_search_language(SearchChineseFast)
    app.connect("builder-inited", _load_glossary)
    app.connect("warn-missing-reference", warn_missing_term)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

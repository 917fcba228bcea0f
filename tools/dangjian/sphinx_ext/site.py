"""The reader's site: pieces and regions, topics, home page, article extras, offline assets, search.

Load with ``extensions = ["dangjian.sphinx_ext"]`` (or this module alone).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import __version__
from .article_extras import setup_article_extras
from .articles_domain import setup_articles_domain
from .home import setup_home
from .listings import setup_listings
from .navbar_guard import setup_navbar_guard
from .offline_mermaid import setup_offline_mermaid
from .page_checks import setup_page_checks
from .pdf import setup_pdf
from .pdf_diagrams import setup_pdf_diagrams
from .pdf_link import setup_pdf_link
from .region_pages import setup_region_pages
from .search_client import setup_search_client
from .topics import setup_topics


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_page_checks(app)
    setup_articles_domain(app)
    setup_article_extras(app)
    setup_region_pages(app)
    setup_topics(app)
    setup_home(app)
    setup_listings(app)
    setup_navbar_guard(app)
    setup_offline_mermaid(app)
    setup_search_client(app)
    setup_pdf(app)
    setup_pdf_diagrams(app)
    setup_pdf_link(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

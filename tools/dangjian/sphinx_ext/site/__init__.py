"""The reader's site: regions, topics, home page, listings, article extras, offline assets, search."""

from __future__ import annotations

from sphinx.application import Sphinx

from .article_extras import setup_article_extras
from .home import setup_home
from .listings import setup_listings
from .navbar_guard import setup_navbar_guard
from .offline_mermaid import setup_offline_mermaid
from .region_pages import setup_region_pages
from .search_client import setup_search_client
from .search_zh import setup_search_zh
from .sidebar_names import setup_sidebar_names
from .topics import setup_topics


def setup_site(app: Sphinx) -> None:
    setup_article_extras(app)
    setup_region_pages(app)
    setup_topics(app)
    setup_home(app)
    setup_listings(app)
    setup_navbar_guard(app)
    setup_offline_mermaid(app)
    setup_search_zh(app)
    setup_search_client(app)
    setup_sidebar_names(app)

"""Article pages in Sphinx: metadata panels, photo captions, editor's marks, front-matter checks, the pieces domain."""

from __future__ import annotations

from sphinx.application import Sphinx

from .article import setup_article
from .captions import setup_captions
from .checks import setup_page_checks
from .domain import setup_articles_domain
from .editorial import setup_editorial


def setup_pages(app: Sphinx) -> None:
    setup_article(app)
    setup_captions(app)
    setup_editorial(app)
    setup_page_checks(app)
    setup_articles_domain(app)

"""Article pages in Sphinx: metadata panels, photo captions, editor's marks, front-matter checks, the pieces domain."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from .article import setup_article
from .captions import setup_captions
from .checks import setup_page_checks
from .domain import setup_articles_domain
from .editorial import setup_editorial


def require_block_attributes(app: Sphinx, config: Config) -> None:
    """Paragraph anchors are ``{#p-…}`` lines: MyST reads them only with ``attrs_block``."""
    extensions = list(getattr(config, "myst_enable_extensions", None) or [])
    if "attrs_block" not in extensions:
        config.myst_enable_extensions = [*extensions, "attrs_block"]


def setup_pages(app: Sphinx) -> None:
    app.connect("config-inited", require_block_attributes)
    setup_article(app)
    setup_captions(app)
    setup_editorial(app)
    setup_page_checks(app)
    setup_articles_domain(app)

"""Sphinx extensions for the knowledge base; ``extensions = ["dangjian.sphinx_ext"]`` loads them all.

One feature per subpackage, each with one ``setup_<feature>()``: :mod:`.pages` (article pages),
:mod:`.terms` (the glossary), :mod:`.site` (the reader's site), :mod:`.knowledge` (citations, comparisons, facts), :mod:`.cite` (references, citation files, metadata), :mod:`.opendata` (the data package and its page), :mod:`.pdf`
(the PDF book).
Every ``dangjian_*`` setting is registered once, by :mod:`.config`.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from .. import __version__
from .cite import setup_cite
from .config import setup_config
from .knowledge import setup_knowledge
from .opendata import setup_opendata
from .pages import setup_pages
from .pdf import setup_pdf
from .site import setup_site
from .terms import setup_terms

STATIC = Path(__file__).with_name("static")


def _add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> ExtensionMetadata:
    setup_config(app)
    app.connect("config-inited", _add_static)
    app.add_css_file("dangjian.css")
    # The glossary before the pages: Sphinx keeps domains in the order they are added, and the
    # inventory and the search index list their objects in that order.
    setup_terms(app)
    setup_pages(app)
    setup_site(app)
    setup_knowledge(app)
    setup_cite(app)
    setup_opendata(app)
    setup_pdf(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

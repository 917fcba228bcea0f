"""Sphinx extensions for the knowledge base; ``extensions = ["dangjian.sphinx_ext"]`` loads them all."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from .. import __version__
from . import article, captions, site, terms

STATIC = Path(__file__).with_name("static")


def _add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _add_static)
    app.add_css_file("dangjian.css")
    app.setup_extension(article.__name__)
    app.setup_extension(captions.__name__)
    app.setup_extension(terms.__name__)
    app.setup_extension(site.__name__)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

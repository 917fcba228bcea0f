"""Guard the theme's top navigation bar against page titles that read as HTML.

pydata-sphinx-theme 0.24 writes the titles of the root page's toctree entries into
the header navbar without escaping them (``toctree.py``, ``node.astext()``), so a
page whose title holds ``<script>`` would inject it into every page of the site.
Article titles come from source text, so they must never be listed there; the
site's own section pages are.  This check warns (``dangjian.navbar``, so ``-W``
stops the build) when a root toctree entry's title holds ``<``, ``>`` or ``&``.
"""

from __future__ import annotations

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

_HTML_CHARACTERS = frozenset("<>&")


def warn_markup_in_navbar(app: Sphinx, env: BuildEnvironment) -> None:
    root = app.config.root_doc
    toc = env.tocs.get(root)
    if toc is None:
        return
    for toctree in toc.findall(addnodes.toctree):
        for title, page in toctree["entries"]:
            text = title if title is not None else (env.titles[page].astext() if page in env.titles else "")
            if _HTML_CHARACTERS & set(text):
                logger.warning(
                    "the root toctree lists %s, whose title %r holds HTML characters; the theme's "
                    "navigation bar would show it as markup on every page: list it in a section page "
                    "(such as articles/index) instead",
                    page,
                    text,
                    location=root,
                    type="dangjian",
                    subtype="navbar",
                )


def setup_navbar_guard(app: Sphinx) -> None:
    app.connect("env-check-consistency", warn_markup_in_navbar)

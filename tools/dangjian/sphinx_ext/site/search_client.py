"""The search page's client side: a working Chinese stemmer, query segmentation, t2s.

``dangjian-search.js`` (static) fixes sphinx-doc/sphinx#14229 and segments
queries; ``dangjian-t2s.js`` is written at build time from OpenCC's character
table so that a traditional-script query finds the simplified text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ...convert.script import t2s_character_map

T2S_SCRIPT = "dangjian-t2s.js"
SEARCH_SCRIPT = "dangjian-search.js"


def write_t2s_map(app: Sphinx) -> None:
    """At ``builder-inited``: write the character map into the HTML output's ``_static``."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir, "_static", T2S_SCRIPT)
    body = (
        "window.DANGJIAN_T2S = " + json.dumps(t2s_character_map(), ensure_ascii=False, sort_keys=True) + ";\n"
    )
    if not target.is_file() or target.read_text(encoding="utf-8") != body:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")


def add_search_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On search.html only, before searchtools.js and language_data.js load."""
    if pagename == "search":
        app.add_js_file(T2S_SCRIPT, priority=200)
        app.add_js_file(SEARCH_SCRIPT, priority=201)


def setup_search_client(app: Sphinx) -> None:
    app.connect("builder-inited", write_t2s_map)
    app.connect("html-page-context", add_search_scripts)

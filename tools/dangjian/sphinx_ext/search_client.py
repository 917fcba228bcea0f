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
from sphinx.config import Config

from ..convert.script import t2s_character_map
from .offline_mermaid import STAGE

T2S_SCRIPT = "dangjian-t2s.js"
SEARCH_SCRIPT = "dangjian-search.js"


def write_t2s_map(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: write the character map into the staged static folder."""
    stage = Path(app.doctreedir, STAGE)
    target = stage / T2S_SCRIPT
    body = "window.DANGJIAN_T2S = " + json.dumps(t2s_character_map(), ensure_ascii=False, sort_keys=True) + ";\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != body:
        stage.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    if str(stage) not in config.html_static_path:
        config.html_static_path.append(str(stage))


def add_search_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """On search.html only, before searchtools.js and language_data.js load."""
    if pagename == "search":
        app.add_js_file(T2S_SCRIPT, priority=200)
        app.add_js_file(SEARCH_SCRIPT, priority=201)


def setup_search_client(app: Sphinx) -> None:
    app.connect("config-inited", write_t2s_map, priority=450)
    app.connect("html-page-context", add_search_scripts)

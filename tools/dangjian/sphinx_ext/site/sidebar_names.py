"""Give the theme's sidebar expand/collapse toggles an accessible name.

pydata-sphinx-theme 0.24 wraps each sidebar entry that has children in ``<details>`` whose
``<summary>`` holds only an icon, so a screen reader announces a nameless control and
axe-core reports it (WCAG 2.1 4.1.2).  The sidebar HTML is produced by the theme's
``generate_toctree_html`` template function; this wraps it and names every toggle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

#: What a toggle says (it shows or hides the entry's sub-pages).
TOGGLE_NAME = "展开或收起下级目录"
_BARE_SUMMARY = '<summary><span class="toctree-toggle" role="presentation">'
_NAMED_SUMMARY = f'<summary aria-label="{TOGGLE_NAME}"><span class="toctree-toggle" role="presentation">'


def _named(generate: Callable[..., Any]) -> Callable[..., Any]:
    def generate_toctree_html(*args: Any, **kwargs: Any) -> Any:
        html = generate(*args, **kwargs)
        if isinstance(html, str):  # a sidebar served from the theme's cache
            return html.replace(_BARE_SUMMARY, _NAMED_SUMMARY)
        for summary in html.select("details > summary"):  # a freshly built one (a soup, cached too)
            if not summary.get("aria-label"):
                summary["aria-label"] = TOGGLE_NAME
        return html

    return generate_toctree_html


def name_sidebar_toggles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    generate = context.get("generate_toctree_html")
    if callable(generate):
        context["generate_toctree_html"] = _named(generate)


def setup_sidebar_names(app: Sphinx) -> None:
    # After the theme has put its template functions into the context (default priority 500).
    app.connect("html-page-context", name_sidebar_toggles, priority=600)

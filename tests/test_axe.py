"""Every page type of the built site passes axe-core's WCAG 2.1 AA rules, in both colour themes.

The pages are the real seed build, served on 127.0.0.1 and opened in Debian's Chromium.
"""

from __future__ import annotations

import pytest

from axe import axe_violations
from test_browser import browser, page, server  # noqa: F401 (fixtures)

PAGE_TYPES = {
    "home": "index.html",
    "article list": "articles/index.html",
    "article": "articles/002-jinzhou.html",
    "traditional-script article": "articles/003-yanbian.html",
    "region index": "regions/index.html",
    "prefecture": "regions/jinzhou-shi.html",
    "topic list": "topics/index.html",
    "topic": "topics/wangge-zhili.html",
    "glossary": "glossary/index.html",
    "knowledge": "knowledge/index.html",
    "timeline": "knowledge/timeline.html",
    "people": "knowledge/people.html",
    "graph": "knowledge/graph.html",
    "index": "genindex.html",
    "search": "search.html?q=网格党支部",
    "scaling notes": "scaling.html",
    "data downloads": "data.html",
}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_page_type_passes_axe(page, server: str, path: str, theme: str) -> None:  # noqa: F811
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    # The theme fades colours on a switch: no transition, so axe sees the theme's final colours.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("(t) => document.documentElement.setAttribute('data-theme', t)", theme)
    assert axe_violations(page) == []


def test_sidebar_toggles_have_a_name(page, server: str) -> None:  # noqa: F811
    """The theme's expand/collapse toggles are named (they held only an icon)."""
    page.goto(f"{server}/regions/jinzhou-shi.html")
    toggles = page.locator(".bd-sidenav details > summary")
    assert toggles.count() > 0
    names = {toggles.nth(i).get_attribute("aria-label") for i in range(toggles.count())}
    assert names == {"展开或收起下级目录"}


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_no_horizontal_scroll_at_phone_width(page, server: str, path: str) -> None:  # noqa: F811
    """At 390 px (a phone) the page never scrolls sideways: wide tables scroll inside their box."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{path}: {scroll} px wide in a {client} px window"

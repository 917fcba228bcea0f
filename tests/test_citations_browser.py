"""Citation popups in Chromium, keyboard only: Tab reaches a citation, its quote shows, Escape hides it,
Enter follows it to the paragraph; the glossary and a topic page pass axe-core (WCAG 2.1 AA).

Uses the seed site and the browser fixtures of ``test_browser.py`` (Debian's Chromium, 127.0.0.1 only).
axe-core is read from ``tools/node/node_modules/axe-core`` or ``$DANGJIAN_AXE_JS``.
"""

from __future__ import annotations

import pytest

from axe import axe_violations
from test_browser import CHROMIUM, browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


def _tab_to_citation(page, limit: int = 400) -> str:  # noqa: F811
    """Press Tab until a citation link has the focus; its tooltip's id."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            "() => { const a = document.activeElement;"
            " return a && a.classList.contains('dj-cite-link') ? a.getAttribute('aria-describedby') : null; }"
        )
        if found:
            return found
    raise AssertionError("Tab never reached a citation")


@pytest.mark.parametrize("path", ["topics/wangge-zhili.html", "glossary/index.html"])
def test_keyboard_opens_dismisses_and_follows_a_citation(page, server: str, path: str) -> None:  # noqa: F811
    page.goto(f"{server}/{path}")
    tip_id = _tab_to_citation(page)
    tip = page.locator(f"#{tip_id}")
    assert tip.get_attribute("role") == "tooltip"
    assert tip.is_visible()
    quote = tip.locator(".dj-cite-quote").inner_text()
    assert quote.startswith("“") and len(quote) > 4
    # The tooltip lies on top of the text, inside the window.
    box = tip.bounding_box()
    assert box is not None and box["width"] > 50 and box["x"] >= 0
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    link = page.locator(f"[aria-describedby='{tip_id}']")
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/articles/*#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1 and target.evaluate("e => e.tagName") == "P"
    text = target.inner_text()
    assert quote.strip("“”").removesuffix("〔……〕")[:20] in text
    assert target.is_visible()


def test_hover_shows_the_quote_and_leaving_it_hides_it(page, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/topics/wangge-zhili.html")
    link = page.locator("a.dj-cite-link").first
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    link.hover()
    assert tip.is_visible()
    tip.hover()  # the pointer can move onto the tooltip (WCAG 1.4.13, hoverable)
    assert tip.is_visible()
    page.mouse.move(5, 5)
    assert not tip.is_visible()


@pytest.mark.parametrize("path", ["glossary/index.html", "topics/wangge-zhili.html"])
def test_pages_with_citations_pass_axe_wcag21_aa(page, server: str, path: str) -> None:  # noqa: F811
    page.goto(f"{server}/{path}")
    # With a tooltip open too: its colours and role are checked as a reader meets them.
    _tab_to_citation(page)
    assert axe_violations(page) == []

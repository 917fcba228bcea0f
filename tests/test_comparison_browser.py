"""各地做法 tables in Chromium, with the keyboard only, and axe-core on the glossary page.

axe-core (npm, pinned in tools/node/package.json) is read from
``tools/node/node_modules/axe-core/axe.min.js`` and injected into the page; nothing is fetched.
"""

from __future__ import annotations

from axe import axe_violations
from test_browser import browser, page, server  # noqa: F401 - the suite's Chromium fixtures

TABLE = "#comparison-term-wangge-dangzhibu"
REGION = f".practice-scroll:has({TABLE})"


def _tab_until(page, condition: str, limit: int) -> int:  # noqa: F811 - page is the fixture's value
    """Press Tab until ``condition`` (JS, on document.activeElement) holds; the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return presses
    raise AssertionError(f"Tab never reached {condition!r} in {limit} presses")


def test_keyboard_reaches_scrolls_and_follows_the_table(page, server: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 560, "height": 900})  # a phone's width: the table is wider
    page.goto(f"{server}/glossary/index.html#term-wangge-dangzhibu")
    page.wait_for_timeout(400)  # the theme sets its tab stops on scrollable containers after 300 ms
    _tab_until(page, f"el.matches({REGION!r})", 200)
    region = page.locator(REGION)
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label").startswith("网格党支部")
    assert page.evaluate(
        f"document.querySelector({REGION!r}).scrollWidth > document.querySelector({REGION!r}).clientWidth"
    )
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector({REGION!r}).scrollLeft > 0", timeout=5_000)
    # The theme's own table container inside it is no second tab stop.
    assert (
        page.evaluate(
            f"document.querySelector('{TABLE}').closest('.pst-scrollable-table-container').tabIndex"
        )
        == -1
    )
    _tab_until(page, f"el.matches('{TABLE} tbody a[href*=\"#p-\"]')", 10)
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    anchor = href.partition("#")[2]
    page.wait_for_url(f"**/articles/*.html#{anchor}")
    target = page.locator(f"p#{anchor}")
    assert target.count() == 1 and target.is_visible()
    assert "网格党支部" in target.inner_text()


def test_axe_finds_no_wcag21_aa_violation_on_the_glossary(page, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/glossary/index.html")
    assert axe_violations(page) == []
    assert page.locator(".practice-scroll").count() > 10

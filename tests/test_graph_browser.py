"""The graph and a place page in Chromium, with the keyboard only (axe-core checks both pages,
in both themes, in tests/test_axe.py)."""

from __future__ import annotations

import re

import pytest

import test_browser

# The suite's Chromium, server and page fixtures (the page asserts no request left 127.0.0.1).
pytestmark = test_browser.pytestmark
server = test_browser.server
browser = test_browser.browser
page = test_browser.page

KINDS = ["place", "term", "article"]


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const a = document.activeElement;
          const svg = a && a.closest('svg.kb-graph-svg');
          const rect = svg && a.querySelector('rect');
          return {
            inGraph: !!svg,
            kind: svg ? [...a.classList].find(c => c.startsWith('kb-graph-') && c !== 'kb-graph-node') : '',
            label: a ? a.getAttribute('aria-label') : '',
            href: a ? a.getAttribute('href') : '',
            y: rect ? Number(rect.getAttribute('y')) : 0,
            stroke: rect ? getComputedStyle(rect).strokeWidth : '',
          };
        }"""
    )


def _tab_into_graph(page, limit: int = 300) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = _focused(page)
        if found["inGraph"]:
            return found
    pytest.fail("Tab never reached the graph")


def test_tab_reaches_every_node_in_column_order_each_with_a_name(page, server: str) -> None:
    page.goto(f"{server}/knowledge/graph.html")
    nodes = page.locator("svg.kb-graph-svg a")
    count = nodes.count()
    assert count > 20
    seen = [_tab_into_graph(page)]
    for _ in range(count - 1):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
    assert all(s["inGraph"] for s in seen)
    assert len({s["href"] for s in seen}) == count  # every node once
    kinds = [s["kind"].removeprefix("kb-graph-") for s in seen]
    assert kinds == sorted(kinds, key=KINDS.index)  # places, then terms, then articles
    for kind in KINDS:
        ys = [s["y"] for s in seen if s["kind"] == f"kb-graph-{kind}"]
        assert ys == sorted(ys), kind  # top to bottom in each column
    assert all(re.match(r"^\S.*（(地区|术语|文章)，连接 ", s["label"]) for s in seen)
    assert all(s["stroke"] == "3.5px" for s in seen)  # the focus ring is drawn
    page.keyboard.press("Tab")
    assert not _focused(page)["inGraph"]  # and Tab leaves the graph after the last node


def test_a_focused_node_has_its_accessible_name_and_enter_follows_it(page, server: str) -> None:
    page.goto(f"{server}/knowledge/graph.html")
    found = _tab_into_graph(page)
    for _ in range(200):
        if found["label"].startswith("网格党支部（术语"):
            break
        page.keyboard.press("Tab")
        found = _focused(page)
    else:
        pytest.fail("no 网格党支部 node")
    focused = page.locator(":focus")
    snapshot = focused.aria_snapshot()
    assert snapshot.startswith('- link "网格党支部（术语，连接 3 个地区、2 篇文章）"'), snapshot
    # Its own edges (3 places, 2 articles) are drawn in colour while it has focus, no others.
    lit = page.evaluate(
        "() => [...document.querySelectorAll('svg.kb-graph-svg path')]"
        ".filter(p => getComputedStyle(p).stroke === 'rgb(176, 0, 32)').length"
    )
    assert lit == 5
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/index.html#term-wangge-dangzhibu")
    assert page.locator(".glossary-entry:target .term-name").inner_text() == "网格党支部"


def test_a_place_node_leads_to_the_place_page_with_its_practices(page, server: str) -> None:
    page.goto(f"{server}/knowledge/graph.html")
    found = _tab_into_graph(page)
    while not found["label"].startswith("锦州市（地区"):
        assert found["kind"] == "kb-graph-place", "锦州市 is not among the places"
        page.keyboard.press("Tab")
        found = _focused(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/jinzhou-shi.html")
    assert page.locator(".region-practices a", has_text="网格党支部").count() >= 1

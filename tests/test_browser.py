"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1.

Every request of every page is recorded; none may leave 127.0.0.1.  Screenshots of
the home page, an article, the glossary and a region page are saved in
``tests/_output/screenshots/`` for a human to look at.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import Site

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "_output" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server(seed_site: Site) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(seed_site.html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A fresh page; on teardown, asserts that no request left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    outside = [url for url in requests if not url.startswith((server, "data:", "blob:", "about:"))]
    assert requests and not outside, f"requests left 127.0.0.1: {outside}"


def search_results(page, server: str, query: str) -> list[str]:
    page.goto(f"{server}/search.html?q={quote(query)}")
    page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=20_000)
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results ul.search li > a")]


@pytest.mark.parametrize("query", ["网格党支部", "網格黨支部", "网格党支部建设"])
def test_search_finds_glossary_and_articles(page, server: str, query: str) -> None:
    found = search_results(page, server, query)
    pages = {href.split("#")[0].split("?")[0] for href in found}
    assert "glossary/index.html" in pages, found
    assert "articles/002-jinzhou.html" in pages, found
    assert "articles/004-chifeng-wuhai.html" in pages, found


def test_search_snippets_hold_no_diagram_source(page, server: str) -> None:
    search_results(page, server, "党员中心户")
    page.wait_for_function(
        "document.querySelectorAll('#search-results p.context').length > 0", timeout=20_000
    )
    snippets = " ".join(p.inner_text() for p in page.query_selector_all("#search-results p.context"))
    assert snippets
    assert "flowchart" not in snippets and "-->" not in snippets


def test_linked_term_lands_on_its_entry(page, server: str) -> None:
    page.goto(f"{server}/articles/002-jinzhou.html")
    link = page.locator('article a[href$="glossary/index.html#term-wangge-dangzhibu"]').first
    assert link.get_attribute("title").startswith("网格党支部：")  # the offline hover preview
    link.click()
    page.wait_for_url("**/glossary/index.html#term-wangge-dangzhibu")
    target = page.locator(".glossary-entry:target")
    assert target.get_attribute("id") == "term-wangge-dangzhibu"
    assert target.locator(".term-name").inner_text() == "网格党支部"
    assert target.is_visible()


def test_diagram_renders_as_svg(page, server: str) -> None:
    page.goto(f"{server}/topics/wangge-zhili.html")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.mermaid svg')].some(s => s.textContent.includes('党员中心户'))",
        timeout=30_000,
    )
    svg = page.locator(".mermaid svg").first
    assert svg.bounding_box()["height"] > 100
    assert "flowchart" not in page.locator(".mermaid").first.inner_text()  # the source is replaced


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "index.html"),
        ("article", "articles/002-jinzhou.html"),
        ("glossary", "glossary/index.html"),
        ("region", "regions/jinzhou-shi.html"),
    ],
)
def test_screenshots(page, server: str, name: str, path: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    shot = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    assert page.locator("h1").first.inner_text()

"""The copy button in Chromium: the reference a reader pastes is complete (address, today's date).

Uses the seed site and the browser fixtures of ``test_browser.py`` (Debian's Chromium, 127.0.0.1 only).
"""

from __future__ import annotations

import pytest

from test_browser import CHROMIUM, browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


def _today(page) -> str:  # noqa: F811
    return page.evaluate(
        "() => { const d = new Date(); const two = (n) => String(n).padStart(2, '0');"
        " return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`; }"
    )


def _copy(page, scope: str) -> str:  # noqa: F811
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(f"{scope} .dj-ref-copy").first.click()
    status = page.locator(f"{scope} .dj-ref-status").first
    status.wait_for(state="visible")
    assert status.inner_text() == "已复制到剪贴板。"
    return page.evaluate("() => navigator.clipboard.readText()")


def test_copied_online_reference_has_the_page_address_and_today(page, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/articles/000-tongjiang.html")
    shown = page.locator("#cite-this .dj-ref-text").inner_text()
    copied = _copy(page, "#cite-this")
    assert copied == shown.strip()
    assert f"[{_today(page)}]. {server}/articles/000-tongjiang.html" in copied
    assert "site.invalid" not in copied and "[EB/OL]" in copied


def test_copied_newspaper_reference_is_the_standards_form(page, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/articles/003-yanbian.html")
    copied = _copy(page, "#cite-this")
    assert copied.startswith("张伟国, 代黎黎, 王雨, 等. 党旗映红乡村振兴路")
    assert copied.endswith("[N]. 吉林日报, 2022-06-20.")


def test_glossary_entry_reference_opens_and_copies(page, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/glossary/index.html")
    entry = page.locator(".glossary-entry", has=page.locator(".term-name", has_text="网格党支部")).first
    entry.locator("details.dj-ref-term > summary").click()
    entry_id = entry.get_attribute("id")
    copied = _copy(page, f"#{entry_id}")
    assert copied.startswith("基层党建知识库. 网格党支部[EB/OL]")
    assert f"{server}/glossary/index.html#{entry_id}" in copied
    assert f"[{_today(page)}]" in copied

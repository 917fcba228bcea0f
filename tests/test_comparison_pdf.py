"""各地做法 in the PDF: the real xelatex build (the fixture of test_pdf.py) carries the tables."""

from __future__ import annotations

from test_pdf import Pdf, pdf, pytestmark, squeeze  # noqa: F401 - the suite's PDF build and its skip

CAPTION = "网格党支部：各地做法"
NEXT_ENTRY = "网格化管理網格化管理"  # the entry printed after 网格党支部's, where its table ends


def _table_text(pdf: Pdf) -> str:  # noqa: F811 - pdf is the fixture's value
    first = pdf.page_with(CAPTION)
    pages = "".join(squeeze(pdf.text(p, p)) for p in range(first, min(first + 4, pdf.page_count()) + 1))
    return pages[pages.index(CAPTION) : pages.index(NEXT_ENTRY)]


def test_glossary_entry_carries_its_comparison_rows_and_figures(pdf: Pdf) -> None:  # noqa: F811
    table = _table_text(pdf)
    assert "做法（原文摘录）" in table and "出处" in table
    for place in ("古塔区", "乌达区", "林荫街道"):  # short names: a long chain wraps in its cell
        assert place in table, place
    for figure in ("1336", "4179", "786", "42.1%", "2059"):  # 锦州, 锦州, 乌海, 赤峰, 赤峰
        assert figure in table, figure
    assert "续下页" in table  # a long table breaks across pages instead of running off one


def test_topic_page_carries_its_comparison(pdf: Pdf) -> None:  # noqa: F811
    page = pdf.page_with("各地做法比较本专题术语")
    text = "".join(squeeze(pdf.text(p, p)) for p in range(page, page + 3))
    assert "地点" in text and "做法（原文摘录）" in text and "1336" in text

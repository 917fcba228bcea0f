"""引用本文 / 引用此条 on the built seed site: what a reader who cites an article or a term checks.

The seed build (``seed_site``) does not know the site's address, as a local build does not: the
reference then cites the page at the address the reader has it open (the page's script fills it
in; ``test_cite_browser.py``), and the downloads leave the address out rather than invent one.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy

from conftest import Site

ARTICLES = ("000-tongjiang", "001-jixi", "002-jinzhou", "003-yanbian", "004-chifeng-wuhai")


def _reference(site: Site, page: str) -> str:
    block = site.soup(page).select_one("#cite-this .dj-ref-text")
    assert block is not None, f"{page}: no 引用本文"
    return block.get_text()


def _meta(site: Site, page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in site.soup(page).select("head meta[name]"):
        found.setdefault(tag["name"], []).append(tag["content"])
    return found


def test_newspaper_article_is_cited_as_N_with_paper_and_date(seed_site: Site) -> None:
    """003 names its paper and day (吉林日报, 2022-06-20): [N], first three of seven authors, 等."""
    text = _reference(seed_site, "articles/003-yanbian")
    assert text.startswith("张伟国, 代黎黎, 王雨, 等. ")
    assert "[N]. 吉林日报, 2022-06-20." in text
    assert "EB/OL" not in text and "相文雅" not in text


def test_articles_without_paper_or_date_cite_the_page_online(seed_site: Site) -> None:
    """No paper or no day in the source: the page is cited as [EB/OL] with its address and 引用日期."""
    for article in ARTICLES:
        if article == "003-yanbian":
            continue
        page = f"articles/{article}"
        text = _reference(seed_site, page)
        assert "[EB/OL]" in text and "[N]" not in text, text
        url = seed_site.soup(page).select_one("#cite-this .dj-ref-url")
        assert url is not None and url["data-path"] == f"articles/{article}.html"
        assert seed_site.soup(page).select_one("#cite-this .dj-ref-accessed") is not None
        assert not re.search(r"日报|晚报|\d{4}-\d{2}-\d{2}\(", text.replace(url.get_text(), "")), text


def test_every_glossary_entry_offers_its_reference(seed_site: Site) -> None:
    soup = seed_site.soup("glossary/index")
    entries = soup.select(".glossary-entry")
    assert len(entries) > 100
    for entry in entries:
        term = entry.select_one(".term-name").get_text()
        block = entry.select_one("details.dj-ref-term .dj-ref-text")
        assert block is not None, f"{term}: no 引用此条"
        assert f"{term}[EB/OL]" in block.get_text()


def test_scholar_metadata_names_the_paper_only_where_the_source_does(seed_site: Site) -> None:
    meta = _meta(seed_site, "articles/003-yanbian")
    assert meta["citation_journal_title"] == ["吉林日报"]
    assert meta["citation_publication_date"] == ["2022/06/20"]
    assert meta["citation_author"] == ["张伟国", "代黎黎", "王雨", "张敬源", "张琰", "相文雅", "杨佳琪"]
    assert meta["citation_title"][0].startswith("党旗映红乡村振兴路")
    for article in ARTICLES:
        meta = _meta(seed_site, f"articles/{article}")
        assert meta["citation_title"], article
        if article != "003-yanbian":
            assert "citation_journal_title" not in meta and "citation_date" not in meta, article


def test_downloads_exist_parse_and_cover_the_whole_base(seed_site: Site) -> None:
    soup = seed_site.soup("articles/003-yanbian")
    links = [a["href"] for a in soup.select("#cite-this .dj-ref-links a")]
    assert len(links) == 6
    for href in links:
        assert (seed_site.html / "articles" / href).resolve().is_file(), href
    whole = json.loads((seed_site.html / "cite" / "dangjian-kb.json").read_text(encoding="utf-8"))
    terms = len(seed_site.soup("glossary/index").select(".glossary-entry"))
    assert len(whole) == len(ARTICLES) + terms
    assert all("site.invalid" not in json.dumps(item) for item in whole)
    library = bibtexparser.parse_string(
        (seed_site.html / "cite" / "dangjian-kb.bib").read_text(encoding="utf-8")
    )
    assert not library.failed_blocks and len(library.entries) == len(whole)
    records = rispy.loads((seed_site.html / "cite" / "dangjian-kb.ris").read_text(encoding="utf-8"))
    assert len(records) == len(whole)
    yanbian = next(r for r in records if r.get("title", "").startswith("党旗映红"))
    assert yanbian["type_of_reference"] == "NEWS" and len(yanbian["authors"]) == 7


def test_parallel_build_gives_the_same_references(seed_site: Site, parallel_site: Site) -> None:
    for article in ARTICLES:
        assert _reference(parallel_site, f"articles/{article}") == _reference(
            seed_site, f"articles/{article}"
        )

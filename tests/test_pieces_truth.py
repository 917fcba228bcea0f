"""What the knowledge base states about the seeds' pieces is right (issue 16, points 1, 2 and 4).

Each test names the defect it guards against, on the real seed pages as the converter renders
them now and on the site built from them.
"""

from __future__ import annotations

from conftest import ROOT, Site
from dangjian.pages.pieces import split_pieces
from dangjian.regions.gazetteer import parse_gazetteer
from dangjian.regions.locate import locate_pieces

GAZETTEER = parse_gazetteer(
    (ROOT / "docs/_data/gazetteer.yaml").read_text(encoding="utf-8"), "gazetteer.yaml"
)


def page(site: Site, name: str) -> str:
    return (site.src / "articles" / f"{name}.md").read_text(encoding="utf-8")


def owned_text(site: Site, name: str, piece: int) -> str:
    return "\n".join(line.text for line in split_pieces(name, page(site, name))[piece - 1].lines)


def test_sections_printed_after_a_brief_belong_to_the_lead_piece(seed_site: Site) -> None:
    # 002: 永葆初心本色… and 创新方式方法… follow piece 5 (崔治's brief) on the page.
    lead, brief = owned_text(seed_site, "002-jinzhou", 1), owned_text(seed_site, "002-jinzhou", 5)
    for heading in ("永葆初心本色 践行使命担当", "创新方式方法 更好服务群众"):
        assert heading in lead and heading not in brief
    # 000: the 稳边 / 兴边 sections follow the 书记领办 brief (吴宇).
    lead, brief = owned_text(seed_site, "000-tongjiang", 1), owned_text(seed_site, "000-tongjiang", 3)
    for heading in ("强化政治引领 稳边", "提升核心优势 兴边"):
        assert heading in lead and heading not in brief


def test_a_brief_is_located_only_where_its_own_text_says(seed_site: Site) -> None:
    located = {
        loc.index: set(loc.places)
        for loc in locate_pieces("002-jinzhou", page(seed_site, "002-jinzhou"), GAZETTEER)
    }
    assert not located.get(5, set()) & {"黑山县", "北镇市", "凌河区"}, located.get(5)
    assert {"黑山县", "北镇市", "凌河区"} <= located[1]


def test_a_continued_section_says_so_and_links_back(seed_site: Site) -> None:
    soup = seed_site.soup("articles/002-jinzhou")
    notes = soup.select("p.continued-note")
    assert len(notes) == 1
    assert notes[0].get_text() == "〔接上文：为振兴发展提供坚强组织保障〕"
    link = notes[0].select_one("a")
    assert link is not None and link["href"].split("#")[0] in ("", "#", "002-jinzhou.html")
    section = notes[0].find_parent("section")
    assert section.select_one("h2").get_text().startswith("永葆初心本色")
    assert len(seed_site.soup("articles/000-tongjiang").select("p.continued-note")) == 1


def test_a_stray_heading_copy_is_not_spliced_into_a_sentence(seed_site: Site) -> None:
    text = seed_site.soup("articles/004-chifeng-wuhai").get_text()
    assert "书记到党支部工作联系点领办实事项目" in text
    assert "书记到带农惠民蓄足发展后劲党支部" not in text


def test_a_heading_printed_below_its_paragraphs_is_placed_above_them(seed_site: Site) -> None:
    soup = seed_site.soup("articles/001-jixi")
    heading = next(h for h in soup.select("h2") if h.get_text().startswith("创新党建和业务融合工作法"))
    paragraphs = [p.get_text() for p in heading.find_parent("section").find_all("p", recursive=False)]
    assert any("党建和业务深度融合工作法" in p for p in paragraphs), paragraphs


def test_a_paragraph_cut_off_in_the_source_says_so(seed_site: Site) -> None:
    soup = seed_site.soup("articles/000-tongjiang")
    marks = soup.select("span.editor-mark")
    assert [m.get_text() for m in marks] == ["〔原文至此中断〕"]
    assert marks[0].find_parent("p").get_text().endswith("切实带动党〔原文至此中断〕")


def test_photographers_in_bylines_are_the_photo_credit(seed_site: Site) -> None:
    meta = seed_site.soup("articles/000-tongjiang").select_one(".article-meta").get_text()
    assert "孙维焄 摄；李佩环 摄；曹美娜 摄" in meta

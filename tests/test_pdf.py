"""The PDF, built for real (xelatex, ctex, Noto CJK, mermaid-cli on Debian's Chromium), checked with poppler.

Rendered pages (cover, a diagram, the glossary, the index) are saved in
``tests/_output/pdf/`` for a human to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import SEEDS, Site, sphinx_build

TOOLS = ("xelatex", "latexmk", "pdffonts", "pdftotext", "pdftoppm", "rsvg-convert")
PAGES = Path(__file__).parent / "_output" / "pdf"

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS) or not Path("/usr/bin/chromium").exists(),
    reason="needs TeX Live, poppler, rsvg-convert and chromium (make test installs them)",
)


@dataclass
class Pdf:
    path: Path
    log: str

    def text(self, first: int | None = None, last: int | None = None, layout: bool = True) -> str:
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        mode = ["-layout"] if layout else []  # without: columns are read one after the other
        return subprocess.run(
            ["pdftotext", *mode, *pages, str(self.path), "-"], capture_output=True, text=True, check=True
        ).stdout

    def page_count(self) -> int:
        info = subprocess.run(["pdfinfo", str(self.path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))

    def page_with(self, needle: str) -> int:
        for page in range(1, self.page_count() + 1):
            if needle in squeeze(self.text(page, page)):
                return page
        raise AssertionError(f"{needle!r} is on no page")


def index_start(pdf: Pdf) -> int:
    """The index's first page: the pages at the end whose running footer says 索引."""
    page = pdf.page_count()
    while page > 1 and "索引" in squeeze(pdf.text(page - 1, page - 1)):
        page -= 1
    return page


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf(pdf_build: tuple[Path, str]) -> Pdf:
    """The seed site's PDF (built once per run, in conftest's ``pdf_build``)."""
    return Pdf(*pdf_build)


def test_every_font_is_embedded_noto_for_chinese_and_none_is_type3(pdf: Pdf) -> None:
    rows = subprocess.run(
        ["pdffonts", str(pdf.path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert " yes " in row.split("Identity-H")[-1] or row.split()[-5] == "yes", f"not embedded: {row}"
        assert "Type 3" not in row, row
        assert "Fandol" not in row, row
    names = [row.split()[0] for row in rows]
    assert any("NotoSerifCJK" in n for n in names) and any("NotoSansCJK" in n for n in names)


def test_log_has_no_missing_characters_or_broken_links(pdf: Pdf) -> None:
    assert "Missing character" not in pdf.log
    assert "Hyper reference" not in pdf.log  # every internal link has a target


def test_cover_contents_and_a4(pdf: Pdf) -> None:
    cover = squeeze(pdf.text(1, 1))
    assert cover.startswith("基层党建知识库")
    assert f"{len(SEEDS)}篇文章" in cover and "个术语" in cover and "构建日期" in cover
    info = subprocess.run(["pdfinfo", str(pdf.path)], capture_output=True, text=True, check=True).stdout
    assert "595.28 x 841.89" in info  # A4
    assert "目录" in squeeze(pdf.text(2, 3))
    assert "第一章" in squeeze(pdf.text(2, 3))


def test_text_holds_every_seed_title_and_the_glossary(pdf: Pdf, seed_site: Site) -> None:
    text = squeeze(pdf.text())
    for name in SEEDS:
        title = squeeze(seed_site.soup(f"articles/{name}").select_one("h1").get_text().rstrip("#"))
        assert title in text, name
    assert "网格党支部網格黨支部wǎnggédǎngzhībù" in text  # the glossary entry's head


def test_index_is_in_pinyin_order_with_letter_groups(pdf: Pdf) -> None:
    assert "网格党支部" in squeeze(pdf.text(index_start(pdf)))
    # makeindex's output is the order the PDF prints (its two columns interleave in pdftotext).
    ind = pdf.path.with_suffix(".ind").read_text(encoding="utf-8")
    letters = re.findall(r"\\bigletter (\S+)", ind)
    assert (
        letters == sorted(letters) and set(letters) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") and len(letters) > 10
    )
    entries = re.findall(r"\\item \\spxentry\{([^}]*)\}", ind)
    assert (
        entries.index("包保")
        < entries.index("创先争优")
        < entries.index("大串门")
        < entries.index("网格党支部")
        < entries.index("驻村第一书记")
    )
    assert entries.index("大串门") < entries.index(
        "“大串门”走访活动"
    )  # the same reading, then the longer name


def test_outline_lists_every_article_in_chinese(pdf: Pdf, seed_site: Site) -> None:
    reader = PdfReader(str(pdf.path))
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(squeeze(item.title))

    walk(reader.outline)
    for name in SEEDS:
        title = squeeze(seed_site.soup(f"articles/{name}").select_one("h1").get_text().rstrip("#"))
        assert title in titles, name
    assert "第一部分黑龙江省" in titles and "术语表" in titles and "索引" in titles


def test_a_linked_term_jumps_to_its_glossary_entry(pdf: Pdf) -> None:
    reader = PdfReader(str(pdf.path))
    entry_page = pdf.page_with("网格党支部網格黨支部") - 1  # 0-based
    article = pdf.page_with("组建网格党支部31个") - 1
    targets = []
    for annotation in reader.pages[article].get("/Annots") or []:
        action = annotation.get_object().get("/A")
        if action and action.get("/S") == "/GoTo":
            dest = reader.named_destinations.get(str(action["/D"]))
            if dest is not None:
                targets.append(reader.get_destination_page_number(dest))
    assert entry_page in targets or entry_page - 1 in targets, (entry_page, targets)


def test_diagrams_are_in_the_pdf_and_pages_are_saved_for_review(pdf: Pdf) -> None:
    diagram = pdf.page_with("乌海市海勃湾区林荫街道党组织架构")
    assert "街道党工委" in squeeze(pdf.text(diagram - 1, diagram))  # the diagram's own labels are text
    glossary = pdf.page_with("网格党支部網格黨支部")
    index = index_start(pdf)
    PAGES.mkdir(parents=True, exist_ok=True)
    for name, page in (("cover", 1), ("diagram", diagram), ("glossary", glossary), ("index", index)):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf.path),
                str(PAGES / name),
            ],
            check=True,
        )
        assert (PAGES / f"{name}.png").stat().st_size > 10_000
    assert "genindex" not in pdf.text()


def test_html_site_offers_the_pdf(pdf: Pdf, seed_site: Site, tmp_path: Path) -> None:
    out = tmp_path / "html"
    build = sphinx_build(seed_site.src, out, "-D", f"dangjian_pdf_file={pdf.path}")
    assert build.returncode == 0, build.stdout + build.stderr
    assert (out / "dangjian-kb.pdf").read_bytes() == pdf.path.read_bytes()
    from bs4 import BeautifulSoup

    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".kb-pdf a")["href"] == "dangjian-kb.pdf"
    article = BeautifulSoup(
        (out / "articles" / "002-jinzhou.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert article.select_one(".dangjian-pdf-link a")["href"] == "../dangjian-kb.pdf"
    # Without a PDF the home page says how to make one, and no page links to a missing file.
    assert "运行 make pdf" in seed_site.soup("index").select_one(".kb-pdf").get_text()
    assert seed_site.soup("articles/002-jinzhou").select_one(".dangjian-pdf-link") is None


def test_diagrams_as_source_where_no_browser_runs(seed_site: Site, tmp_path: Path) -> None:
    """``dangjian_pdf_diagrams = "source"`` (Read the Docs): every diagram's text and a note, no mermaid-cli."""
    out = tmp_path / "latex"
    options = ["-D", "dangjian_pdf_diagrams=source", "-D", "mermaid_cmd=/nonexistent/mmdc"]
    result = sphinx_build(seed_site.src, out, *options, builder="latex")
    assert result.returncode == 0, result.stdout + result.stderr
    tex = (out / "dangjian-kb.tex").read_text(encoding="utf-8")
    diagrams = sum(p.read_text(encoding="utf-8").count("{mermaid}") for p in seed_site.src.rglob("*.md"))
    assert diagrams == 5
    assert tex.count("此图为流程图源码") == diagrams
    assert "flowchart" in tex or "graph" in tex
    assert not list(out.glob("mermaid-*"))  # mermaid-cli never ran


def test_pdf_cites_the_newspaper_article_and_names_the_data_package(pdf: Pdf) -> None:
    """Offline readers get the [N] reference (complete without the site) and the 数据下载 chapter
    naming every file; the [EB/OL] references, which need the site's address, stay on the site."""
    text = squeeze(pdf.text())
    assert (
        "张伟国,代黎黎,王雨,等.党旗映红乡村振兴路同心谱就边疆幸福曲——延边州党建引领驻村工作走笔[N].吉林日报,2022-06-20."
        in text
    )
    assert "[EB/OL]" not in text
    assert "数据下载" in text
    for name in (
        "data/datapackage.json",
        "data/dangjian-kb.sqlite",
        "data/paragraphs.csv",
        "cite/dangjian-kb.bib",
    ):
        assert name in text, name


def test_document_information_and_no_blank_pages(pdf: Pdf) -> None:
    """Issue 19, item 4: title, author, subject, keywords and language where PDF readers and
    catalogues look; a screen PDF with no blank verso pages before chapters."""
    reader = PdfReader(pdf.path)
    info = reader.metadata
    assert info.title == "基层党建知识库"
    assert info.author == "dangjian-kb contributors"
    assert info.subject == "东北地区基层党建实践资料库"
    assert {"基层党建", "黑龙江省", "吉林省", "辽宁省", "内蒙古自治区"} <= set(info["/Keywords"].split(", "))
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    blank = [page for page in range(1, pdf.page_count() + 1) if not squeeze(pdf.text(page, page))]
    assert blank == []


def test_photo_captions_are_set_as_captions(pdf: Pdf) -> None:
    """Issue 19, item 3: a caption is smaller than the body text and indented from its margin."""
    page = pdf.page_with("从湿地公园看城市美景")
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf.path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = re.findall(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', layout, re.S
    )
    boxes = [
        (float(x), float(y1) - float(y0), re.sub(r"<[^>]+>|\s", "", words)) for x, y0, y1, words in lines
    ]
    caption = next(b for b in boxes if "从湿地公园看城市美景" in b[2])
    body = [b for b in boxes if len(b[2]) > 30]
    assert body, "no body line on the caption's page"
    assert all(caption[1] < b[1] for b in body), (caption, body[:3])
    assert caption[0] > min(b[0] for b in body) + 10


def test_separators_in_titles_headings_and_bylines_survive(pdf: Pdf) -> None:
    """Issue 19, item 2: xeCJK dropped the space the paper set between two parts of a title, a
    heading or a byline (同江党建引领促发展凝心聚力谱新篇); it is now a full-width space."""
    text = pdf.text()
    for parts in (
        ("同江", "党建引领促发展", "凝心聚力谱新篇"),
        ("书记领办", "提升治理质效"),
        ("本报记者", "刘大泳"),
    ):
        assert re.search(r"\s+".join(parts), text), parts
    assert "同江党建引领促发展凝心聚力谱新篇" not in re.sub(r"〔[^〕]*〕", "", text)

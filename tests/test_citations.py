"""Claim-level citations: ``{para}`` in terms.yaml and pages, ``terms check`` and ``terms cite``, the site.

The coverage test measures the real glossary and topic pages (sentences counted by 。！？); the
site tests read the real seed build; the rest use the small ``tests/roots/test-citations`` project
or a copy of the repository's files, built or checked by the real commands.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site, run_dangjian, sphinx_build
from dangjian.glossary.citations import claims, sentences, strip_roles
from dangjian.glossary.load import parse_glossary

CITE_ROOT = Path(__file__).parent / "roots" / "test-citations"
GLOSSARY = ROOT / "docs" / "glossary" / "terms.yaml"
TOPICS = ROOT / "docs" / "topics"
#: Topic sections that list and compare (generated), not prose that makes claims.
LISTING_SECTIONS = ("## 相关术语与章节", "## 各地做法比较")
_FENCE = re.compile(r"^(`{3,}|:{3,})")
_SEE = re.compile(r"（见[^（）]*\{doc\}[^（）]*）$")


def _definition_sentences() -> list[tuple[str, tuple[str, ...]]]:
    glossary, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), "terms.yaml")
    assert not problems
    out = []
    for entry in glossary.entries:
        for written in (entry.cited or entry.definition, *(s.cited or s.definition for s in entry.senses)):
            out += [(s.text, s.targets) for s in sentences(written) if s.text]
    return out


def _topic_prose(page: str) -> list[str]:
    """The prose paragraphs of a topic page: outside fences, headings, directives and listings."""
    out, fence, listing = [], "", False
    for line in page.splitlines():
        mark = _FENCE.match(line.strip())
        if mark and not fence:
            fence = mark.group(1)
            continue
        if fence:
            fence = "" if line.strip() == fence else fence
            continue
        if line.startswith("#"):
            listing = line.startswith(LISTING_SECTIONS)
            continue
        if line.strip() and not listing and not line.startswith(("%", ":")):
            out.append(_SEE.sub("", line.strip()))
    return out


def _topic_sentences() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for page in sorted(TOPICS.glob("*.md")):
        if page.stem == "index":
            continue
        for text in _topic_prose(page.read_text(encoding="utf-8")):
            out += [(s.text, s.targets) for s in sentences(text) if strip_roles(s.text).strip()]
    return out


# -- the syntax ------------------------------------------------------------------------------


def test_sentences_take_the_citations_written_after_their_full_stop() -> None:
    text = "锦州组建网格党支部。{para}`002-jinzhou#p-a; 004-chifeng-wuhai#p-b` 乌海也有“网格”。{para}`004-x#p-c`末句"
    found = sentences(text)
    assert [(s.text, s.targets) for s in found] == [
        ("锦州组建网格党支部。", ("002-jinzhou#p-a", "004-chifeng-wuhai#p-b")),
        ("乌海也有“网格”。", ("004-x#p-c",)),
        ("末句", ()),
    ]
    assert [c.text for c in claims(text)] == ["锦州组建网格党支部。", "乌海也有“网格”。", "末句"]


def test_the_glossary_keeps_each_citations_line_and_shows_definitions_without_markup() -> None:
    text = (CITE_ROOT / "glossary" / "terms.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "。{para}`001-jinzhou#p-jinzhoushi` 锦州", "。{para}`001-jinzhou#p-jinzhoushi`\n    锦州"
    )
    glossary, problems = parse_glossary(text, "terms.yaml")
    assert not problems
    entry = glossary.entries[0]
    assert entry.definition == "设在网格上的党支部。锦州市229个城市社区共组建1336个网格党支部。"
    assert [(c.targets, c.line) for c in entry.claims] == [
        (("001-jinzhou#p-jinzhoushi",), 6),
        (("001-jinzhou#p-jinzhoushi",), 7),
    ]


# -- coverage on the real glossary and topics ----------------------------------------------------


def test_definition_sentences_carry_a_paragraph_citation() -> None:
    found = _definition_sentences()
    cited = sum(1 for _text, targets in found if targets)
    assert len(found) >= 300  # 143 entries, their senses included
    assert cited / len(found) >= 0.95, f"{cited}/{len(found)} definition sentences cited"


def test_topic_sentences_carry_a_paragraph_citation() -> None:
    found = _topic_sentences()
    uncited = [text for text, targets in found if not targets]
    assert len(found) >= 30
    assert (len(found) - len(uncited)) / len(found) >= 0.95, uncited


# -- dangjian terms check / cite ---------------------------------------------------------------


def _repo_copy(tmp_path: Path, entry: str) -> Path:
    """A repository with the seed article pages and a one-entry glossary."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "docs" / "articles", root / "docs" / "articles")
    (root / "docs" / "glossary").mkdir(parents=True)
    (root / "docs" / "glossary" / "terms.yaml").write_text(entry, encoding="utf-8")
    return root


ENTRY = """\
# one entry
- term: 网格党支部
  traditional: 網格黨支部
  pinyin: wǎnggé dǎngzhībù
  english: grid Party branch
  category: organisation
  definition: {definition}
  sources: [002-jinzhou, 004-chifeng-wuhai]
"""


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        (
            "002-jinzhou#p-zaijicengshee",
            "cited paragraph '002-jinzhou#p-zaijicengshee' does not exist (closest: 002-jinzhou#p-zaijicengshe)",
        ),
        (
            "002-jinzhou#p-jinzhoushichi",
            "cited paragraph '002-jinzhou#p-jinzhoushichi' does not contain the term (网格党支部、網格黨支部)",
        ),
        ("001-jixi#p-jinnianyilai", "cites '001-jixi#p-jinnianyilai', but '001-jixi' is not in its sources"),
    ],
)
def test_terms_check_refuses_a_citation_that_does_not_hold(
    tmp_path: Path, citation: str, message: str
) -> None:
    definition = f"锦州市组建网格党支部。{{para}}`{citation}`"
    root = _repo_copy(tmp_path, ENTRY.format(definition=definition))
    result = run_dangjian("terms", "check", "--root", str(root))
    assert result.returncode == 1
    expected = f"docs/glossary/terms.yaml:7: entry '网格党支部': definition: {message}"
    assert result.stderr.splitlines()[0] == expected, result.stderr


def test_terms_check_refuses_a_paragraph_edited_so_it_no_longer_names_the_term(tmp_path: Path) -> None:
    root = _repo_copy(
        tmp_path, ENTRY.format(definition="锦州组建网格党支部。{para}`002-jinzhou#p-zaijicengshe`")
    )
    assert run_dangjian("terms", "check", "--root", str(root)).returncode == 0
    page = root / "docs" / "articles" / "002-jinzhou.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("{#p-zaijicengshe}\n") + 1
    lines[at] = lines[at].replace("网格党支部", "党支部")
    page.write_text("".join(lines), encoding="utf-8")
    result = run_dangjian("terms", "check", "--root", str(root))
    assert result.returncode == 1
    assert "terms.yaml:7: entry '网格党支部': definition: cited paragraph '002-jinzhou#p-zaijicengshe' " in (
        result.stderr
    )


def test_terms_cite_proposes_and_writes_the_supporting_paragraphs(tmp_path: Path) -> None:
    definition = (
        "全市229个城市社区共组建1336个网格党支部。林荫街道在小区成立党支部，在党员业主中推选党员中心户。"
    )
    text = ENTRY.format(definition=definition)
    root = _repo_copy(tmp_path, text)
    shown = run_dangjian("terms", "cite", "--root", str(root))
    assert shown.returncode == 0, shown.stderr
    assert "002-jinzhou#p-zaijicengshe" in shown.stdout and "004-chifeng-wuhai#p-haibowanqu" in shown.stdout
    path = root / "docs" / "glossary" / "terms.yaml"
    assert path.read_text(encoding="utf-8") == text  # without --write nothing changes
    written = run_dangjian("terms", "cite", "--write", "--root", str(root))
    assert written.returncode == 0, written.stderr
    new = (
        "全市229个城市社区共组建1336个网格党支部。{para}`002-jinzhou#p-zaijicengshe`"
        "林荫街道在小区成立党支部，在党员业主中推选党员中心户。{para}`004-chifeng-wuhai#p-haibowanqu`"
    )
    assert path.read_text(encoding="utf-8") == text.replace(definition, new)
    assert run_dangjian("terms", "check", "--root", str(root)).returncode == 0


def test_terms_cite_writes_nothing_when_the_glossary_would_not_check(tmp_path: Path) -> None:
    text = ENTRY.format(definition="全市229个城市社区共组建1336个网格党支部。") + "  related: [没有这个词]\n"
    root = _repo_copy(tmp_path, text)
    result = run_dangjian("terms", "cite", "--write", "--root", str(root))
    assert result.returncode == 1
    assert "related term '没有这个词' has no entry" in result.stderr
    assert "nothing written" in result.stderr
    assert (root / "docs" / "glossary" / "terms.yaml").read_text(encoding="utf-8") == text


# -- the extension on a small project ----------------------------------------------------------


def _built(tmp_path: Path, *extra: str, builder: str = "html") -> tuple[Path, Path, str]:
    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(CITE_ROOT, src)
    out = tmp_path / builder
    result = sphinx_build(src, out, *extra, builder=builder)
    return src, out, result.stdout + result.stderr


def _quotes(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return [q.get_text() for q in soup.select(".dj-cite-tip .dj-cite-quote")]


def test_a_citation_to_no_paragraph_is_a_located_warning_with_a_suggestion(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(CITE_ROOT, src)
    notes = src / "notes.md"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("p-jinzhoushi", "p-jinzhoushl"), encoding="utf-8"
    )
    _src, _out, log = _built(tmp_path)
    assert (
        f"{notes}:6: WARNING: {{para}} citation '001-jinzhou#p-jinzhoushl' names no paragraph; "
        "did you mean '001-jinzhou#p-jinzhoushi'? [dangjian.cite]"
    ) in log, log


def test_an_edited_paragraph_updates_the_quotes_of_its_citers(tmp_path: Path) -> None:
    src, out, log = _built(tmp_path)
    assert "WARNING" not in log, log
    glossary, notes = out / "glossary" / "index.html", out / "notes.html"
    assert "“全市229个城市社区共组建1336个网格党支部，成立2640个楼栋党小组。”" in _quotes(glossary)
    page = src / "articles" / "001-jinzhou.md"
    text = page.read_text(encoding="utf-8")
    # An uncited paragraph: the citing page that is no listing is not written again.
    page.write_text(text.replace("1.6万余件", "1.7万余件"), encoding="utf-8")
    before = notes.stat().st_mtime_ns
    _built(tmp_path)
    assert notes.stat().st_mtime_ns == before
    # The cited one: both citers show the new sentence.
    page.write_text(text.replace("成立2640个", "成立2641个"), encoding="utf-8")
    _src, _out, log = _built(tmp_path)
    assert "WARNING" not in log, log
    for html in (glossary, notes):
        assert any("成立2641个楼栋党小组" in q for q in _quotes(html)), html


def test_the_pdf_source_links_each_citation_to_its_paragraphs_label(tmp_path: Path) -> None:
    _src, out, log = _built(tmp_path, builder="latex")
    assert "WARNING" not in log, log
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{articles/001-jinzhou:p-jinzhoushi}}" in tex
    assert r"\hyperref[\detokenize{articles/001-jinzhou:p-jinzhoushi}]{\sphinxcrossref{锦州}}" in tex
    assert "{para}" not in tex and "dj-cite-tip" not in tex


# -- the seed site -----------------------------------------------------------------------------


def _paragraph_texts(site: Site, href: str, page: str) -> tuple[str, str]:
    """The page a citation's link goes to, and the text of the element its fragment names."""
    path, _, anchor = href.partition("#")
    target = (site.html / page).parent / path
    soup = BeautifulSoup(target.resolve().read_text(encoding="utf-8"), "html.parser")
    found = soup.find(id=anchor)
    return str(target), found.get_text() if found is not None else ""


@pytest.mark.parametrize(
    "page", ["glossary/index.html", "topics/wangge-zhili.html", "topics/jiguan-dangjian.html"]
)
def test_every_citation_lands_on_its_paragraph_and_quotes_it(seed_site: Site, page: str) -> None:
    soup = BeautifulSoup((seed_site.html / page).read_text(encoding="utf-8"), "html.parser")
    items = soup.select(".dj-cite-item")
    assert len(items) >= (300 if page.startswith("glossary") else 5)
    texts: dict[str, str] = {}
    for item in items:
        link = item.select_one("a.dj-cite-link")
        tip = soup.find(id=link["aria-describedby"])
        assert tip is not None and tip.get("role") == "tooltip" and tip.parent is item
        href = link["href"]
        assert href.startswith("../articles/") and "#p-" in href
        if href not in texts:
            texts[href] = _paragraph_texts(seed_site, href, page)[1]
        assert texts[href], f"{page}: {href} lands on no paragraph"
        quote = tip.select_one(".dj-cite-quote").get_text().removeprefix("“").removesuffix("”")
        assert quote.removesuffix("〔……〕") in texts[href], (href, quote)
        assert tip.select_one(".dj-cite-title").get_text().startswith("《")


def test_a_parallel_build_quotes_as_a_serial_one(tmp_path: Path) -> None:
    _src, serial, log = _built(tmp_path)
    assert "WARNING" not in log, log
    _src, parallel, log = _built(tmp_path / "j2", "-j", "2")
    assert "WARNING" not in log, log
    for page in ("glossary/index.html", "topics/wangge.html", "notes.html"):
        assert _quotes(parallel / page) == _quotes(serial / page) != []

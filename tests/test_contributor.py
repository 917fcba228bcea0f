"""The contributor workflow: ``dangjian check``, the build's messages for common mistakes, and a walkthrough.

Every mistake is made in a temporary copy of the repository and must come back as
``path:line: message`` naming exactly the file and line that is wrong, never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from conftest import run_dangjian, sphinx_build

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "contributor" / "105-jixi-excerpt.txt"
NEW = "105-jixi-excerpt"
CHROMIUM = Path("/usr/bin/chromium")


def copy_repo(dest: Path) -> Path:
    """The parts of the repository the checks and the build read (no build output, no generated pages)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "sources", dest / "sources")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("_build", "regions"))
    return dest


def reported(stderr: str) -> list[str]:
    """The ``path:line: message`` lines of a run (jieba's start-up chatter left out)."""
    return [line for line in stderr.splitlines() if line.startswith(("docs/", "sources/"))]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of ``path`` that contains ``text``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def glossary_size(root: Path) -> int:
    """Entries in the repository's glossary, counted apart from the checker that reports them."""
    text = (root / "docs/glossary/terms.yaml").read_text(encoding="utf-8")
    return sum(line.startswith("- term: ") for line in text.splitlines())


def page_count(root: Path) -> int:
    """The MyST pages the checker reads: docs/ without the generated region pages and builds."""
    return sum(
        1
        for p in (root / "docs").rglob("*.md")
        if not p.relative_to(root / "docs").parts[0].startswith(("_", "regions"))
    )


def test_check_passes_on_the_repository() -> None:
    result = run_dangjian("check", cwd=ROOT, script=True)
    assert result.returncode == 0, result.stderr
    assert glossary_size(ROOT) >= 130
    assert result.stdout.strip() == (
        f"dangjian check: no problems (5 sidecars, {page_count(ROOT)} pages, 5 sources, 5 articles, "
        f"{glossary_size(ROOT)} terms)"
    )


# -- one mistake at a time: what `dangjian check` says ----------------------------------------

Mistake = Callable[[Path], list[str]]

# Each mistake below edits the copy and returns the lines `dangjian check` must print for it. They
# share one shape on purpose (a deliberate look-alike): one case a function, each read on its own.


def malformed_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/001-jixi.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("  title: ")
    lines[2] = "  title: [鸡西 党建品牌创建"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [
        "docs/articles/001-jixi.md:4: front matter: malformed YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence on line 3)"
    ]


def wrong_type_in_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/001-jixi.md"
    edit(page, "  authors:\n  - 孙伟民\n", "  authors: 孙伟民\n")
    return [
        f"docs/articles/001-jixi.md:{line_of(page, '  authors: 孙伟民')}: article.authors: expected a list of text"
    ]


def unknown_key_in_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/003-yanbian.md"
    edit(page, "  rights: ''", "  right: ''")
    line = line_of(page, "  right: ''")
    known = (
        "title, original_title, publication, date, url, authors, province, city, county, "
        "script, rights, notes, editor, credits, photo_credit"
    )
    return [f"docs/articles/003-yanbian.md:{line}: article.right: unknown key (known: {known})"]


def impossible_date_in_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/002-jinzhou.md"
    edit(page, "  date: ''", "  date: 2023-02-30")
    return [
        f"docs/articles/002-jinzhou.md:{line_of(page, 'date: 2023')}: article.date: '2023-02-30' is not a calendar date"
    ]


def unknown_region_in_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/002-jinzhou.md"
    edit(page, "  city: 锦州市", "  city: 锦洲市")
    return [
        f"docs/articles/002-jinzhou.md:{line_of(page, 'city: 锦洲市')}: article.city: '锦洲市' is not in the "
        "gazetteer (docs/_data/gazetteer.yaml); add it there first"
    ]


def region_in_wrong_province(repo: Path) -> list[str]:
    sidecar = repo / "sources/002-jinzhou.meta.yaml"
    edit(sidecar, "city: 锦州市", "city: 鸡西市")
    return [
        f"sources/002-jinzhou.meta.yaml:{line_of(sidecar, '鸡西市')}: region.city: '鸡西市' is not in 辽宁省"
    ]


def bad_sidecar_date(repo: Path) -> list[str]:
    sidecar = repo / "sources/002-jinzhou.meta.yaml"
    edit(sidecar, 'date: ""', "date: 2023-13")
    return ["sources/002-jinzhou.meta.yaml:2: date: '2023-13' is not a calendar date"]


def unknown_sidecar_key(repo: Path) -> list[str]:
    sidecar = repo / "sources/002-jinzhou.meta.yaml"
    edit(sidecar, 'url: ""', 'link: ""')
    known = "publication, date, url, authors, region, script, rights, notes"
    return [f"sources/002-jinzhou.meta.yaml:3: unknown key 'link' (known: {known})"]


def sidecar_is_a_pipe(repo: Path) -> list[str]:
    """A named pipe nobody writes to: reading it would wait for ever, so it is never opened."""
    sidecar = repo / "sources/002-jinzhou.meta.yaml"
    sidecar.unlink()
    os.mkfifo(sidecar)
    return ["sources/002-jinzhou.meta.yaml:1: not a regular file"]


def sidecar_without_source(repo: Path) -> list[str]:
    (repo / "sources/006-xinwen.meta.yaml").write_text('date: "2024-05"\n', encoding="utf-8")
    return ["sources/006-xinwen.meta.yaml:1: no source beside it (expected sources/006-xinwen.txt or .md)"]


def source_without_page(repo: Path) -> list[str]:
    shutil.copy(FIXTURE, repo / "sources" / FIXTURE.name)
    return [
        f"sources/{FIXTURE.name}:1: no page in docs/articles/; run: dangjian convert sources/{FIXTURE.name}"
    ]


def page_without_source(repo: Path) -> list[str]:
    (repo / "sources/004-chifeng-wuhai.txt").unlink()
    (repo / "sources/004-chifeng-wuhai.meta.yaml").unlink()
    page = repo / "docs/articles/004-chifeng-wuhai.md"
    line = line_of(page, "  source: sources/")
    return [
        f"docs/articles/004-chifeng-wuhai.md:{line}: generated.source: sources/004-chifeng-wuhai.txt does not exist"
    ]


def duplicate_page(repo: Path) -> list[str]:
    copy = repo / "docs/articles/003-yanbian-copy.md"
    shutil.copy(repo / "docs/articles/003-yanbian.md", copy)
    line = line_of(copy, "  source: sources/")
    return [
        f"docs/articles/003-yanbian-copy.md:{line}: duplicate page: docs/articles/003-yanbian.md "
        "is already the page of sources/003-yanbian.txt"
    ]


def page_outside_toctrees(repo: Path) -> list[str]:
    (repo / "docs/topics/draft.md").write_text("# 草稿\n", encoding="utf-8")
    return [
        "docs/topics/draft.md:1: page is in no toctree: list it in a toctree, "
        "or add 'orphan: true' to its front matter"
    ]


def toctree_entry_without_page(repo: Path) -> list[str]:
    index = repo / "docs/topics/index.md"
    edit(index, "bianjing-dangjian\n", "bianjing-dangjian\nshequ-zhili\n")
    return [
        f"docs/topics/index.md:{line_of(index, 'shequ-zhili')}: toctree entry 'topics/shequ-zhili' names no page"
    ]


def glossary_alias_is_a_term(repo: Path) -> list[str]:
    glossary = repo / "docs/glossary/terms.yaml"
    entry = line_of(glossary, "- term: 包保")
    text = glossary.read_text(encoding="utf-8").splitlines()
    aliases = next(i for i in range(entry, len(text)) if text[i].startswith("  aliases:"))
    text[aliases] = "  aliases: [堡垒巩固工程]"
    glossary.write_text("\n".join(text) + "\n", encoding="utf-8")
    other = line_of(glossary, "- term: 堡垒巩固工程")
    return [
        f"docs/glossary/terms.yaml:{aliases + 1}: entry '包保': alias '堡垒巩固工程' is the term of "
        f"another entry (line {other})"
    ]


def unreadable_glossary_value(repo: Path) -> list[str]:
    glossary = repo / "docs/glossary/terms.yaml"
    entry = line_of(glossary, "- term: 包保")
    text = glossary.read_text(encoding="utf-8").splitlines()
    english = next(i for i in range(entry, len(text)) if text[i].startswith("  english:"))
    text[english] = "  english: !!bool maybe"
    glossary.write_text("\n".join(text) + "\n", encoding="utf-8")
    return [
        f"docs/glossary/terms.yaml:{english + 1}: english: cannot read this value ('maybe' is not a !!bool)"
    ]


def key_written_twice_in_front_matter(repo: Path) -> list[str]:
    """YAML keeps the last of two equal keys without a word; a correction made to the first is lost."""
    page = repo / "docs/articles/003-yanbian.md"
    edit(page, "  rights: ''\n", "  rights: ''\n  rights: 转载须经同意\n")
    first, second = line_of(page, "  rights: ''"), line_of(page, "  rights: 转载须经同意")
    return [
        f"docs/articles/003-yanbian.md:{second}: article.rights: written twice (first at line {first}); "
        "only the last is read, so remove one"
    ]


#: Deeper than MyST's pure-Python YAML reader can go (it recurses), within what ours reads.
DEEP = 600


def deeply_nested_front_matter(repo: Path) -> list[str]:
    page = repo / "docs/articles/001-jixi.md"
    edit(page, "  rights: ''", "  rights: " + "[" * DEEP + "]" * DEEP)
    return [
        f"docs/articles/001-jixi.md:{line_of(page, '  rights: [[[')}: article.rights: expected text, got list"
    ]


MISTAKES: list[Mistake] = [
    unreadable_glossary_value,
    deeply_nested_front_matter,
    malformed_front_matter,
    wrong_type_in_front_matter,
    unknown_key_in_front_matter,
    key_written_twice_in_front_matter,
    impossible_date_in_front_matter,
    unknown_region_in_front_matter,
    region_in_wrong_province,
    bad_sidecar_date,
    unknown_sidecar_key,
    sidecar_is_a_pipe,
    sidecar_without_source,
    source_without_page,
    page_without_source,
    duplicate_page,
    page_outside_toctrees,
    toctree_entry_without_page,
    glossary_alias_is_a_term,
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.__name__)
def test_check_names_file_and_line(repo: Path, mistake: Mistake) -> None:
    expected = mistake(repo)
    result = run_dangjian("check", cwd=repo, script=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert reported(result.stderr) == expected
    files = len({line.split(":", 1)[0] for line in expected})
    assert result.stderr.splitlines()[-1].startswith(
        f"dangjian check: {len(expected)} problem(s) in {files} file(s)"
    )


def test_make_check_runs_the_same_checks() -> None:
    """``make check`` is what ``make test`` and the pre-commit hook run."""
    result = subprocess.run(["make", "-s", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "dangjian check: no problems" in result.stdout


# -- the build: the same mistakes as the reader's preview reports them --------------------------


def test_build_reports_mistakes_at_their_line(repo: Path) -> None:
    """Malformed YAML, a key written twice, unknown directive, missing term, broken reference, duplicate
    page: one line each."""
    docs = repo / "docs"
    malformed_front_matter(repo)
    duplicate = duplicate_page(repo)[0]
    twice = key_written_twice_in_front_matter(repo)[0]  # after the copy, so only the original has it
    page = docs / "articles/002-jinzhou.md"
    body = page.read_text(encoding="utf-8").rstrip("\n").splitlines()
    start = len(body) + 2
    mistakes = [
        ":::{nosuchdirective}",
        ":::",
        "",
        "见 {terms:term}`网格党支布`。",
        "",
        "见 {doc}`../topics/shequ-zhili`。",
    ]
    page.write_text("\n".join([*body, "", *mistakes]) + "\n", encoding="utf-8")
    result = sphinx_build(docs, repo / "html")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "Exception occurred" not in output
    warnings = sorted(
        line.replace(f"{docs}/", "") for line in result.stderr.splitlines() if "WARNING" in line
    )
    dup_path, dup_line, _rest = duplicate.split(":", 2)
    twice_path, twice_line, twice_message = twice.split(":", 2)
    assert warnings == sorted(
        [
            "articles/001-jixi.md:4: WARNING: front matter: malformed YAML: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence on line 3) [dangjian.frontmatter]",
            f"articles/002-jinzhou.md:{start}: WARNING: Unknown directive type: 'nosuchdirective' "
            "[myst.directive_unknown]",
            f"articles/002-jinzhou.md:{start + 3}: WARNING: {{terms:term}}`网格党支布`: no glossary entry or "
            "alias '网格党支布' in glossary/terms.yaml; did you mean 网格党支部、网格(小区)党支部、网格员? [dangjian.term]",
            f"articles/002-jinzhou.md:{start + 5}: WARNING: unknown document: '../topics/shequ-zhili' [ref.doc]",
            f"{dup_path.removeprefix('docs/')}:{dup_line}: WARNING: duplicate page: articles/003-yanbian.md "
            "is already the page of sources/003-yanbian.txt [dangjian.duplicate]",
            f"{twice_path.removeprefix('docs/')}:{twice_line}: WARNING:{twice_message} [dangjian.frontmatter]",
        ]
    )


@pytest.mark.parametrize(
    ("rights", "problem"),
    [
        ("[" * DEEP + "]" * DEEP, "nested too deeply"),
        ("&x [*x]", "alias *x (write the value out)"),
        (
            "&a [" + ", ".join(["&b [&c [&d [&e [&f [0]]]]]"] + ["*f"] * 9) + "]",
            "alias *f (write the value out)",
        ),
    ],
    ids=["too-deep", "self-reference", "alias-bomb"],
)
def test_build_survives_front_matter_myst_cannot_read(repo: Path, rights: str, problem: str) -> None:
    """Too deep, MyST's YAML reader gives up with "Malformed YAML" on line 1; a page that holds
    itself, or an alias bomb, would break or swell the JSON stand-in: each is told at its line."""
    page = repo / "docs/articles/001-jixi.md"
    edit(page, "  rights: ''", f"  rights: {rights}")
    edit(page, "  date: ''", "  date: 2023-02-30")  # MyST's reader refuses it: the stand-in is needed
    result = sphinx_build(repo / "docs", repo / "html")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "RecursionError" not in output and "Exception occurred" not in output
    line = line_of(page, "  rights: ")
    warnings = [w.replace(f"{repo / 'docs'}/", "") for w in result.stderr.splitlines() if "WARNING" in w]
    assert f"articles/001-jixi.md:{line}: WARNING: front matter: {problem} [dangjian.frontmatter]" in warnings
    assert (repo / "html/articles/002-jinzhou.html").is_file(), "the other pages are built"


def test_term_role_accepts_aliases_and_traditional_forms(repo: Path) -> None:
    """A contributor may write the form the article uses; the link goes to the entry."""
    page = repo / "docs/articles/002-jinzhou.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n见 {terms:term}`網格黨支部`。\n",
        encoding="utf-8",
    )
    result = sphinx_build(repo / "docs", repo / "html")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((repo / "html/articles/002-jinzhou.html").read_text(encoding="utf-8"), "html.parser")
    mine = [p for p in soup.select("article.bd-article p") if p.get_text() == "见 網格黨支部。"]
    assert len(mine) == 1
    link = mine[0].select_one("a.reference")
    assert link.get_text() == "網格黨支部"
    assert link["href"].endswith("glossary/index.html#term-wangge-dangzhibu")


# -- import: what the converter found -------------------------------------------------------------


def test_import_prints_a_review_summary(repo: Path) -> None:
    shutil.copy(FIXTURE, repo / "sources" / FIXTURE.name)
    result = run_dangjian("convert", f"sources/{FIXTURE.name}", cwd=repo, script=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"created docs/articles/{NEW}.md"
    assert lines[1:7] == [
        "  script: simplified; pieces: 1; headings: 1; paragraphs: 5; captions: 1; editor's notes: 0",
        "  piece 1 (line 3): 鸡西 党建品牌创建 为发展聚人心添动力",
        "    byline: □本报记者 孙伟民",
        "    authors: 孙伟民",
        "    heading (line 17): 实施“金鸡堡垒”支部行动 打造高质量发展“红色引擎”",
        "  caption (line 11): 虎林市迎春镇西村菇娘种植户。",
    ]
    assert (
        "  region: 黑龙江省 › 鸡西市, read from the text (a sidecar that states it takes precedence)" in lines
    )
    assert "  unknown: publication, date, url, county" in result.stdout
    terms = next(line for line in lines if line.startswith("  glossary terms: "))
    assert "第一议题×2" in terms and "金鸡堡垒×3" in terms and "四学联动×1" in terms
    candidates = next(line for line in lines if line.startswith("  candidate new terms: "))
    assert "理论学习播报团 (1×, quoted, in 1 other article(s))" in candidates
    assert "第一议题" not in candidates  # already in the glossary
    assert lines[-1] == "dangjian convert: 1 source(s): 1 created"


# -- the walkthrough ------------------------------------------------------------------------------


def test_walkthrough_new_article_and_new_term(repo: Path) -> None:
    """Add a source and a term through the CLI; check, build with -W, find the term linked both ways."""
    shutil.copy(FIXTURE, repo / "sources" / FIXTURE.name)
    imported = run_dangjian("convert", f"sources/{FIXTURE.name}", cwd=repo, script=True)
    assert imported.returncode == 0, imported.stderr

    added = run_dangjian(
        "terms",
        "add",
        "理论学习播报团",
        "--category",
        "organisation",
        "--english",
        "theory-study broadcast team",
        "--pinyin",
        "lǐlùn xuéxí bōbàotuán",
        "--definition",
        "鸡西市直机关在线上打造的理论学习平台之一，与“微信课堂”并列。",
        "--source",
        "001-jixi",
        "--source",
        NEW,
        cwd=repo,
        script=True,
    )
    assert added.returncode == 0, added.stderr
    glossary = repo / "docs/glossary/terms.yaml"
    line = line_of(glossary, "- term: 理论学习播报团")
    assert added.stdout.splitlines()[0] == f"docs/glossary/terms.yaml:{line}: added 理论学习播报团"

    checked = run_dangjian("check", cwd=repo, script=True)
    assert checked.returncode == 0, checked.stderr
    assert f"6 sources, 6 articles, {glossary_size(ROOT) + 1} terms" in checked.stdout
    # No sidecar: the region is read from the text (鸡西市 four times, 虎林市 once in a caption),
    # and the page says it was read, not stated.
    front = (repo / f"docs/articles/{NEW}.md").read_text(encoding="utf-8").split("---")[1]
    assert "province: 黑龙江省" in front and "city: 鸡西市" in front and "county: ''" in front
    assert "地区据正文所列地名推定" in front

    built = sphinx_build(repo / "docs", repo / "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    html = repo / "html"
    page = BeautifulSoup((html / f"articles/{NEW}.html").read_text(encoding="utf-8"), "html.parser")
    links = [a for a in page.select("article.bd-article a.reference") if a.get_text() == "理论学习播报团"]
    assert links and links[0]["href"] == "../glossary/index.html#term-lilun-xuexi-bobaotuan"

    entry = BeautifulSoup(
        (html / "glossary/index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("#term-lilun-xuexi-bobaotuan")
    assert entry is not None
    backlinks = [a["href"].split("#")[0] for a in entry.select(".term-backlinks > li > p > a")]
    assert f"../articles/{NEW}.html" in backlinks and "../articles/001-jixi.html" in backlinks


def test_terms_add_refuses_and_writes_nothing(repo: Path) -> None:
    """A duplicate term, or an entry no cited article supports, leaves the glossary as it was."""
    glossary = repo / "docs/glossary/terms.yaml"
    before = glossary.read_bytes()
    common = ["--category", "mechanism", "--english", "x", "--definition", "文中所述。"]
    duplicate = run_dangjian(
        "terms", "add", "网格党支部", *common, "--source", "002-jinzhou", cwd=repo, script=True
    )
    assert duplicate.returncode == 1
    line = line_of(glossary, "- term: 网格党支部")
    assert reported(duplicate.stderr) == [
        f"docs/glossary/terms.yaml:{line}: 网格党支部 is already an entry; nothing written"
    ]
    unsupported = run_dangjian(
        "terms", "add", "楼道议事会", *common, "--source", "002-jinzhou", cwd=repo, script=True
    )
    assert unsupported.returncode == 1
    [problem] = reported(unsupported.stderr)
    assert re.fullmatch(
        r"docs/glossary/terms\.yaml:\d+: entry '楼道议事会': found in no article \(term and aliases\)",
        problem,
    )
    assert unsupported.stderr.splitlines()[-1] == "dangjian terms add: 楼道议事会 not added; nothing written"
    assert glossary.read_bytes() == before


# -- live preview ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(1)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)")
def test_make_preview_reloads_the_page_on_save(tmp_path: Path) -> None:
    """``make preview`` serves on 127.0.0.1; saving a page rebuilds it and the open browser tab reloads."""
    repo = copy_repo(tmp_path / "repo")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, repo / name)  # mtimes kept: the shared venv's stamp stays fresh
    port = _free_port()
    log = (tmp_path / "preview.log").open("w")
    cmd = ["make", "-s", "preview", f"PORT={port}", f"VENV={ROOT / '.venv'}", f"NODE={ROOT / 'tools/node'}"]
    server = subprocess.Popen(cmd, cwd=repo, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/topics/index.html"
    try:
        _wait_for(url, 180)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            assert page.locator("article h1").first.inner_text().startswith("专题")
            edit(repo / "docs/topics/index.md", "# 专题\n", "# 专题（预览）\n")
            # No page.reload(): the tab must reload by itself (sphinx-autobuild's websocket).
            page.wait_for_function(
                "document.querySelector('article h1') && document.querySelector('article h1')"
                ".textContent.includes('专题（预览）')",
                timeout=120_000,
            )
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    assert f"Serving on http://127.0.0.1:{port}" in (tmp_path / "preview.log").read_text(encoding="utf-8")


# -- git hooks ------------------------------------------------------------------------------------


def test_pre_commit_hooks_pass_and_catch_mistakes(tmp_path: Path) -> None:
    """The hooks in .pre-commit-config.yaml run for real: clean on the repository, loud on mistakes."""
    repo = copy_repo(tmp_path / "repo")
    for name in ("tools", "tests"):
        shutil.copytree(
            ROOT / name, repo / name, ignore=shutil.ignore_patterns("node_modules", "_output", "__pycache__")
        )
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy2(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    env = {**os.environ, "PRE_COMMIT_HOME": str(ROOT / ".venv" / "pre-commit-cache")}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    def hooks() -> subprocess.CompletedProcess[str]:
        cmd = [str(ROOT / ".venv/bin/pre-commit"), "run", "--all-files", "--color", "never"]
        return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, check=False)

    git("init", "-q")
    git("add", "-A")
    clean = hooks()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    for hook in ("ruff (lint)", "ruff (format)", "dangjian check"):
        assert re.search(rf"^{re.escape(hook)}.*Passed$", clean.stdout, re.MULTILINE), clean.stdout

    (repo / "tools/dangjian/unused.py").write_text("import os\n", encoding="utf-8")
    expected = malformed_front_matter(repo)
    git("add", "-A")
    dirty = hooks()
    assert dirty.returncode == 1
    assert "tools/dangjian/unused.py:1:8: F401" in dirty.stdout
    assert expected[0] in dirty.stdout

"""Hostile and malformed input: nothing injected, nothing lost, nothing outside the repository read.

``fixtures/hostile/cases.yaml`` lists hostile or malformed sources (raw HTML, MyST
directives and roles that include files, substitutions, math, broken encodings,
binary data, huge files, hostile file names, symbolic links out of the repository,
hostile Markdown front matter, …), each with the outcome it must have:

* **converted**: the source's text arrives intact.  Every converted case is written
  into one temporary copy of the repository, converted by the real ``dangjian
  convert`` and built by the real ``sphinx-build -W --keep-going -n``, with no
  warning; every ``shows`` string of the case then appears verbatim in the text of
  its page's ``<article>``, and the article holds no element the text created
  (``site_checks.foreign_elements``).  No page of the site holds a hostile tag
  unescaped, or a ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` link.
* **refused**: the refused cases are written into a second copy and converted in
  one run, which must print exactly each case's one-line error plus the summary
  line, exit 1, and write nothing: that copy is unchanged, file for file.

Both runs go through ``tests/audited.py``, which logs every file the interpreter
opens or lists.  Several sources point at a sentinel folder outside the repository
(``include`` and ``literalinclude`` by absolute and ``../`` path, symbolic links);
the sentinel string appears in no file of either copy, and the logs show that
nothing was opened outside the copy, the Python installation, the ``dangjian``
package, ``tests/`` and the time-zone database.  No source is modified.

Cases marked ``known_bug`` describe an outcome the converter does not give yet;
each runs alone (a crash must not hide the other cases) as a strict xfail.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

import dangjian
from conftest import python_module, run_command, run_dangjian, sphinx_args
from dangjian.convert.decode import MAX_SOURCE_BYTES
from site_checks import RAW_HTML_MARKERS, _squeeze, article_text, foreign_elements, without_headerlinks
from test_contributor import copy_repo

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "fixtures" / "hostile" / "cases.yaml"
AUDITED = ROOT / "tests" / "audited.py"
#: Written outside the repository; no file the converter or the build writes may hold it.
SENTINEL = "SENTINEL-7f3a9c2e-41b8-4d6f-a0e5-never-read-by-dangjian"
OUTSIDE_PLACEHOLDER = "{outside}"

MIN_CASES = 40
#: The fields a case may have (described at the top of the manifest).
CASE_FIELDS = {
    *("id", "category", "about", "file", "name_bytes", "text", "encoding", "newline", "hex", "generate"),
    *("symlink", "fifo", "also", "expect", "shows", "error", "read_as", "script", "hides", "known_bug"),
}
#: What the issue asks the corpus to hold (each is a case's ``category``).
REQUIRED_CATEGORIES = {
    "raw-html",
    "myst-directive",
    "myst-role",
    "substitution",
    "math",
    "footnote-link-ref",
    "pipe-table",
    "heading",
    "html-entity",
    "leading-dashes-txt",
    "front-matter-unknown-keys",
    "code-fence",
    "long-line",
    "near-limit",
    "huge-file",
    "empty",
    "whitespace-only",
    "binary",
    "nul-bytes",
    "invalid-utf8",
    "gb18030",
    "big5",
    "utf-16-le",
    "utf-16-be",
    "utf-16-bom",
    "utf-8-bom",
    "crlf-cr",
    "invisible-controls",
    "combining-marks",
    "compat-ideographs",
    "control-characters",
    "filename-space",
    "filename-chinese",
    "filename-dotdot",
    "filename-newline",
    "filename-not-utf8",
    "page-clash",
    "case-clash",
    "symlink-outside-sources",
    "symlink-outside-repo",
    "front-matter-alias-bomb",
    "front-matter-list-title",
    "front-matter-invalid-date",
    "front-matter-html-title",
    "front-matter-javascript-url",
    "javascript-text",
    "markdown-link",
    "myst-line-start",
}
#: Syntax the issue names; some case's text must contain each.
REQUIRED_SNIPPETS = [
    "<script>",
    "```{raw} html",
    "{include} /etc/passwd",
    "{literalinclude}",
    "{eval-rst}",
    ":::{include}",
    "{raw}`",
    "{doc}`",
    "{ref}`",
    "{{ ",
    "$x^2$",
    "$$",
    "[^1]",
    "[x]: http",
    "|---|",
    "&lt;script&gt;",
    "&#60;",
    "&amp;",
    "<!DOCTYPE html>",
    "<svg onload",
    "javascript:",
    "![x](/etc/passwd)",
    "(file:///etc/passwd)",
    "<http://",
    "(target)=",
    "% ",
    ":::\n",
    "\x0c",
    "\x0b",
    "\u2028",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "myst:",
    "substitutions:",
    "html_meta:",
]
#: Hostile markup of this corpus that must never reach any page unescaped (beyond RAW_HTML_MARKERS).
MARKERS = [
    *RAW_HTML_MARKERS,
    "<svg onload",
    "<title>伪造标题",
    "<p>正文第一段",
    'http-equiv="refresh"',
]
#: A link or resource by a scheme the site never links to.
BAD_URL = re.compile(
    r"""\b(?:href|src|srcset|action|formaction|xlink:href|poster|data)\s*=\s*["']?\s*"""
    r"(?:javascript|vbscript|file|data):",
    re.IGNORECASE,
)
#: Article pages 相关文章 may link to (siblings in articles/).
ARTICLE_PAGES = r"[\w.-]+"
#: stderr chatter of jieba (imported by the build and the glossary), not the converter's.
CHATTER = ("pkg_resources", "UserWarning")
#: What tests/audited.py logs.
AUDIT_EVENTS = ("open", "os.listdir", "os.scandir")
#: The progress ``dangjian convert`` shows on stderr when it converts many sources.
PROGRESS = re.compile(r"converting \d+/\d+")
#: The lock ``dangjian convert`` holds while it runs: the one file a refused run leaves.
LOCK_FILE = Path(".dangjian") / "convert.lock"


# ----------------------------------------------------------------------------- the manifest


@dataclass(frozen=True)
class Case:
    """One hostile source and the outcome it must have."""

    id: str
    categories: tuple[str, ...]
    about: str
    file: str  # the name as the manifest writes it
    expect: str  # "converted" or "refused"
    shows: tuple[str, ...]
    error: str
    known_bug: str
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        """The file name as the operating system gets it (undecodable bytes surrogate-escaped)."""
        if self.spec.get("name_bytes"):
            return os.fsdecode(self.file.encode("latin-1"))
        return self.file

    @property
    def shown(self) -> str:
        """How the converter names the file (``generated.source`` and messages)."""
        return f"sources/{self.name}"


def load_cases() -> list[Case]:
    entries = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    cases = []
    for entry in entries:
        category = entry["category"]
        cases.append(
            Case(
                id=entry["id"],
                categories=tuple(category) if isinstance(category, list) else (category,),
                about=entry["about"],
                file=entry["file"],
                expect=entry["expect"],
                shows=tuple(entry.get("shows", ())),
                error=entry.get("error", ""),
                known_bug=entry.get("known_bug", ""),
                spec=entry,
            )
        )
    return cases


CASES = load_cases()
CONVERTED = [c for c in CASES if c.expect == "converted" and not c.known_bug]
REFUSED = [c for c in CASES if c.expect == "refused" and not c.known_bug]
KNOWN_BUGS = [c for c in CASES if c.known_bug]


def _fill(text: str, outside: Path) -> str:
    return text.replace(OUTSIDE_PLACEHOLDER, str(outside))


def _encoded(spec: dict[str, Any], outside: Path) -> bytes:
    """The bytes of a file described by ``text`` (+ ``encoding``, ``newline``), ``hex`` or ``generate``."""
    if "hex" in spec:
        return bytes.fromhex("".join(spec["hex"].split()))
    if "generate" in spec:
        return b"".join(text.encode("utf-8") * count for text, count in spec["generate"])
    text = _fill(spec["text"], outside)
    newline = {"crlf": "\r\n", "cr": "\r", None: "\n"}[spec.get("newline")]
    return text.replace("\n", newline).encode(spec.get("encoding", "utf-8"))


def _write_file(sources: Path, name: str, spec: dict[str, Any], outside: Path) -> None:
    path = sources / name
    if spec.get("fifo"):
        os.mkfifo(path)
        return
    target = spec.get("symlink")
    if target is None:
        path.write_bytes(_encoded(spec, outside))
        return
    target = _fill(target, outside)
    if "text" in spec:  # a file elsewhere in the repository, reached through the link
        real = (sources / target).resolve()
        assert sources.parent.resolve() in real.parents, (
            f"{name}: a link target with text must be in the repo"
        )
        real.parent.mkdir(parents=True, exist_ok=True)
        real.write_bytes(_encoded(spec, outside))
    path.symlink_to(target)


def write_case(case: Case, repo: Path, outside: Path) -> None:
    sources = repo / "sources"
    _write_file(sources, case.name, case.spec, outside)
    for other in case.spec.get("also", ()):
        _write_file(sources, other["file"], other, outside)


def repo_with_cases(dest: Path, outside: Path, cases: list[Case]) -> Path:
    """A copy of the repository at ``dest`` with the sources of ``cases`` written into it."""
    repo = copy_repo(dest)
    for case in cases:
        write_case(case, repo, outside)
    return repo


# ----------------------------------------------------------------------------- running


def audited(log: Path) -> list[str]:
    """What goes before ``-m MODULE``: ``tests/audited.py LOG``, which logs every open of the run."""
    return [str(AUDITED), str(log)]


def convert(repo: Path, log: Path) -> subprocess.CompletedProcess[str]:
    return run_dangjian(
        "convert",
        "--root",
        str(repo),
        "-q",
        cwd=repo.parent,
        via=audited(log),
        timeout=900,
        errors="backslashreplace",
    )


def build(repo: Path, log: Path) -> subprocess.CompletedProcess[str]:
    cmd = python_module("sphinx", *sphinx_args(repo / "docs", repo / "_build" / "html"), via=audited(log))
    return run_command(cmd, cwd=repo.parent, timeout=900, errors="backslashreplace")


def reported(stderr: str) -> list[str]:
    """The converter's stderr lines, its progress lines and jieba's start-up chatter left out."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not PROGRESS.fullmatch(line) and not any(c in line for c in CHATTER)
    ]


def snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder``: a link's target (never followed), a file's SHA-256."""
    entries: dict[str, tuple[str, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[key] = ("link", os.readlink(path))
            elif path.is_fifo():  # never opened: nobody writes to it, a read would wait for ever
                entries[key] = ("fifo", "")
            elif path.is_file():
                entries[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return entries


def source_files(entries: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The entries of a snapshot that are sources: sources/, and extra/ where a source links to."""
    return {k: v for k, v in entries.items() if k.startswith(("sources/", "extra/"))}


@dataclass(frozen=True)
class Page:
    """An article page: its name (without ``.md``) and its front matter."""

    name: str
    front: dict[str, Any]


def pages_by_source(repo: Path) -> dict[str, Page]:
    """``generated.source`` of every article page → the page."""
    found: dict[str, Page] = {}
    for page in sorted((repo / "docs" / "articles").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        front = yaml.load(
            text[4 : text.index("\n---\n", 4)], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        source = (front.get("generated") or {}).get("source") if isinstance(front, dict) else None
        if source:
            assert source not in found, f"{source} has two pages: {found[source].name} and {page.stem}"
            found[source] = Page(page.stem, front)
    return found


def glossary_forms(repo: Path) -> set[str]:
    """Every form of every glossary term: what auto-linking may turn into a link."""
    entries = yaml.safe_load((repo / "docs" / "glossary" / "terms.yaml").read_text(encoding="utf-8"))
    forms: set[str] = set()
    for entry in entries:
        forms |= {entry["term"], entry.get("traditional") or entry["term"], *(entry.get("aliases") or [])}
    return forms


@dataclass
class ConvertedSite:
    repo: Path
    outside: Path
    log: Path
    pages: dict[str, Page]
    forms: set[str]
    sources_before: dict[str, tuple[str, str]]


@dataclass
class RefusedRun:
    repo: Path
    outside: Path
    log: Path
    result: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, str]]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the repository copies and, beside them, ``outside/secret.txt``."""
    base = tmp_path_factory.mktemp("hostile").resolve()
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SENTINEL}\n外部机密：绝不能出现在知识库里。\n", encoding="utf-8")
    return base


def _convert_and_build(repo: Path, log: Path) -> None:
    result = convert(repo, log)
    assert result.returncode == 0, f"convert failed:\n{result.stdout}\n{result.stderr}"
    assert reported(result.stderr) == [], result.stderr
    built = build(repo, log)
    assert built.returncode == 0, f"sphinx-build failed:\n{built.stdout[-3000:]}\n{built.stderr}"
    assert "WARNING" not in built.stderr, built.stderr


@pytest.fixture(scope="module")
def converted_site(world: Path) -> Iterator[ConvertedSite]:
    """Every converted case in one copy of the repository: converted, then built."""
    outside = world / "outside"
    repo = repo_with_cases(world / "converted", outside, CONVERTED)
    before = source_files(snapshot(repo))
    log = world / "converted-audit.log"
    _convert_and_build(repo, log)
    yield ConvertedSite(repo, outside, log, pages_by_source(repo), glossary_forms(repo), before)


@pytest.fixture(scope="module")
def refused_run(world: Path) -> Iterator[RefusedRun]:
    """Every refused case in a second copy, converted in one run."""
    outside = world / "outside"
    repo = repo_with_cases(world / "refused", outside, REFUSED)
    before = snapshot(repo)
    log = world / "refused-audit.log"
    result = convert(repo, log)
    yield RefusedRun(repo, outside, log, result, before)
    for case in REFUSED:  # the 20 MB file: no need to keep it among pytest's temporary folders
        if "generate" in case.spec:
            (repo / "sources" / case.name).unlink()


# ----------------------------------------------------------------------------- checks


def check_converted_case(
    case: Case, repo: Path, outside: Path, pages: dict[str, Page], forms: set[str]
) -> None:
    """The case's page shows every ``shows`` string and nothing its text created."""
    assert case.shown in pages, f"{case.id}: no page has generated.source {case.shown!r}"
    page = pages[case.shown].name
    front = pages[case.shown].front
    script = front["article"]["script"]
    assert script == case.spec.get("script", "simplified"), f"{case.id}: the page says the source is {script}"
    if "read_as" in case.spec:
        encoding = front["generated"]["encoding"]
        assert encoding == case.spec["read_as"], f"{case.id}: read as {encoding}"
    html = (repo / "_build" / "html" / "articles" / f"{page}.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
    assert isinstance(article, Tag), f"{case.id}: {page}.html has no <article class='bd-article'>"
    blocks = text_blocks(article)
    missing = [s for s in (_fill(s, outside) for s in case.shows) if s not in blocks]
    assert not missing, (
        f"{case.id} ({case.about}): not the whole text of a paragraph or heading of articles/{page}.html:\n"
        + "\n".join(f"  {s!r}" for s in missing)
        + "\n--- its paragraphs and headings ---\n"
        + "\n".join(repr(b[:300]) for b in blocks[:200])
    )
    squeezed = article_text(article)
    shown = [s for s in case.spec.get("hides", ()) if s in squeezed]
    assert not shown, f"{case.id}: the article shows {shown}"
    for part, count in case.spec.get("generate", ()):
        if count > 1:
            assert _squeeze(part) * count in squeezed, f"{case.id}: {part!r} × {count} is not all in the page"
    problems = foreign_elements(article, glossary_forms=forms, article_pages=ARTICLE_PAGES)
    assert not problems, f"{case.id}: elements the text created:\n" + "\n".join(problems)


def text_blocks(article: Tag) -> list[str]:
    """The text of every paragraph and heading of ``article``, as the reader sees it."""
    return [el.get_text() for el in without_headerlinks(article).select("p, h1, h2, h3")]


def refused_lines(cases: list[Case], outside: Path) -> list[str]:
    return [_fill(c.error, outside) for c in cases]


def summary_line(count: int) -> str:
    return f"dangjian convert: {count} source(s) refused; nothing written"


# ----------------------------------------------------------------------------- tests


def test_manifest_covers_the_issue() -> None:
    ids = [c.id for c in CASES]
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases; the issue asks for at least {MIN_CASES}"
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    names = [c.name for c in CASES] + [o["file"] for c in CASES for o in c.spec.get("also", ())]
    assert len(names) == len(set(names)), "two cases write the same file"
    missing = REQUIRED_CATEGORIES - {cat for c in CASES for cat in c.categories}
    assert not missing, f"no case for: {sorted(missing)}"
    for case in CASES:
        unknown = set(case.spec) - CASE_FIELDS
        assert not unknown, f"{case.id}: unknown fields {sorted(unknown)}"
        assert case.expect in ("converted", "refused"), f"{case.id}: expect is {case.expect!r}"
        if case.expect == "converted":
            assert case.shows and not case.error, f"{case.id}: a converted case lists what it shows"
        else:
            assert case.error and not case.shows, f"{case.id}: a refused case gives its error"
            assert "\n" not in case.error, f"{case.id}: an error is one line"
        sources = [k for k in ("text", "hex", "generate", "symlink", "fifo") if k in case.spec]
        assert sources, f"{case.id}: no content"
    texts = "\n".join(c.spec.get("text", "") for c in CASES)
    absent = [s for s in REQUIRED_SNIPPETS if s not in texts]
    assert not absent, f"no case's text holds: {absent}"
    sizes = {c.id: len(_encoded(c.spec, Path("/"))) for c in CASES if "generate" in c.spec}
    near = [
        i for i in CONVERTED if i.id in sizes and 0.9 * MAX_SOURCE_BYTES <= sizes[i.id] <= MAX_SOURCE_BYTES
    ]
    assert near, "a source just under the size limit, converted"
    huge = [c for c in CASES if sizes.get(c.id, 0) >= 20 * 1024 * 1024]
    assert huge and all(c.expect == "refused" for c in huge), "a 20 MB source, refused"
    encodings = {c.spec.get("encoding") for c in CASES}
    assert {"gb18030", "big5", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"} <= encodings


@pytest.mark.parametrize("case", CONVERTED, ids=[c.id for c in CONVERTED])
def test_converted_case_shows_its_text(case: Case, converted_site: ConvertedSite) -> None:
    site = converted_site
    check_converted_case(case, site.repo, site.outside, site.pages, site.forms)


def test_every_source_has_its_page(converted_site: ConvertedSite) -> None:
    """Nothing lost: every source of the copy (seeds and cases) became exactly one page."""
    seeds = {f"sources/{p.name}" for p in (ROOT / "sources").iterdir() if p.suffix == ".txt"}
    assert set(converted_site.pages) == seeds | {c.shown for c in CONVERTED}


def test_no_hostile_markup_anywhere_in_the_site(converted_site: ConvertedSite) -> None:
    html_root = converted_site.repo / "_build" / "html"
    problems = []
    for page in sorted(html_root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(html_root)
        for marker in MARKERS:
            at = html.find(marker)
            if at >= 0:
                problems.append(f"{where}: raw {marker!r}: …{html[max(0, at - 200) : at + 200]}…")
        for match in BAD_URL.finditer(html):
            problems.append(
                f"{where}: {match.group()!r}: …{html[max(0, match.start() - 200) : match.end() + 200]}…"
            )
    assert not problems, "\n".join(problems[:30])


def test_refused_sources_are_refused_exactly(refused_run: RefusedRun) -> None:
    result = refused_run.result
    assert result.returncode == 1, result.stdout + result.stderr
    lines = reported(result.stderr)
    expected = refused_lines(REFUSED, refused_run.outside)
    assert lines[-1:] == [summary_line(len(expected))], result.stderr
    assert sorted(lines[:-1]) == sorted(expected), result.stderr
    assert result.stdout == "", result.stdout


def test_refused_run_writes_nothing(refused_run: RefusedRun) -> None:
    after = snapshot(refused_run.repo)
    new = sorted(set(after) - set(refused_run.before) - {LOCK_FILE.parent.as_posix(), LOCK_FILE.as_posix()})
    changed = sorted(k for k in refused_run.before if after.get(k) != refused_run.before[k])
    assert not new and not changed, f"new: {new}\nchanged or removed: {changed}"


def test_oversized_sources_are_refused_unread(refused_run: RefusedRun) -> None:
    opened = _logged(refused_run.log)
    for case in REFUSED:
        if "bytes; the limit is" in case.error:
            path = str(refused_run.repo / "sources" / case.name)
            assert ("open", path) not in opened, f"{case.id}: {path} was opened"


def _logged(log: Path) -> set[tuple[str, str]]:
    """The (event, path) pairs of an audit log; a path may hold a line break (one case's name does)."""
    entries: list[tuple[str, str]] = []
    for line in log.read_text(encoding="utf-8").split("\n")[:-1]:
        event, tab, path = line.partition("\t")
        if tab and event in AUDIT_EVENTS:
            entries.append((event, path))
        else:
            assert entries, f"{log}: starts with {line!r}"
            entries[-1] = (entries[-1][0], f"{entries[-1][1]}\n{line}")
    return set(entries)


def test_no_outside_text_reaches_the_repository(
    converted_site: ConvertedSite, refused_run: RefusedRun
) -> None:
    """The sentinel (and /etc/passwd's first line) is in no page, HTML file, doctree or search index."""
    leaked = [SENTINEL.encode()]
    passwd = Path("/etc/passwd")
    if passwd.is_file() and (first := passwd.read_bytes().split(b"\n", 1)[0]):
        leaked.append(first)
    holders = []
    for repo in (converted_site.repo, refused_run.repo):
        for dirpath, _dirs, files in os.walk(repo):
            for name in files:
                path = Path(dirpath) / name
                if path.is_file() and not path.is_symlink():
                    data = path.read_bytes()
                    holders += [f"{path}: {s!r}" for s in leaked if s in data]
    assert not holders, "outside text reached the repository:\n" + "\n".join(holders)


def test_nothing_outside_the_repository_is_opened(
    converted_site: ConvertedSite, refused_run: RefusedRun
) -> None:
    """Convert and build open only the copy, the Python installation, the package, tests/ and zoneinfo."""
    outside = converted_site.outside
    allowed = [
        converted_site.repo,
        refused_run.repo,
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(dangjian.__file__).resolve().parents[1],
        ROOT / "tests",
        Path("/usr/share/zoneinfo"),
    ]
    allowed = [*allowed, *(p.resolve() for p in allowed)]
    for log, repo in ((converted_site.log, converted_site.repo), (refused_run.log, refused_run.repo)):
        logged = _logged(log)
        # The log is live: it shows the run reading the copy's sources.
        assert ("open", str(repo / "sources" / "000-tongjiang.txt")) in logged, f"{log} misses the sources"
        # The audit hook sees the path a run asks for; a link is judged by where it leads too.
        opened = {(event, Path(path), Path(os.path.realpath(path))) for event, path in logged}
        secret = sorted(
            f"{event} {path} -> {real}"
            for event, path, real in opened
            if outside in (path, *path.parents, real, *real.parents) or real == Path("/etc/passwd")
        )
        assert not secret, f"{log.name}: read the sentinel folder or /etc/passwd:\n" + "\n".join(secret)
        stray = sorted(
            f"{event} {path} -> {real}"
            for event, path, real in opened
            if not all(any(p == root or root in p.parents for root in allowed) for p in (path, real))
        )
        assert not stray, f"{log.name}: opened outside the repository and the installation:\n" + "\n".join(
            stray[:50]
        )


def test_sources_are_never_modified(converted_site: ConvertedSite, refused_run: RefusedRun) -> None:
    """Nothing lost: every source (and a linked file's target) is byte for byte as it was written."""
    assert source_files(snapshot(converted_site.repo)) == converted_site.sources_before
    assert source_files(snapshot(refused_run.repo)) == source_files(refused_run.before)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.known_bug)) for c in KNOWN_BUGS],
    ids=[c.id for c in KNOWN_BUGS],
)
def test_known_bug(case: Case, world: Path, tmp_path: Path) -> None:
    """A case the converter gets wrong today, alone in a copy: the outcome it must have."""
    outside = world / "outside"
    repo = repo_with_cases(tmp_path / "repo", outside, [case])
    log = tmp_path / "audit.log"
    if case.expect == "refused":
        result = convert(repo, log)
        assert result.returncode == 1, result.stdout + result.stderr
        assert reported(result.stderr) == [_fill(case.error, outside), summary_line(1)]
        return
    _convert_and_build(repo, log)
    check_converted_case(case, repo, outside, pages_by_source(repo), glossary_forms(repo))

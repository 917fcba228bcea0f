"""Run every check over a repository: the file reading, and the order problems are shown in.

The checks themselves are pure (:mod:`.frontmatter`, :mod:`.toctree`, the glossary's
:func:`~dangjian.glossary.check.check`, the sidecar parser); this module only feeds them files.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import SourceError
from ..facts.corrections import correction_problems
from ..glossary.check import check as check_glossary
from ..glossary.load import parse_glossary
from ..layout import ARTICLES, DOCS, GAZETTEER, GENERATED, GLOSSARY, SIDECAR_SUFFIX, SOURCES
from ..model import REGION_KEYS
from ..pages.frontmatter import FrontMatter
from ..pages.paragraphs import page_paragraphs, read_paragraphs
from ..pages.prose import prose_lines, read_articles
from ..pages.write import page_name
from ..regions.conform import article_problems, division_problems, gazetteer_codes
from ..regions.divisions import open_divisions
from ..regions.gazetteer import Gazetteer, parse_gazetteer, region_problems
from ..sources.files import find_sources, source_stem, unreadable_reason
from ..sources.sidecar import parse_sidecar
from ..text.yaml_nodes import compose, value_lines
from .frontmatter import check_page
from .toctree import toctree_problems


@dataclass
class Report:
    """What was checked and what is wrong."""

    problems: list[SourceError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def sorted(self) -> list[SourceError]:
        return sorted(self.problems, key=lambda p: (p.path, p.line or 0, p.message))


def _read(path: Path, shown: str, report: Report) -> str | None:
    if problem := unreadable_reason(path):  # never opened: a named pipe would be waited on for ever
        report.problems.append(SourceError(shown, problem, 1))
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        report.problems.append(SourceError(shown, f"not UTF-8 text (byte {exc.start})", 1))
    except OSError as exc:
        report.problems.append(SourceError(shown, f"cannot read it ({exc.strerror or exc})"))
    return None


def _exclude_patterns(conf: Path) -> list[str]:
    """``exclude_patterns`` of docs/conf.py, read without running it (a literal list)."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return ["_build"]
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "exclude_patterns" for t in node.targets
        ):
            try:
                return [str(p) for p in ast.literal_eval(node.value)]
            except ValueError:
                break
    return ["_build"]


def _gazetteer(root: Path, report: Report) -> Gazetteer | None:
    text = _read(root / GAZETTEER, GAZETTEER, report)
    if text is None:
        return None
    try:
        return parse_gazetteer(text, GAZETTEER)
    except SourceError as exc:
        report.problems.append(exc)
        return None


def check_sidecars(root: Path, gazetteer: Gazetteer | None, report: Report) -> None:
    """Each sidecar has a source, reads against the schema, and names places the gazetteer knows."""
    folder = root / SOURCES
    stems = {p.name.rsplit(".", 1)[0] for p in find_sources([folder], root)} if folder.is_dir() else set()
    sidecars = sorted(folder.glob(f"*{SIDECAR_SUFFIX}")) if folder.is_dir() else []
    report.counts["sidecars"] = len(sidecars)
    for path in sidecars:
        shown = f"{SOURCES}/{path.name}"
        if source_stem(path) not in stems:
            report.problems.append(
                SourceError(
                    shown, f"no source beside it (expected sources/{source_stem(path)}.txt or .md)", 1
                )
            )
        text = _read(path, shown, report)
        if text is None:
            continue
        try:
            meta = parse_sidecar(text, shown)
        except SourceError as exc:
            report.problems.append(exc)
            continue
        if gazetteer is not None:
            lines = value_lines(compose(text, shown))
            region = {key: getattr(meta, key) for key in REGION_KEYS}
            for key, message in region_problems(region, gazetteer).items():
                line = lines.get(("region", key), lines.get(("region",), 1))
                report.problems.append(SourceError(shown, f"region.{message}", line))


def _pages(root: Path) -> dict[str, Path]:
    """The MyST pages of docs/ by docname, as Sphinx will read them (generated folders left out)."""
    docs = root / DOCS
    patterns = _exclude_patterns(docs / "conf.py")
    pages: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(GENERATED) or any(
            fnmatchcase(rel, p) or rel.startswith(p.rstrip("/") + "/") for p in patterns
        ):
            continue
        pages[rel.removesuffix(".md")] = path
    return pages


def check_pages(
    root: Path, gazetteer: Gazetteer | None, report: Report
) -> dict[str, tuple[str, FrontMatter]]:
    """Front matter and toctrees of every page; returns the readable pages' text and front matter."""
    read: dict[str, tuple[str, FrontMatter]] = {}
    orphans: set[str] = set()
    for doc, path in _pages(root).items():
        shown = f"{DOCS}/{doc}.md"
        text = _read(path, shown, report)
        if text is None:
            continue
        fm, problems = check_page(text, shown, gazetteer)
        report.problems += problems
        read[doc] = (text, fm)
        if fm.data.get("orphan"):
            orphans.add(doc)
    report.counts["pages"] = len(read)
    for doc, line, message in toctree_problems(
        {d: text for d, (text, _fm) in read.items()}, orphans, generated=GENERATED
    ):
        report.problems.append(SourceError(f"{DOCS}/{doc}.md", message, line))
    return read


def check_pairs(root: Path, pages: dict[str, tuple[str, FrontMatter]], report: Report) -> None:
    """Every source has exactly one article page, named after it, and every article page a source."""
    sources = (
        {f"{SOURCES}/{p.name}": p for p in find_sources([root / SOURCES], root)}
        if (root / SOURCES).is_dir()
        else {}
    )
    report.counts["sources"] = len(sources)
    claimed: dict[str, str] = {}
    articles = 0
    for doc, (_text, fm) in sorted(pages.items()):
        if "article" not in fm.data or not isinstance(fm.data.get("generated"), dict):
            continue
        articles += 1
        shown = f"{DOCS}/{doc}.md"
        source = str(fm.data["generated"].get("source") or "")
        line = fm.line("generated", "source")
        if not source:
            continue  # reported by the front-matter schema
        if source not in sources:
            report.problems.append(SourceError(shown, f"generated.source: {source} does not exist", line))
            continue
        if source in claimed:
            report.problems.append(
                SourceError(shown, f"duplicate page: {claimed[source]} is already the page of {source}", line)
            )
            continue
        claimed[source] = shown
        expected = f"{ARTICLES}/{page_name(sources[source])}"
        if shown != expected:
            report.problems.append(
                SourceError(
                    shown,
                    f"the page of {source} must be {expected}; dangjian convert would write a second page there",
                    line,
                )
            )
    report.counts["articles"] = articles
    for source in sorted(set(sources) - set(claimed)):
        if (root / ARTICLES / page_name(sources[source])).exists():
            continue  # the page is there; its own front matter problem is reported
        report.problems.append(
            SourceError(source, f"no page in {ARTICLES}/; run: dangjian convert {source}", 1)
        )


def check_divisions(
    root: Path, gazetteer: Gazetteer | None, pages: dict[str, tuple[str, FrontMatter]], report: Report
) -> None:
    """The gazetteer against the national divisions, and what the divisions find in each article
    that its metadata or the gazetteer lack (a region left empty, a town or village not listed)."""
    if gazetteer is None:
        return
    try:
        divisions = open_divisions()
    except SourceError as exc:
        report.problems.append(exc)
        return
    report.problems += division_problems(gazetteer, divisions)
    known = set(gazetteer_codes(gazetteer, divisions).values())
    for doc, (text, fm) in sorted(pages.items()):
        meta = fm.data.get("article")
        if not isinstance(meta, dict):
            continue
        region = {key: str(meta.get(key) or "") for key in REGION_KEYS}
        prose = "\n".join(line.text for line in prose_lines(doc, text))
        report.problems += article_problems(f"{DOCS}/{doc}.md", region, prose, gazetteer, divisions, known)


def check_terms(root: Path, report: Report) -> None:
    """The glossary, exactly as ``dangjian terms check`` sees it."""
    text = _read(root / GLOSSARY, GLOSSARY, report)
    if text is None:
        return
    glossary, problems = parse_glossary(text, GLOSSARY)
    if glossary.entries or not problems:
        problems += check_glossary(glossary, read_articles(root / ARTICLES), read_paragraphs(root / ARTICLES))
    report.problems += problems
    report.counts["terms"] = len(glossary.entries)


def check_facts(pages: dict[str, tuple[str, FrontMatter]], report: Report) -> None:
    """Each page's ``facts:`` corrections: known kinds and fields, right types, paragraphs that exist."""
    for doc, (text, fm) in sorted(pages.items()):
        if "facts" not in fm.data:
            continue
        article = doc.rsplit("/", 1)[-1]
        anchors = {p.anchor for p in page_paragraphs(article, text) if p.anchor}
        report.problems += correction_problems(fm, f"{DOCS}/{doc}.md", article, anchors)


def check_repository(root: Path) -> Report:
    """Every check, over the repository at ``root``."""
    report = Report()
    gazetteer = _gazetteer(root, report)
    check_sidecars(root, gazetteer, report)
    pages = check_pages(root, gazetteer, report)
    check_pairs(root, pages, report)
    check_divisions(root, gazetteer, pages, report)
    check_terms(root, report)
    check_facts(pages, report)
    return report

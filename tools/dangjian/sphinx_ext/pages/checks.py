"""Contributor mistakes in a page's front matter, reported by the build at their line.

Runs on ``source-read``, before MyST parses the page.  MyST reports unreadable YAML
as "Malformed YAML" on line 1 and drops the whole front matter; this reports the line
and the reason, then hands MyST a stand-in with the same number of lines, so the
mistake is reported once and every later line number still matches the file:

- YAML that cannot be read at all becomes ``UNREADABLE: true``;
- YAML that only PyYAML's date reading refuses (``date: 2023-02-30``) becomes the same
  data as one line of JSON, dates kept as text, so the page still has its metadata.
"""

from __future__ import annotations

import json

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ...check.frontmatter import check_article
from ...errors import SourceError
from ...pages.frontmatter import read_front_matter, split_front_matter
from ...text.yaml_nodes import page_hazard

logger = logging.getLogger(__name__)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: ``env.temp_data`` key: the line of ``generated.source``, for the duplicate-page message
#: (kept while the page is read, so the front matter is parsed once).
SOURCE_LINE = "dangjian_source_line"
#: Front-matter key of the stand-in; the article directives stay silent when they see it.
UNREADABLE = "dangjian_unreadable_front_matter"


def _warn(docname: str, problem: SourceError) -> None:
    logger.warning(
        problem.message, location=(docname, problem.line or 1), type="dangjian", subtype="frontmatter"
    )


def stand_in(lines: list[str], data: dict | None) -> list[str]:
    """The page with its front matter replaced by ``data`` as JSON (or ``UNREADABLE: true``).

    Comment lines keep the front matter as long as it was.
    """
    front, start = split_front_matter(lines)
    first = json.dumps(data, ensure_ascii=False) if data is not None else f"{UNREADABLE}: true"
    filler = ["#"] * (len(front) - 1)
    return ["---", first, *filler, "---", *lines[start:]]


def unreadable(env: BuildEnvironment, docname: str) -> bool:
    """True when the page's front matter could not be read (and was reported)."""
    return bool(env.metadata.get(docname, {}).get(UNREADABLE))


def _myst_reads(text: str) -> bool:
    """Whether MyST's own ``yaml.safe_load`` accepts this front matter (asked of libyaml: faster)."""
    front, _start = split_front_matter(text.split("\n"))
    try:
        yaml.load("\n".join(front), Loader=_SAFE_LOADER)
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return True


def check_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about each front-matter problem of a MyST page at its line."""
    path = app.env.doc2path(docname)
    if path.suffix != ".md":
        return
    text = source[0]
    lines = text.split("\n")
    front, _start = split_front_matter(lines)
    if hazard := page_hazard("\n".join(front)):
        # Too deep, MyST's reader gives up with "Malformed YAML" on line 1; on a merge bomb it
        # hangs; a JSON stand-in can hold no tree that holds itself, and would write an alias
        # bomb out in full.  So the page is shown without its front matter, and told why.
        line, problem = hazard
        _warn(docname, SourceError(str(path), f"front matter: {problem}", line + 1))
        source[0] = "\n".join(stand_in(lines, None))
        return
    try:
        fm = read_front_matter(text, str(path))
    except SourceError as exc:
        _warn(docname, exc)
        source[0] = "\n".join(stand_in(lines, None))
        return
    app.env.temp_data[SOURCE_LINE] = fm.line("generated", "source")
    for problem in check_article(fm, str(path), None, complete=False):
        _warn(docname, problem)
    if fm.data and not _myst_reads(text):
        source[0] = "\n".join(stand_in(lines, fm.data))


def setup_page_checks(app: Sphinx) -> None:
    app.connect("source-read", check_front_matter)

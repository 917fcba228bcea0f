"""Which pages no toctree includes, and which toctree entries name no page, read from the MyST text.

Sphinx finds both only in a full build; reading the ``{toctree}`` fences directly
is enough for contributors' pages and takes milliseconds.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

_OPEN = re.compile(r"^(`{3,}|:{3,})\{toctree\}")
_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One toctree line of page ``doc``: the docname (or pattern) it names, and where."""

    doc: str
    target: str
    line: int
    glob: bool


def toctree_entries(doc: str, text: str) -> list[Entry]:
    """Every entry of every ``{toctree}`` in the page ``doc`` (a docname such as ``articles/index``)."""
    entries: list[Entry] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i].strip())
        i += 1
        if not opened:
            continue
        fence, body = opened.group(1), []
        while i < len(lines) and lines[i].strip() != fence:
            body.append((i + 1, lines[i].strip()))
            i += 1
        i += 1
        glob = any(text == ":glob:" for _n, text in body)
        for lineno, item in body:
            if not item or item.startswith(":") or item == "self" or _URL.match(item):
                continue
            explicit = _EXPLICIT.match(item)
            name = explicit.group(2) if explicit else item
            if _URL.match(name):
                continue
            name = name.removesuffix(".md")
            base = "" if name.startswith("/") else posixpath.dirname(doc)
            target = posixpath.normpath(posixpath.join(base, name.lstrip("/")))
            entries.append(Entry(doc, target, lineno, glob and any(c in name for c in "*?[")))
    return entries


def toctree_problems(
    pages: dict[str, str], orphans: set[str], root_doc: str = "index", generated: tuple[str, ...] = ()
) -> list[tuple[str, int, str]]:
    """``(docname, line, message)`` for pages outside every toctree and entries naming no page.

    ``pages`` maps docnames to text; docnames starting with a ``generated`` prefix are
    made at build time, so entries may name them even though they are not on disk.
    """
    entries = [entry for doc, text in pages.items() for entry in toctree_entries(doc, text)]
    included: set[str] = set()
    problems: list[tuple[str, int, str]] = []
    for entry in entries:
        if entry.glob:
            matched = {d for d in pages if d != entry.doc and fnmatchcase(d, entry.target)}
        else:
            matched = {entry.target} if entry.target in pages else set()
        included |= matched
        made = entry.target.startswith(generated) if generated else False
        if not matched and not made:
            what = "pattern" if entry.glob else "entry"
            problems.append((entry.doc, entry.line, f"toctree {what} {entry.target!r} names no page"))
    for doc in sorted(pages):
        if doc != root_doc and doc not in included and doc not in orphans:
            problems.append(
                (
                    doc,
                    1,
                    "page is in no toctree: list it in a toctree, or add 'orphan: true' to its front matter",
                )
            )
    return problems

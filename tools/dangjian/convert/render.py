"""Stage 7, render: an :class:`Article` → a MyST page.

Facts live once, in the YAML front matter (``article``, ``pieces``); the page body
holds the text, with ``{article-meta}`` and ``{piece-meta}`` directives where the
Sphinx extension shows those facts.  Every piece of source text goes through
:func:`escape`, so nothing in an article can become markup.  The front matter's
``generated`` block records hashes that let a re-run tell an untouched page from
one a contributor has edited.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict

import yaml

from .. import __version__
from ..model import Article, Block, Kind, Section
from ..text.escape import escape
from ..text.normalise import one_line
from .anchors import anchor_stem, unique_anchor

#: Heading shown for the traditional-script original of each section.
ORIGINAL_LABEL = "繁体原文"
#: Editor's marks the page shows in the text (a role, so that no source text is ever markup):
#: the source stops mid-sentence here.
CUT_OFF_MARK = "{editor-mark}`cut-off`"
#: A section printed after another piece opens with a note linking back to its own piece.
CONTINUED = "continued-from"
#: Title used when a source has none; the file name is added so it stays unique.
UNKNOWN_TITLE = "（标题不详）"

PAGE_HASH_FIELD = "page_sha256"
_PLAIN_OPTION = re.compile(r"[a-z][a-z0-9-]*")
_HASH_LINE = re.compile(rf"^(  {PAGE_HASH_FIELD}: )([0-9a-f]{{64}}|'')$", re.MULTILINE)


def page_title(article: Article) -> str:
    """The page's H1: the lead piece's title, else the metadata title."""
    if article.pieces and article.pieces[0].title:
        return article.pieces[0].title
    # A file name may hold a line break or a control character; a title is one line of text.
    return article.metadata.title or f"{UNKNOWN_TITLE} {one_line(article.source.rsplit('/', 1)[-1])}"


def front_matter(article: Article, source_sha256: str) -> dict:
    """The page's YAML front matter as a plain dict."""
    meta = asdict(article.metadata)
    meta["title"] = page_title(article)
    section_titles: dict[int, list[str]] = {}
    for section in article.sections:
        if section.title:
            section_titles.setdefault(section.piece, []).append(section.title)
    pieces = []
    for index, piece in enumerate(article.pieces):
        entry = {
            "title": piece.title,
            "subtitle": piece.subtitle,
            "kicker": piece.kicker,
            "bylines": piece.bylines,
            "dateline": piece.dateline,
            "authors": piece.authors,
            "line": piece.lineno,
        }
        if article.converted:
            entry["title_original"] = piece.title_original
        entry["sections"] = section_titles.get(index, [])
        pieces.append(entry)
    return {
        "article": meta,
        "pieces": pieces,
        "review": {
            "dropped": [{"line": d.lineno, "kind": d.kind} for d in article.dropped],
            "repairs": [{"line": r.lineno, "kind": r.kind, "detail": r.detail} for r in article.repairs],
        },
        "generated": {
            "by": f"dangjian {__version__}",
            "source": article.source,
            "encoding": article.encoding,
            "source_sha256": source_sha256,
            PAGE_HASH_FIELD: "",
        },
    }


def _fence(
    name: str,
    arg: str = "",
    options: dict[str, str] | None = None,
    body: list[str] | None = None,
    colons: int = 3,
) -> list[str]:
    """A colon-fenced directive.  Option values are source text, so they are quoted.

    A JSON string is a YAML double-quoted scalar, which MyST's option parser reads
    back verbatim: no newline, colon or bracket in a credit can break out of it.
    """
    fence = ":" * colons
    lines = [f"{fence}{{{name}}}" + (f" {arg}" if arg else "")]
    for key, value in (options or {}).items():
        shown = value if _PLAIN_OPTION.fullmatch(value) else json.dumps(value, ensure_ascii=False)
        lines.append(f":{key}: {shown}")
    if body:
        if options:
            lines.append("")
        lines += body
    lines.append(fence)
    return lines


def _paragraphs(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if out:
            out.append("")
        out.append(escape(text))
    return out


def _block(block: Block, anchors: set[str]) -> list[str]:
    if block.kind is Kind.CAPTION:
        options = {"credit": block.credit} if block.credit else None
        return _fence("photo-caption", options=options, body=[escape(block.text)])
    if block.kind is Kind.CREDIT:
        return _fence("photo-caption", options={"credit": block.text})
    if block.kind is Kind.NOTE:
        return _fence(
            "admonition", escape(block.label or "编者按"), {"class": "editor-note"}, [escape(block.text)]
        )
    anchor = unique_anchor(anchor_stem(block.text), anchors)
    return [f"{{#{anchor}}}", escape(block.text) + (CUT_OFF_MARK if block.cut_off else "")]


def _original(section: Section, title_original: str) -> list[str]:
    texts = [title_original] if title_original else []
    for block in section.blocks:
        texts += [block.original, block.credit_original]
    texts = [t for t in texts if t]
    if not texts:
        return []
    paragraphs = _paragraphs(texts)
    if section.blocks and section.blocks[-1].cut_off and section.blocks[-1].original == texts[-1]:
        paragraphs[-1] += CUT_OFF_MARK
    return _fence("dropdown", ORIGINAL_LABEL, {"class-container": "original-script"}, paragraphs, colons=4)


def _heading(article: Article, section: Section, shown: int) -> tuple[list[str], str]:
    """The lines that open ``section`` and its heading's original, given the piece ``shown`` last.

    A section printed after another piece's text is marked as its own piece's continuation:
    a note linking back, and for a piece after the lead a ``（续）`` heading at piece level, so
    that the section sits under its own piece in the doctree, not under the piece before it.
    """
    piece = article.pieces[section.piece]
    lead = section.piece == 0
    if not section.title:  # a piece's opening text
        if lead:
            return [], piece.title_original
        return ["", f"## {escape(piece.title)}", "", *_fence("piece-meta", str(section.piece + 1))], (
            piece.title_original
        )
    heading = ["", f"{'##' if lead else '###'} {escape(section.title)}"]
    if section.piece == shown:
        return heading, section.title_original
    note = ["", *_fence(CONTINUED, str(section.piece + 1))]
    if lead:
        return [*heading, *note], section.title_original
    return ["", f"## {escape(piece.title)}（续）", *note, *heading], section.title_original


def body(article: Article) -> str:
    """The MyST body of the page (everything after the front matter)."""
    out: list[str] = [f"# {escape(page_title(article))}", ""]
    out += _fence("article-meta")
    shown = 0
    anchors: set[str] = set()
    for section in article.sections:
        opening, title_original = _heading(article, section, shown)
        out += opening
        shown = section.piece
        for block in section.blocks:
            out.append("")
            out += _block(block, anchors)
        if article.converted:
            original = _original(section, title_original)
            if original:
                out.append("")
                out += original
    return "\n".join(out) + "\n"


#: libyaml's emitter is ~4x faster; it escapes characters outside the BMP ("\U0001F600"), which
#: reads back the same.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: dict) -> str:
    return yaml.dump(
        data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
    )


def page_hash(page: str) -> str:
    """Hash of a page with its own hash field blanked (so the hash can live inside it)."""
    blanked = _HASH_LINE.sub(lambda m: f"{m.group(1)}''", page, count=1)
    return hashlib.sha256(blanked.encode("utf-8")).hexdigest()


def recorded_hash(page: str) -> str | None:
    """The page hash recorded in a generated page's front matter, if any."""
    match = _HASH_LINE.search(page)
    return match.group(2) if match and match.group(2) != "''" else None


def render(article: Article, source_sha256: str) -> str:
    """The complete MyST page for ``article``, with its generation hash filled in."""
    page = f"---\n{_dump(front_matter(article, source_sha256))}---\n\n{body(article)}"
    digest = page_hash(page)
    return _HASH_LINE.sub(lambda m: f"{m.group(1)}{digest}", page, count=1)

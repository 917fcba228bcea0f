"""The converter pipeline: decode → normalise → script → chrome → segment → repair → render.

:func:`convert` chains the pure stages; it reads and writes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from ..errors import SourceError
from ..layout import MARKDOWN_SUFFIXES
from ..model import Article, Metadata, merge_metadata
from ..text.normalise import normalise
from .chrome import strip_chrome
from .decode import decode
from .markdown_input import markdown_structure, read_source_front_matter
from .render import render
from .repair import repair
from .script import convert_script
from .segment import segment


@dataclass(frozen=True)
class Conversion:
    """A converted source: the article model and its rendered page."""

    article: Article
    page: str
    source_sha256: str


def build_article(
    data: bytes, source: str, sidecar: Metadata | None = None, *, max_bytes: int | None = None
) -> Article:
    """Run every stage up to repair; ``source`` is the path shown in messages and metadata.

    ``max_bytes`` overrides the source size limit (benchmarks measure beyond it).
    """
    decoded = decode(data, source, max_bytes)
    text = decoded.text
    found = Metadata()
    first_lineno = 1
    hints: list[str] | None = None
    if source.lower().endswith(MARKDOWN_SUFFIXES):
        found, text, first_lineno = read_source_front_matter(text, source)
    lines = normalise(text)
    if not any(lines):
        raise SourceError(source, "no text: the file is empty or holds only spaces and invisible characters")
    if source.lower().endswith(MARKDOWN_SUFFIXES):
        lines, hints = markdown_structure(lines)
    numbered, script = convert_script(lines, hints, first_lineno)
    found = replace(found, script=script)
    chrome = strip_chrome(numbered, found)
    metadata = merge_metadata(chrome.metadata, sidecar or Metadata())
    article = segment(chrome.lines, metadata, source)
    if not article.pieces:
        raise SourceError(source, "no article text is left once the web-page chrome is removed")
    article.dropped = chrome.dropped
    article.encoding = decoded.encoding
    return repair(article)


def convert(
    data: bytes, source: str, sidecar: Metadata | None = None, *, max_bytes: int | None = None
) -> Conversion:
    """Convert one source's bytes into a MyST page (``max_bytes``: see :func:`build_article`)."""
    article = build_article(data, source, sidecar, max_bytes=max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    return Conversion(article, render(article, digest), digest)

"""The typed document model shared by every converter stage.

Each stage is a pure function from one of these values to the next; only the CLI
reads or writes files.  Every piece of text keeps the 1-based line of the source it
came from, so reviews and errors can point at ``path:line``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Line:
    """One line of the source after normalisation.

    ``text`` is simplified script; ``original`` is the line as the source wrote it
    (equal to ``text`` for simplified sources).  ``hint`` carries structure an
    input format states outright (``"title"`` or ``"heading"`` from Markdown).
    """

    lineno: int
    text: str
    original: str
    hint: str = ""


@dataclass(frozen=True)
class Dropped:
    """A source line removed as website chrome, kept for the review summary."""

    lineno: int
    kind: str
    text: str


@dataclass
class Metadata:
    """Facts about an article.  An empty value means "the source does not say"."""

    title: str = ""
    original_title: str = ""
    publication: str = ""
    date: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    province: str = ""
    city: str = ""
    county: str = ""
    script: str = ""
    rights: str = ""
    notes: str = ""
    editor: str = ""
    credits: str = ""
    photo_credit: str = ""


#: The metadata fields that place an article, largest first.
REGION_KEYS = ("province", "city", "county")


def merge_metadata(found: Metadata, sidecar: Metadata) -> Metadata:
    """Metadata found in the text, overridden field by field by a sidecar's non-empty values."""
    updates = {name: value for name, value in vars(sidecar).items() if value not in ("", [], None)}
    return replace(found, **updates)


class Kind(enum.Enum):
    """What a block of the page is, as recovered by the segment stage."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    KICKER = "kicker"
    SUBTITLE = "subtitle"
    NOTE_LABEL = "note-label"
    NOTE = "note"


@dataclass
class Block:
    """A unit of page text: one source line, or several joined by the repair stage."""

    kind: Kind
    text: str
    original: str
    lineno: int
    gap: int = 1
    credit: str = ""
    credit_original: str = ""
    label: str = ""
    continued_from: list[int] = field(default_factory=list)
    #: The source stops mid-sentence here (nothing to join it with): the page says so to readers.
    cut_off: bool = False


@dataclass
class Piece:
    """One story on a newspaper page."""

    title: str
    title_original: str
    lineno: int
    subtitle: str = ""
    kicker: str = ""
    bylines: list[str] = field(default_factory=list)
    dateline: str = ""
    authors: list[str] = field(default_factory=list)
    brief: bool = False


@dataclass
class Section:
    """A run of blocks under one heading, in document order.

    ``title`` is empty for the opening run of a piece (the text under the piece's
    own title).
    """

    piece: int
    title: str
    title_original: str
    lineno: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Repair:
    """A layout repair, recorded so a reviewer can check it."""

    lineno: int
    kind: str
    detail: str


@dataclass
class Article:
    """The whole converted source: metadata, pieces and sections in page order."""

    source: str
    metadata: Metadata
    pieces: list[Piece] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def converted(self) -> bool:
        """True when the source was in traditional script."""
        return self.metadata.script == "traditional"

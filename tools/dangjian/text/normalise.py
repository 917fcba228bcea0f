"""Stage 2, normalise: one kind of line ending, one kind of space, no invisible characters.

Line count is preserved (every source line stays a line, possibly empty) so that
later stages can report source line numbers.
"""

from __future__ import annotations

import re

# Removed outright: zero-width characters, BOMs inside the text, soft hyphen, and
# bidirectional controls and marks, U+061C included (they can make text display
# differently from what it says).
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Every horizontal space becomes U+0020: tab, NBSP, ideographic (full-width) space,
# the U+2000 family, narrow NBSP, medium mathematical space.
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Other C0/C1 controls (vertical tab, form feed, ESC of terminal colour codes, the
# separators, DEL, C1) carry no text.  Decoding refuses a source holding the rest of C0
# as binary; metadata from YAML escapes (``"\a"``) can still hold them, so all go.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_RUNS_OF_SPACE = re.compile(" {2,}")
#: What ends a line: LF, CRLF, CR, NEL and the Unicode line and paragraph separators.  YAML
#: counts lines the same way, so the line numbers of front matter and body agree.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def normalise_line(line: str) -> str:
    """Normalise one line: spaces unified and collapsed, indentation and invisibles removed."""
    line = _INVISIBLE.sub("", line)
    line = _CONTROLS.sub("", line)
    line = _SPACES.sub(" ", line)
    return _RUNS_OF_SPACE.sub(" ", line).strip()


def normalise(text: str) -> list[str]:
    """Split ``text`` into normalised lines (CRLF, CR, LS and PS all end a line)."""
    return [normalise_line(line) for line in LINE_BREAK.split(text)]


def one_line(text: str) -> str:
    """``text`` normalised into a single line (its line breaks become spaces), for a title."""
    return " ".join(line for line in normalise(text) if line)

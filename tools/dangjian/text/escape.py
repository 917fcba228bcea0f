"""Source text is data: make any text render literally in MyST.

CommonMark lets a backslash escape any ASCII punctuation, so every character
that could open inline syntax (emphasis, code, links, roles ``{…}``, HTML,
entities, math, substitutions) is escaped wherever it stands, and characters that
only matter at the start of a line (headings, lists, block quotes, MyST comments
``%``, targets ``(…)=``, colon fences, thematic breaks) are escaped there.
Paragraph text never contains a newline, so no block syntax can start mid-text.
"""

from __future__ import annotations

import re

# Escaped wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]<>{}$|~^&#])")
# Escaped only as the first character of a line.
_LINE_START = re.compile(r"^([-+=:%(>.)\"'/@;,]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Return MyST source that renders as exactly ``text`` (a single line)."""
    if "\n" in text or "\r" in text:
        raise ValueError("escape() takes one line of text")
    escaped = _INLINE.sub(r"\\\1", text)
    match = _LINE_START.match(escaped)
    if match:
        token = match.group(1)
        if token.isdigit():
            # "1. text" would start an ordered list: escape the delimiter instead.
            delim = escaped[len(token)]
            escaped = token + "\\" + delim + escaped[len(token) + 1 :]
        else:
            escaped = "\\" + escaped
    # Trailing spaces or a trailing backslash-space could make a hard break.
    return escaped.rstrip(" ")

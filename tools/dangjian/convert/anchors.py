"""Paragraph anchors: short, readable ids written into the page once, at import.

Citations (glossary definitions, topic pages, facts) point at paragraphs, so a paragraph's
id must not move when another paragraph is edited, added or removed, nor when the source is
imported again.  The converter therefore derives it from the paragraph's own opening — the
pinyin of its first few characters, ``凝聚稳边共识。…`` → ``p-ningjuwenbian`` — and writes it
into the page (``{#p-ningjuwenbian}`` above the paragraph); from then on it is the page's,
kept as written.  Two paragraphs of a page that open alike get ``-2``, ``-3`` in page order.
"""

from __future__ import annotations

import re

#: Every paragraph anchor starts so; nothing else on a page does.
PREFIX = "p-"
#: Chinese characters read into an anchor: enough to tell a page's paragraphs apart.
SYLLABLES = 4
#: What an anchor may be (a contributor's own included).
ANCHOR = re.compile(r"p-[a-z0-9][a-z0-9-]{0,48}")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9]+|[A-Za-z]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_TOKENS = 6


def anchor_stem(text: str) -> str:
    """The anchor a paragraph's opening gives, before it is made unique on its page."""
    from pypinyin import lazy_pinyin  # 0.3 s to import: only when a page is rendered

    parts: list[str] = []
    han = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if _HAN.fullmatch(token):
            parts.append(re.sub(r"[^a-z]", "", lazy_pinyin(token)[0].lower()) or "x")
            han += 1
        else:
            parts.append(token.lower()[:12])
        if han >= SYLLABLES or len(parts) >= _MAX_TOKENS:
            break
    return PREFIX + ("".join(parts)[:40] or "x")


def unique_anchor(stem: str, used: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` … whichever the page does not use yet (then used)."""
    anchor, n = stem, 1
    while anchor in used:
        n += 1
        anchor = f"{stem}-{n}"
    used.add(anchor)
    return anchor

"""Stage 3, script: traditional characters → simplified with OpenCC ``t2s``.

Conversion is line by line so each line keeps its original for the page's
"original text" view.  A source counts as traditional when enough of its
characters change; simplified sources pass through untouched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from ..model import Line

#: Share of hanzi that must change under t2s for a source to count as traditional.
#: Simplified text changes at well under 0.5 % (variants such as 著/着);
#: traditional text at 20–30 %.
TRADITIONAL_THRESHOLD = 0.05


#: Character ranges the browser's query map covers: CJK unified ideographs with extensions A
#: and B (compatibility ideographs are kept as written, in pages and queries alike).
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF))


def _opencc(config: str) -> opencc.OpenCC:
    """OpenCC's C++ converter (the ``opencc`` wheel: 30-60x the pure-Python port, see benchmarks/).

    Its "tofu risk" dictionaries map a few characters to rare code points most fonts lack
    (遱 → 𫐷); readers and the PDF's Noto CJK would see empty boxes, so they are off.
    """
    return opencc.OpenCC(config, include_tofu_risk_dictionaries=False)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return _opencc("t2s")


@lru_cache(maxsize=1)
def _reverse_converter() -> opencc.OpenCC:
    return _opencc("s2t")


def to_traditional(text: str) -> str:
    """OpenCC ``s2t``: a first guess at a term's traditional form, for a human to review."""
    return _reverse_converter().convert(text)


def t2s_character_map() -> dict[str, str]:
    """Every single CJK character t2s simplifies on its own, and what it becomes.

    For the browser: a search query in traditional script is simplified
    character by character before it is matched against the index.  One call
    converts every character, each on its own line (no phrase spans a newline).
    """
    chars = [chr(c) for low, high in _CJK_RANGES for c in range(low, high + 1)]
    simple = to_simplified("\n".join(chars)).split("\n")
    return {a: b for a, b in zip(chars, simple, strict=True) if a != b and len(b) == 1}


#: CJK compatibility ideographs (U+F900–U+FAFF and the supplement U+2F800–U+2FA1F).  A writer
#: who typed one chose that exact code point (a name, a variant glyph); t2s would rewrite it
#: (豈 U+F900 → 岂), so each is kept as it is, and only the text around it is converted.
_COMPATIBILITY = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f])")


def to_simplified(text: str) -> str:
    """Convert ``text`` to simplified script, keeping compatibility ideographs as written.

    The line is converted whole, each compatibility ideograph standing in as its unified
    character (its canonical form), so phrases across it convert as they should (乾隆 stays
    乾隆, where 乾 alone becomes 干); then the ideographs are put back.  When t2s changed the
    line's length (a phrase of another length), positions no longer match and the parts
    between the ideographs are converted on their own instead.
    """
    convert = _converter().convert
    if not _COMPATIBILITY.search(text):
        return convert(text)
    converted = convert(_COMPATIBILITY.sub(lambda m: unicodedata.normalize("NFC", m[0]), text))
    if len(converted) == len(text):
        out = list(converted)
        for match in _COMPATIBILITY.finditer(text):
            out[match.start()] = match[0]
        return "".join(out)
    parts = _COMPATIBILITY.split(text)  # with its group: text, ideograph, text, …
    return "".join(part if i % 2 else convert(part) for i, part in enumerate(parts))


_HANZI = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def _is_hanzi(ch: str) -> bool:
    return bool(_HANZI.match(ch))


def _changed_share(pairs: list[tuple[str, str]]) -> float:
    total = changed = 0
    for original, converted in pairs:
        total += len(_HANZI.findall(original))
        if original == converted:
            continue
        if len(converted) == len(original):
            changed += sum(1 for a, b in zip(original, converted, strict=True) if a != b)
        else:
            changed += sum(1 for c in original if _is_hanzi(c) and to_simplified(c) != c)
    return changed / total if total else 0.0


def convert_script(
    lines: list[str], hints: list[str] | None = None, first_lineno: int = 1
) -> tuple[list[Line], str]:
    """Number the lines, converting them to simplified if the source is traditional.

    Returns the lines and the source's script, ``"traditional"`` or ``"simplified"``.
    ``hints`` (one per line) and ``first_lineno`` come from formats with front matter.
    """
    hints = hints or [""] * len(lines)
    converted = [to_simplified(t) for t in lines]
    traditional = _changed_share(list(zip(lines, converted, strict=True))) >= TRADITIONAL_THRESHOLD
    texts = converted if traditional else lines
    numbered = [
        Line(first_lineno + i, text, original, hint)
        for i, (text, original, hint) in enumerate(zip(texts, lines, hints, strict=True))
    ]
    return numbered, "traditional" if traditional else "simplified"

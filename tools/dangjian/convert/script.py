"""Stage 3, script: traditional characters → simplified with OpenCC ``t2s``.

Conversion is line by line so each line keeps its original for the page's
"original text" view.  A source counts as traditional when enough of its
characters change; simplified sources pass through untouched.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from ..model import Line

#: Share of hanzi that must change under t2s for a source to count as traditional.
#: Simplified text changes at well under 0.5 % (variants such as 著/着);
#: traditional text at 20–30 %.
TRADITIONAL_THRESHOLD = 0.05


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _reverse_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """OpenCC ``s2t``: a first guess at a term's traditional form, for a human to review."""
    return _reverse_converter().convert(text)


def t2s_character_map() -> dict[str, str]:
    """Every single traditional character OpenCC simplifies, and what it becomes.

    For the browser: a search query in traditional script is simplified
    character by character before it is matched against the index.
    """
    from pathlib import Path

    table = Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"
    found: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        source = line.split("\t", 1)[0]
        if len(source) == 1:
            simple = to_simplified(source)
            if len(simple) == 1 and simple != source:
                found[source] = simple
    return found


def to_simplified(text: str) -> str:
    """Convert ``text`` to simplified script."""
    return _converter().convert(text)


def _is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _changed_share(pairs: list[tuple[str, str]]) -> float:
    total = changed = 0
    for original, converted in pairs:
        hanzi = sum(1 for c in original if _is_hanzi(c))
        total += hanzi
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

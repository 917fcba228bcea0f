"""Stage 3, script: traditional characters → simplified with OpenCC ``t2s`` and a residue table.

Conversion is line by line so each line keeps its original for the page's
"original text" view.  A source counts as traditional when enough of its
characters change; simplified sources pass through untouched.

Why ``t2s``: it reads every traditional convention (OpenCC's standard, Taiwan's and Hong
Kong's forms alike) and rewrites nothing that is already simplified.  ``tw2s`` and ``hk2s``
first map one region's variant forms to OpenCC's (``tw2s`` turns a lone simplified 么 into 幺)
and ``tw2sp``/``hk2sp`` also swap Taiwan's words for the mainland's (整合 → 集成, 线上 → 在线),
which corrupts mainland reporting.  What ``t2s`` leaves unsimplified in such text — 著 as the
particle zhe above all (忙著, 繞著走) — is fixed by ``data/t2s_residues.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

from ..model import Line

#: Share of hanzi that must change under t2s for a source to count as traditional.
#: Simplified text changes at well under 0.5 % (variant forms; 著 → 着 is not counted);
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


def parse_residues(text: str) -> dict[str, str]:
    """The entries of a residue table: ``FROM<TAB>TO`` lines, blank lines and ``#`` comments.

    Both sides must have the same length: the compatibility-ideograph path of
    :func:`to_simplified` and the glossary's matching rely on t2s's positions.
    """
    table: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or len(parts[0]) != len(parts[1]) or parts[0] in table:
            raise ValueError(f"t2s_residues.txt:{lineno}: not FROM<TAB>TO of one length, once: {line!r}")
        table[parts[0]] = parts[1]
    return table


@lru_cache(maxsize=1)
def residue_table() -> dict[str, str]:
    """``data/t2s_residues.txt``: what t2s leaves unsimplified, keyed as t2s writes it."""
    return parse_residues((Path(__file__).with_name("data") / "t2s_residues.txt").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _residue_pattern() -> re.Pattern[str]:
    """Every entry, longest first, so the longest entry at the leftmost position wins."""
    return re.compile("|".join(map(re.escape, sorted(residue_table(), key=lambda k: (-len(k), k)))))


def fix_residues(text: str) -> str:
    """Rewrite what t2s left unsimplified in ``text`` (t2s output) by the residue table."""
    table = residue_table()
    return _residue_pattern().sub(lambda m: table[m[0]], text)


def _t2s(text: str) -> str:
    """t2s, then the residue table: OpenCC's phrases know the particle only as 着, never 著."""
    return fix_residues(_converter().convert(text))


@lru_cache(maxsize=1)
def _contextual_characters() -> frozenset[str]:
    """Characters the table converts only by their neighbours: 著, which 著名 keeps.

    Each is a simplified character too, so neither the query map nor the script
    detection may treat it as traditional on its own.
    """
    table = residue_table()
    longer = "".join(k for k in table if len(k) > 1)
    return frozenset(k for k in table if len(k) == 1 and k in longer)


def _context_free_characters() -> dict[str, str]:
    """The table's single characters that convert whatever their neighbours (衞 → 卫)."""
    contextual = _contextual_characters()
    return {k: v for k, v in residue_table().items() if len(k) == 1 and k != v and k not in contextual}


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
    The residue table adds only its context-free characters: a query is typed in
    either script, and 著 alone may be the 著 of 著名, which simplified keeps.
    """
    chars = [chr(c) for low, high in _CJK_RANGES for c in range(low, high + 1)]
    simple = _converter().convert("\n".join(chars)).split("\n")
    found = {a: b for a, b in zip(chars, simple, strict=True) if a != b and len(b) == 1}
    return found | _context_free_characters()


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
    between the ideographs are converted on their own instead.  The residue table
    (``data/t2s_residues.txt``) runs over t2s's output, keeping its length.
    """
    convert = _t2s
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
    """Share of hanzi that conversion changed, not counting 著 → 着 (simplified writes 著 too)."""
    contextual = _contextual_characters()
    total = changed = 0
    for original, converted in pairs:
        total += len(_HANZI.findall(original))
        if original == converted:
            continue
        if len(converted) == len(original):
            changed += sum(
                1 for a, b in zip(original, converted, strict=True) if a != b and a not in contextual
            )
        else:
            changed += sum(
                1 for c in original if _is_hanzi(c) and c not in contextual and to_simplified(c) != c
            )
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

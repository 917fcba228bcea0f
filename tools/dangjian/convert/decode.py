"""Stage 1, decode: bytes as received → text, or a clear refusal.

Sources come from crawlers, copy-paste and old archives, so the encoding is
recognised rather than assumed: a BOM wins; then strict UTF-8; then UTF-16
without a BOM (recognised by its NUL bytes); then GB18030 and Big5, chosen by how
many common Chinese characters each reading gives.  Anything else is refused with
one line naming the file, before a single byte is written anywhere.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import SourceError

#: Largest source accepted, in bytes (2 MiB, about 700,000 Chinese characters).  The
#: seeds are 10–16 kB and a newspaper page rarely passes 60 kB.  Converting stays
#: linear well beyond this (20 MB in about 10 s, see benchmarks/sizes.md), but the
#: site does not: a 5 MB source took 95 s and 1 GB of memory to build into a 25 MB
#: HTML page nobody could read.  A larger file is a whole issue or an archive dump,
#: and is refused, unread, with a hint to split it.
MAX_SOURCE_BYTES = 2 * 1024 * 1024

#: Share of a legacy-encoded file's non-ASCII characters that must be common Chinese.
MIN_CHINESE_SCORE = 0.8

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that never appear in text (tab, LF, VT, FF, CR and ESC-free text aside).
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x7F}


@dataclass(frozen=True)
class Decoded:
    """Text of a source and the encoding it was read with."""

    text: str
    encoding: str


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "common_hanzi.txt"
    return frozenset(path.read_text(encoding="utf-8").strip())


def _score(text: str) -> float:
    """Share of non-ASCII characters that are common hanzi or CJK punctuation.

    ASCII is left out: text in another legacy encoding (Latin-1, Shift-JIS) is
    mostly ASCII and would otherwise pass as Chinese.  Private-use characters,
    which a wrong reading produces, score zero outright.
    """
    common = _common_hanzi()
    wide = [ch for ch in text if not ch.isascii()]
    if not wide or any("\ue000" <= ch <= "\uf8ff" for ch in wide):
        return 0.0
    good = sum(
        1
        for ch in wide
        if ch in common or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"
    )
    return good / len(wide)


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by NUL bytes falling on one side of each pair."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has a NUL in every pair; Chinese text has almost none,
    # so also accept a sample whose decoding is overwhelmingly common hanzi.
    candidates = []
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        candidates.append("utf-16-le")
    elif even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        candidates.append("utf-16-be")
    else:
        candidates += ["utf-16-le", "utf-16-be"]
    best: tuple[float, str] | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            continue
        score = _score(text)
        if score > 0.9 and (best is None or score > best[0]):
            best = (score, text)
    return best[1] if best else None


_BINARY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_BINARY_CONTROLS)) + "]")


def _looks_binary(text: str) -> bool:
    return _BINARY.search(text) is not None


def check_size(size: int, path: str, limit: int | None = None) -> None:
    """Refuse a source larger than ``limit`` (default :data:`MAX_SOURCE_BYTES`; the CLI asks before reading)."""
    limit = MAX_SOURCE_BYTES if limit is None else limit
    if size > limit:
        raise SourceError(
            path, f"file is {size:,} bytes; the limit is {limit:,} bytes (split it into articles)"
        )


def decode(data: bytes, path: str, limit: int | None = None) -> Decoded:
    """Decode ``data`` read from ``path``; raise :class:`SourceError` if it is not text.

    ``limit`` overrides :data:`MAX_SOURCE_BYTES` (benchmarks measure beyond it).
    """
    check_size(len(data), path, limit)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    path,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start + len(bom)})",
                ) from None
            return _checked(Decoded(text, encoding + ("-sig" if encoding == "utf-8" else "")), path)
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), path)
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(Decoded(text, "utf-16"), path)
        raise SourceError(path, "binary data (NUL bytes); not a text file")
    readings: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_score(text), encoding, text))
    if readings:
        score, encoding, text = max(readings)
        if score >= MIN_CHINESE_SCORE:
            return _checked(Decoded(text, encoding), path)
    line = data[:first_bad].count(b"\n") + 1
    raise SourceError(
        path,
        f"cannot decode: not UTF-8 (bad byte 0x{data[first_bad]:02x} at offset {first_bad}), "
        "UTF-16, GB18030 or Big5",
        line,
    )


def _checked(decoded: Decoded, path: str) -> Decoded:
    if _looks_binary(decoded.text):
        for lineno, line in enumerate(decoded.text.split("\n"), start=1):
            if _looks_binary(line):
                raise SourceError(path, "binary data (control characters); not a text file", lineno)
    return decoded

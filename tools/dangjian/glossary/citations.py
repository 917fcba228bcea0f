"""Claim-level citations in text: ``…。{para}`002-jinzhou#p-jinzhoushi```, and how well a paragraph fits.

The same role is written in ``terms.yaml`` definitions and in MyST pages, so contributors learn one
syntax.  A citation belongs to the sentence it ends (written right after the sentence's full stop);
several paragraphs are separated by ``;``.  Pure: the checks, ``terms cite`` and the site all use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: One citation as written; group 1 holds the targets (``article#p-anchor``, ``;``-separated).
ROLE = re.compile(r"\{para\}`([^`]*)`")
#: A sentence ends with one of these, and any closing quotes or brackets that follow.
SENTENCE_END = re.compile(r"[。！？][”’」』）)]*")
_TARGET = re.compile(r"^([0-9A-Za-z][\w-]*)#(p-[a-z0-9][a-z0-9-]*)$")
#: Characters the overlap ignores: punctuation and spaces carry no claim.
_SPACE = re.compile(r"\s*")
_NOISE = re.compile(r"[\s，。、；：！？“”‘’（）()《》〈〉「」『』—…·,.;:!?\"'\[\]【】-]")


@dataclass(frozen=True)
class Claim:
    """A stretch of text and the paragraphs cited at its end (none for an uncited last stretch)."""

    text: str
    targets: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text (counted by 。！？), its citations, and the offset it starts at."""

    text: str
    targets: tuple[str, ...]
    start: int
    end: int  # where the next sentence starts (its citations included here)


def split_targets(raw: str) -> tuple[str, ...]:
    """The targets of one role: ``a#p-x; b#p-y`` → (``a#p-x``, ``b#p-y``)."""
    return tuple(t.strip() for t in raw.split(";") if t.strip())


def parse_target(target: str) -> tuple[str, str] | None:
    """``002-jinzhou#p-jinzhoushi`` → (article, anchor); ``None`` when it is not of that shape."""
    found = _TARGET.match(target)
    return (found.group(1), found.group(2)) if found else None


def strip_roles(text: str) -> str:
    """``text`` as readers see it: the citations left out."""
    return ROLE.sub("", text)


def claims(text: str, lines: tuple[int, ...] = ()) -> tuple[Claim, ...]:
    """``text`` cut at each citation: every stretch with the targets that end it.

    ``lines`` gives the line each citation is written on (in order), for messages.
    """
    out: list[Claim] = []
    at = 0
    for i, found in enumerate(ROLE.finditer(text)):
        line = lines[i] if i < len(lines) else (lines[-1] if lines else 0)
        out.append(Claim(_after_role(text[at : found.start()], at), split_targets(found.group(1)), line))
        at = found.end()
    if at < len(text) or not out:
        out.append(Claim(_after_role(text[at:], at), (), lines[-1] if lines else 0))
    return tuple(c for c in out if c.text or c.targets)


def _after_role(stretch: str, at: int) -> str:
    """A stretch after a citation without the space written after it (``…。{para}`…` 乌海…``)."""
    return stretch.lstrip() if at else stretch


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (with roles), each with the citations written at its end."""
    out: list[Sentence] = []
    start = 0
    pos = 0
    while pos < len(text):
        role = ROLE.match(text, pos)
        if role:
            pos = role.end()
            continue
        end = SENTENCE_END.match(text, pos)
        if not end:
            pos += 1
            continue
        pos = end.end()
        while (after := ROLE.match(text, _SPACE.match(text, pos).end())) is not None:  # type: ignore[union-attr]
            pos = after.end()
        out.append(_sentence(text, start, pos))
        start = pos
    if strip_roles(text[start:]).strip():
        out.append(_sentence(text, start, len(text)))
    return out


def _sentence(text: str, start: int, end: int) -> Sentence:
    part = text[start:end]
    targets = tuple(t for found in ROLE.finditer(part) for t in split_targets(found.group(1)))
    return Sentence(strip_roles(part).strip(), targets, start, end)


def plain_sentences(text: str) -> list[str]:
    """The sentences of plain ``text`` (no roles), as printed."""
    return [s.text for s in sentences(text) if s.text]


def bigrams(text: str) -> set[str]:
    """The character bigrams of ``text`` (punctuation and spaces left out)."""
    bare = _NOISE.sub("", text)
    return {bare[i : i + 2] for i in range(len(bare) - 1)}


def overlap(claim: str, passage: str) -> float:
    """How much of ``claim`` ``passage`` says: the share of the claim's bigrams found in it."""
    mine = bigrams(claim)
    return len(mine & bigrams(passage)) / len(mine) if mine else 0.0


def best_sentence(claim: str, paragraph: str) -> str:
    """The sentence of ``paragraph`` that best supports ``claim``; its opening if none shares a word."""
    options = plain_sentences(paragraph) or [paragraph]
    scored = [(overlap(claim, s), -i, s) for i, s in enumerate(options)]
    best = max(scored)
    return best[2] if best[0] > 0 else options[0]


def rank_paragraphs(claim: str, paragraphs: Iterable[tuple[str, str]]) -> list[tuple[float, str]]:
    """(score, target) of each (target, text), best first, leaving out those that share nothing."""
    scored = [(overlap(claim, text), target) for target, text in paragraphs]
    return sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))


#: A further paragraph is proposed only if it adds this share of the claim's bigrams.
ADDS = 0.25
#: At most this many paragraphs are proposed for one sentence.
MOST = 3


def propose(claim: str, paragraphs: dict[str, str]) -> list[tuple[str, float]]:
    """The paragraphs (target → text) that together best cover ``claim``: greedy, best first.

    A sentence that joins two places' practices (``锦州…；乌海…``) gets one paragraph for each.
    """
    left = bigrams(claim)
    total = len(left)
    chosen: list[tuple[str, float]] = []
    while left and len(chosen) < MOST:
        gains = [(len(left & bigrams(text)), target) for target, text in paragraphs.items()]
        gains = [g for g in gains if g[1] not in {c[0] for c in chosen}]
        if not gains:
            break
        gain, target = min(gains, key=lambda g: (-g[0], g[1]))
        if gain == 0 or (chosen and gain / total < ADDS):
            break
        chosen.append((target, overlap(claim, paragraphs[target])))
        left -= bigrams(paragraphs[target])
    return chosen

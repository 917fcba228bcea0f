"""``dangjian terms check``: what is wrong with the glossary, each as ``path:line: message``."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping

from ..errors import SourceError
from ..pages.prose import TextLine
from .citations import Claim, parse_target
from .matcher import TermMatcher
from .model import Entry, Glossary

#: Each article's anchored paragraphs: article id → anchor → text.
Paragraphs = Mapping[str, Mapping[str, str]]

_SENTENCE_END = re.compile(r"[。！？!?]")
MAX_SENTENCES = 3
#: Quotes and brackets a definition may open with before its first word.
_OPENING_MARKS = "“”‘’「」《》（）()\"' "


def _file_order(glossary: Glossary) -> list[Entry]:
    """Entries as written (the glossary itself is in pinyin order): the later one is the problem."""
    return sorted(glossary.entries, key=lambda e: e.line)


def _entry_problem(path: str, entry: Entry, message: str, line: int) -> SourceError:
    """A problem of one entry, named by its term so the message reads without the file open."""
    return SourceError(path, f"entry {entry.term!r}: {message}", line)


def _unique_terms(path: str, entries: list[Entry], problems: list[SourceError]) -> dict[str, Entry]:
    """Each term → the entry that writes it first; a later entry with the same term is a problem."""
    terms: dict[str, Entry] = {}
    for entry in entries:
        first = terms.setdefault(entry.term, entry)
        if first is not entry:
            problems.append(
                SourceError(path, f"duplicate term {entry.term!r} (first at line {first.line})", entry.line)
            )
    return terms


def _alias_clash(entry: Entry, i: int, other: Entry | None, first: Entry) -> str | None:
    """What is wrong with the ``i``-th alias of ``entry``, if anything: one message an alias.

    ``other`` is the entry whose term it is, ``first`` the entry that gave it first as an alias.
    A repeat within the entry is told before a clash with another entry's term or alias.
    """
    alias = entry.aliases[i]
    if other is entry or alias in entry.aliases[:i]:
        return f"alias {alias!r} repeats the entry's own term or alias"
    if other is not None:
        return f"alias {alias!r} is the term of another entry (line {other.line})"
    if first is not entry:
        return f"alias {alias!r} is also an alias of {first.term!r} (line {first.line})"
    return None


def _names(glossary: Glossary, problems: list[SourceError]) -> None:
    """Terms and aliases name one entry each; anchors are unique."""
    path = glossary.path
    entries = _file_order(glossary)
    terms = _unique_terms(path, entries, problems)
    aliases: dict[str, Entry] = {}
    for entry in entries:
        for i, alias in enumerate(entry.aliases):
            first = aliases.setdefault(alias, entry)
            if clash := _alias_clash(entry, i, terms.get(alias), first):
                problems.append(_entry_problem(path, entry, clash, entry.line_of("aliases")))
    anchors: dict[str, Entry] = {}
    for entry in entries:
        other = anchors.setdefault(entry.anchor, entry)
        if other is not entry and other.term != entry.term:
            message = (
                f"anchor #{entry.anchor} is already used by {other.term!r} (line {other.line}); "
                "make the pinyin differ"
            )
            problems.append(_entry_problem(path, entry, message, entry.line_of("pinyin")))


def _sentences(text: str) -> int:
    """How many sentences ``text`` has (a last one without its full stop counts)."""
    return len(_SENTENCE_END.findall(text.rstrip("。！？!?") + "。"))


def _opens_with_term(entry: Entry, text: str) -> str:
    """The entry's own name ``text`` opens with (a circular definition), or ""."""
    opening = text.lstrip(_OPENING_MARKS)
    for name in (entry.term, *entry.aliases):
        bare = name.strip(_OPENING_MARKS)
        if len(bare) >= 2 and opening.startswith(bare):
            return name
    return ""


def _definition_problems(entry: Entry, text: str, what: str) -> list[str]:
    """What is wrong with one definition text (``what`` names it in the message)."""
    out = []
    sentences = _sentences(text)
    if text and sentences > MAX_SENTENCES:
        out.append(f"{what} has {sentences} sentences (at most {MAX_SENTENCES})")
    if text and (name := _opens_with_term(entry, text)):
        out.append(f"{what} opens with the term itself ({name!r}); say first what it is")
    return out


def _cited(sources: tuple[str, ...], articles: set[str], line: int) -> list[tuple[str, int]]:
    """A problem (message, line) for each cited article that is not in the corpus."""
    return [(f"cited article {a!r} does not exist", line) for a in sources if a not in articles]


def _sense_problems(entry: Entry, articles: set[str]) -> list[tuple[str, int]]:
    """Each sense: a definition of its own, cited articles that exist and the entry also cites."""
    out: list[tuple[str, int]] = []
    for i, sense in enumerate(entry.senses):
        what = f"senses[{i + 1}]"
        line = sense.line_of("sources")
        definition = f"{what}.definition"
        out += [
            (m, sense.line_of("definition"))
            for m in _definition_problems(entry, sense.definition, definition)
        ]
        out += [(f"{what}: {m}", n) for m, n in _cited(sense.sources, articles, line)]
        for article in sense.sources:
            if article in articles and article not in entry.sources:
                out.append((f"{what}: cites {article!r}, which the entry's sources do not list", line))
    return out


def _references(glossary: Glossary, articles: set[str], problems: list[SourceError]) -> None:
    """Related terms and cited articles exist; definitions are 1–3 sentences and not circular."""
    path, terms = glossary.path, glossary.terms()
    for entry in glossary.entries:
        found: list[tuple[str, int]] = []
        for name in entry.related:
            if name not in terms:
                found.append((f"related term {name!r} has no entry", entry.line_of("related")))
            elif name == entry.term:
                found.append(("lists itself as related", entry.line_of("related")))
        found += _cited(entry.sources, articles, entry.line_of("sources"))
        line = entry.line_of("definition")
        found += [(m, line) for m in _definition_problems(entry, entry.definition, "definition")]
        found += _sense_problems(entry, articles)
        problems.extend(_entry_problem(path, entry, message, at) for message, at in found)


def usage(glossary: Glossary, corpus: dict[str, list[TextLine]]) -> dict[str, dict[str, int]]:
    """How often each term is mentioned, per article (terms with no mention are absent)."""
    matcher = TermMatcher.from_glossary(glossary)
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, lines in corpus.items():
        for line in lines:
            for match in matcher.find(line.text):
                found[match.term][article] += 1
    return {term: dict(per) for term, per in found.items()}


def _usage(glossary: Glossary, corpus: dict[str, list[TextLine]], problems: list[SourceError]) -> None:
    """Every entry occurs in some article, and in each article it (or one of its senses) cites."""
    found = usage(glossary, corpus)
    for entry in glossary.entries:
        seen = found.get(entry.term, {})
        if not seen:
            message = "found in no article (term and aliases)"
            problems.append(_entry_problem(glossary.path, entry, message, entry.line))
            continue
        cited = [("", a, entry.line_of("sources")) for a in entry.sources]
        for i, sense in enumerate(entry.senses):
            cited += [(f"senses[{i + 1}]: ", a, sense.line_of("sources")) for a in sense.sources]
        for what, article, line in cited:
            if article in corpus and article not in seen:
                message = f"{what}cited article {article!r} does not mention it"
                problems.append(_entry_problem(glossary.path, entry, message, line))


def _closest(target: str, article: str, paragraphs: Paragraphs) -> str:
    """``(closest: …)`` for a target that does not exist: the nearest anchor of its article."""
    options = [f"{article}#{a}" for a in paragraphs.get(article, {})] or [
        f"{other}#{a}" for other, anchors in paragraphs.items() for a in anchors
    ]
    near = difflib.get_close_matches(target, options, n=1, cutoff=0.0)
    return f" (closest: {near[0]})" if near else ""


def _names_of(entry: Entry) -> tuple[str, ...]:
    """The forms a cited paragraph may write the term in."""
    return tuple(n for n in (entry.term, *entry.aliases, entry.traditional) if n)


def _claim_problems(
    entry: Entry, claim: Claim, sources: tuple[str, ...], what: str, paragraphs: Paragraphs | None
) -> list[str]:
    """What is wrong with the paragraphs one claim cites."""
    out = []
    for target in claim.targets:
        parsed = parse_target(target)
        if parsed is None:
            out.append(f"{what}: citation {target!r} is not of the form article#p-anchor")
            continue
        article, anchor = parsed
        if article not in sources:
            out.append(f"{what}: cites {target!r}, but {article!r} is not in its sources")
            continue
        if paragraphs is None:
            continue
        text = paragraphs.get(article, {}).get(anchor)
        if text is None:
            out.append(
                f"{what}: cited paragraph {target!r} does not exist{_closest(target, article, paragraphs)}"
            )
        elif not any(name in text for name in _names_of(entry)):
            names = "、".join(_names_of(entry))
            out.append(f"{what}: cited paragraph {target!r} does not contain the term ({names})")
    return out


def _citations(glossary: Glossary, paragraphs: Paragraphs | None, problems: list[SourceError]) -> None:
    """Each cited paragraph exists, is of an article the entry (or sense) cites, and names the term."""
    for entry in glossary.entries:
        parts = [("definition", entry.claims, entry.sources)]
        parts += [(f"senses[{i + 1}].definition", s.claims, s.sources) for i, s in enumerate(entry.senses)]
        for what, claims, sources in parts:
            for claim in claims:
                for message in _claim_problems(entry, claim, sources, what, paragraphs):
                    problems.append(_entry_problem(glossary.path, entry, message, claim.line or entry.line))


def check(
    glossary: Glossary, corpus: dict[str, list[TextLine]], paragraphs: Paragraphs | None = None
) -> list[SourceError]:
    """All problems of a loaded glossary against the article corpus, in file order.

    ``paragraphs`` (each article's anchored paragraphs) lets the definitions' citations be
    checked against the pages; without it only their form and articles are.
    """
    problems: list[SourceError] = []
    _names(glossary, problems)
    _references(glossary, set(corpus), problems)
    _usage(glossary, corpus, problems)
    _citations(glossary, paragraphs, problems)
    return sorted(problems, key=lambda p: p.line or 0)

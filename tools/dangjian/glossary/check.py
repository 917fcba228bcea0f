"""``dangjian terms check``: what is wrong with the glossary, each as ``path:line: message``."""

from __future__ import annotations

import re
from collections import defaultdict

from ..corpus import TextLine
from ..errors import SourceError
from .matcher import TermMatcher
from .model import Entry, Glossary

_SENTENCE_END = re.compile(r"[。！？!?]")
MAX_SENTENCES = 3


def _file_order(glossary: Glossary) -> list[Entry]:
    """Entries as written (the glossary itself is in pinyin order): the later one is the problem."""
    return sorted(glossary.entries, key=lambda e: e.line)


def _names(glossary: Glossary, problems: list[SourceError]) -> None:
    """Terms and aliases name one entry each; anchors are unique."""
    path = glossary.path
    terms: dict[str, Entry] = {}
    for entry in _file_order(glossary):
        first = terms.setdefault(entry.term, entry)
        if first is not entry:
            problems.append(
                SourceError(path, f"duplicate term {entry.term!r} (first at line {first.line})", entry.line)
            )
    aliases: dict[str, Entry] = {}
    for entry in _file_order(glossary):
        where = entry.line_of("aliases")
        for i, alias in enumerate(entry.aliases):
            other = terms.get(alias)
            first = aliases.setdefault(alias, entry)
            if other is entry or alias in entry.aliases[:i]:
                problems.append(
                    SourceError(
                        path,
                        f"entry {entry.term!r}: alias {alias!r} repeats the entry's own term or alias",
                        where,
                    )
                )
            elif other is not None:
                problems.append(
                    SourceError(
                        path,
                        f"entry {entry.term!r}: alias {alias!r} is the term of another entry (line {other.line})",
                        where,
                    )
                )
            elif first is not entry:
                problems.append(
                    SourceError(
                        path,
                        f"entry {entry.term!r}: alias {alias!r} is also an alias of {first.term!r} (line {first.line})",
                        where,
                    )
                )
    anchors: dict[str, Entry] = {}
    for entry in _file_order(glossary):
        other = anchors.setdefault(entry.anchor, entry)
        if other is not entry and other.term != entry.term:
            problems.append(
                SourceError(
                    path,
                    f"entry {entry.term!r}: anchor #{entry.anchor} is already used by {other.term!r} (line {other.line}); make the pinyin differ",
                    entry.line_of("pinyin"),
                )
            )


def _references(glossary: Glossary, articles: set[str], problems: list[SourceError]) -> None:
    """Related terms and cited articles exist; definitions are 1–3 sentences."""
    terms = glossary.terms()
    for entry in glossary.entries:
        for name in entry.related:
            if name not in terms:
                problems.append(
                    SourceError(
                        glossary.path,
                        f"entry {entry.term!r}: related term {name!r} has no entry",
                        entry.line_of("related"),
                    )
                )
            elif name == entry.term:
                problems.append(
                    SourceError(
                        glossary.path,
                        f"entry {entry.term!r}: lists itself as related",
                        entry.line_of("related"),
                    )
                )
        for article in entry.sources:
            if article not in articles:
                problems.append(
                    SourceError(
                        glossary.path,
                        f"entry {entry.term!r}: cited article {article!r} does not exist",
                        entry.line_of("sources"),
                    )
                )
        sentences = len(_SENTENCE_END.findall(entry.definition.rstrip("。！？!?") + "。"))
        if entry.definition and sentences > MAX_SENTENCES:
            problems.append(
                SourceError(
                    glossary.path,
                    f"entry {entry.term!r}: definition has {sentences} sentences (at most {MAX_SENTENCES})",
                    entry.line_of("definition"),
                )
            )


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
    """Every entry occurs in some article, and in each article it cites."""
    found = usage(glossary, corpus)
    for entry in glossary.entries:
        seen = found.get(entry.term, {})
        if not seen:
            problems.append(
                SourceError(
                    glossary.path, f"entry {entry.term!r}: found in no article (term and aliases)", entry.line
                )
            )
            continue
        for article in entry.sources:
            if article in corpus and article not in seen:
                problems.append(
                    SourceError(
                        glossary.path,
                        f"entry {entry.term!r}: cited article {article!r} does not mention it",
                        entry.line_of("sources"),
                    )
                )


def check(glossary: Glossary, corpus: dict[str, list[TextLine]]) -> list[SourceError]:
    """All problems of a loaded glossary against the article corpus, in file order."""
    problems: list[SourceError] = []
    _names(glossary, problems)
    _references(glossary, set(corpus), problems)
    _usage(glossary, corpus, problems)
    return sorted(problems, key=lambda p: p.line or 0)

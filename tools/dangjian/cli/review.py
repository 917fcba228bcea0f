"""What a contributor checks after importing an article: the converter's findings in one summary.

Pure: the caller hands in the converted article, its page text, the glossary and the
other pages; nothing here reads files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..facts.extract import facts_of_page
from ..facts.model import Facts
from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary
from ..glossary.suggest import suggest
from ..model import REGION_KEYS, Article, Kind
from ..pages.prose import TextLine, prose_lines
from ..regions.gazetteer import Gazetteer
from ..regions.infer import INFERRED_PREFIX

#: Metadata a reader expects on every article page; empty ones are listed as unknown.
EXPECTED = ("publication", "date", "url", "authors", "province", "city", "county")
#: Characters of a caption shown in the summary.
CAPTION_WIDTH = 40
#: How many candidate new terms to show.
CANDIDATES = 10
#: Characters of the people and events lines of the facts part.
FACTS_WIDTH = 160


@dataclass
class Context:
    """The glossary and the existing article pages (by article id) a new article is reviewed against."""

    glossary: Glossary
    corpus: dict[str, list[TextLine]] = field(default_factory=dict)


def terms_found(lines: list[TextLine], matcher: TermMatcher) -> Counter[str]:
    """How often each glossary term is mentioned in the page's prose."""
    return Counter(match.term for line in lines for match in matcher.find(line.text, traditional=True))


def candidate_terms(article_id: str, lines: list[TextLine], context: Context) -> list[str]:
    """Phrases mined from this article (alone or with the others) that the glossary lacks."""
    corpus = {**{k: v for k, v in context.corpus.items() if k != article_id}, article_id: lines}
    ranked = suggest(corpus, context.glossary, limit=0)
    fresh = [c for c in ranked if article_id in c.per_article and not c.known]
    # Quoted phrases and coinages jieba does not know are the likeliest terms of art.
    fresh.sort(key=lambda c: (not c.quoted, not c.novel))
    return [
        f"{c.text} ({c.per_article[article_id]}×{', quoted' if c.quoted else ''}"
        f"{f', in {c.articles - 1} other article(s)' if c.articles > 1 else ''})"
        for c in fresh[:CANDIDATES]
    ]


def _cut(text: str) -> str:
    return text if len(text) <= FACTS_WIDTH else text[:FACTS_WIDTH] + "…"


def facts_lines(facts: Facts) -> list[str]:
    """The facts the extractor proposes: counts, then the people and the events in one line each."""
    counts = ", ".join(f"{n} {kind}" for kind, n in facts.counts().items())
    people = "、".join(f"{p.name}（{p.role}）" for p in facts.people)
    events = "；".join(f"{e.date}：{e.what[len(e.date) :].lstrip('，,')[:20]}" for e in facts.events)
    return [
        f"  facts proposed: {counts} (correct a kind under facts: in the page's front matter)",
        f"    people: {_cut(people) or 'none'}",
        f"    events: {_cut(events) or 'none'}",
    ]


def review_lines(article: Article, article_id: str, page: str, context: Context | None) -> list[str]:
    """The summary printed by ``dangjian convert`` for a new or reviewed source."""
    blocks = [b for s in article.sections for b in s.blocks]
    kinds = Counter(b.kind for b in blocks)
    meta = article.metadata
    out = [
        f"  script: {meta.script}; pieces: {len(article.pieces)}; "
        f"headings: {sum(1 for s in article.sections if s.title)}; "
        f"paragraphs: {kinds[Kind.PARAGRAPH]}; captions: {kinds[Kind.CAPTION]}; "
        f"editor's notes: {kinds[Kind.NOTE]}",
    ]
    for n, piece in enumerate(article.pieces, start=1):
        out.append(f"  piece {n} (line {piece.lineno}): {piece.title or '(untitled)'}")
        if piece.dateline:
            out.append(f"    dateline: {piece.dateline}")
        for byline in piece.bylines:
            out.append(f"    byline: {byline}")
        if piece.authors:
            out.append(f"    authors: {'、'.join(piece.authors)}")
        for section in article.sections:
            if section.piece == n - 1 and section.title:
                out.append(f"    heading (line {section.lineno}): {section.title}")
    for block in blocks:
        if block.kind is Kind.CAPTION:
            text = block.text if len(block.text) <= CAPTION_WIDTH else block.text[:CAPTION_WIDTH] + "…"
            out.append(f"  caption (line {block.lineno}): {text}")
    for item in article.dropped:
        out.append(f"  dropped line {item.lineno} ({item.kind}): {item.text[:CAPTION_WIDTH]}")
    for rep in article.repairs:
        out.append(f"  repair line {rep.lineno}: {rep.kind}, {rep.detail}")
    if INFERRED_PREFIX in meta.notes:
        region = " › ".join(getattr(meta, key) for key in REGION_KEYS if getattr(meta, key))
        out.append(f"  region: {region}, read from the text (a sidecar that states it takes precedence)")
    unknown = [name for name in EXPECTED if not getattr(meta, name)]
    out.append(
        "  unknown: "
        + (
            ", ".join(unknown) + " (state them in a sidecar .meta.yaml only if a source says so)"
            if unknown
            else "nothing"
        )
    )
    out += facts_lines(facts_of_page(article_id, page, Gazetteer("", ())))  # places are the build's
    if context is not None:
        lines = prose_lines(article_id, page)
        found = terms_found(lines, TermMatcher.from_glossary(context.glossary))
        listed = "、".join(f"{term}×{n}" for term, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(f"  glossary terms: {listed or 'none'}")
        candidates = candidate_terms(article_id, lines, context)
        out.append("  candidate new terms: " + ("; ".join(candidates) if candidates else "none"))
        if candidates:
            out.append(
                "    (add one with: dangjian terms add TERM --category … --definition … --source "
                + article_id
                + ")"
            )
    return out

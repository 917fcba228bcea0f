"""``dangjian terms check|suggest|new``: the glossary's command line.  File I/O is here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..convert.script import to_traditional
from ..errors import SourceError
from ..glossary import pinyin as py
from ..glossary.check import check
from ..glossary.citations import best_sentence, propose, sentences
from ..glossary.edit import FIELDS, add_entry, set_citations
from ..glossary.load import parse_glossary
from ..glossary.model import CATEGORIES, Entry, Glossary
from ..glossary.suggest import RANKS, suggest
from ..layout import ARTICLES, GLOSSARY
from ..pages.paragraphs import read_paragraphs
from ..pages.prose import read_articles
from ..pages.write import write_atomic

#: Characters of context shown on each side of a suggested term.
CONTEXT = 16


def _paths(args: argparse.Namespace) -> tuple[Path, Path, str]:
    root = Path(args.root)
    glossary = Path(args.glossary) if args.glossary else root / GLOSSARY
    articles = Path(args.articles) if args.articles else root / ARTICLES
    try:
        shown = glossary.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        shown = glossary.as_posix()
    return glossary, articles, shown


def _load(path: Path, shown: str) -> tuple[Glossary, list[SourceError]]:
    if not path.is_file():
        return Glossary(shown, ()), [SourceError(shown, "no such glossary file")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Glossary(shown, ()), [SourceError(shown, f"not UTF-8 text ({exc.reason})")]
    return parse_glossary(text, shown)


def cmd_check(args: argparse.Namespace) -> int:
    path, articles, shown = _paths(args)
    glossary, problems = _load(path, shown)
    if glossary.entries or not problems:
        problems += check(glossary, read_articles(articles), read_paragraphs(articles))
    for problem in sorted(problems, key=lambda p: p.line or 0):
        print(problem, file=sys.stderr)
    if problems:
        print(f"dangjian terms check: {len(problems)} problem(s) in {shown}", file=sys.stderr)
        return 1
    print(f"{shown}: {len(glossary.entries)} entries, no problems")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    path, articles, shown = _paths(args)
    glossary, _problems = _load(path, shown)
    ranked = suggest(read_articles(articles), glossary, limit=args.limit, rank=args.rank)
    print("rank\tarticles\tcount\tglossary\tcandidate\tcontext")
    for rank, cand in enumerate(ranked, 1):
        mark = "yes" if cand.known else ""
        where = ""
        if cand.context:
            line = cand.context.text
            at = max(line.find(cand.text), 0)
            snippet = line[max(0, at - CONTEXT) : at + len(cand.text) + CONTEXT]
            where = f"{cand.context.article}:{cand.context.lineno}: …{snippet}…"
        text = f"“{cand.text}”" if cand.quoted else cand.text
        print(f"{rank}\t{cand.articles}\t{cand.count}\t{mark}\t{text}\t{where}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Print an entry skeleton for review: pinyin and traditional form are first guesses."""
    stub = {
        "term": args.term,
        "traditional": to_traditional(args.term),
        "pinyin": py.guess(args.term),
        "english": "",
        "category": "",
        "definition": "",
        "sources": [],
        "aliases": [],
        "related": [],
    }
    print("# check the pinyin (polyphones: 长 行 重 调 …) and the traditional form, then fill in the rest")
    print(yaml.safe_dump([stub], allow_unicode=True, sort_keys=False, default_flow_style=None), end="")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Add an entry; written only if the glossary then reads and checks clean for it."""
    path, articles, shown = _paths(args)
    fields = {
        "term": args.term,
        "traditional": args.traditional or to_traditional(args.term),
        "pinyin": args.pinyin or py.guess(args.term),
        "english": args.english,
        "category": args.category,
        "definition": args.definition,
        "sources": args.source,
        "aliases": args.alias,
        "related": args.related,
    }
    try:
        old = path.read_text(encoding="utf-8")
        new, line = add_entry(old, shown, fields)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{shown}: cannot read it ({exc})", file=sys.stderr)
        return 1
    except SourceError as exc:
        print(f"{exc}; nothing written", file=sys.stderr)
        return 1
    glossary, problems = parse_glossary(new, shown)
    problems += check(glossary, read_articles(articles), read_paragraphs(articles))
    entry = glossary.get(args.term)
    mine = [
        p for p in problems if entry is not None and entry.line <= (p.line or 0) < entry.line + len(FIELDS)
    ]
    if entry is None or mine:
        for problem in mine:
            print(problem, file=sys.stderr)
        print(f"dangjian terms add: {args.term} not added; nothing written", file=sys.stderr)
        return 1
    write_atomic(path, new)
    print(f"{shown}:{line}: added {args.term}")
    if not args.pinyin or not args.traditional:
        print(f"  review the guesses: pinyin {fields['pinyin']!r}, traditional {fields['traditional']!r}")
    return 0


def _proposals(
    glossary: Glossary, paragraphs: dict[str, dict[str, str]]
) -> Iterator[tuple[Entry, int, int, str, list[tuple[str, float]]]]:
    """For each uncited definition sentence: (entry, part, sentence index, text, proposals)."""
    for entry in glossary.entries:
        names = [n for n in (entry.term, *entry.aliases, entry.traditional) if n]
        parts = [(entry.cited or entry.definition, entry.sources)]
        parts += [(s.cited or s.definition, s.sources) for s in entry.senses]
        for part, (written, sources) in enumerate(parts):
            candidates = {
                f"{article}#{anchor}": text
                for article in sources
                for anchor, text in paragraphs.get(article, {}).items()
                if any(n in text for n in names)
            }
            for index, sentence in enumerate(sentences(written)):
                if sentence.text and not sentence.targets:
                    yield entry, part, index, sentence.text, propose(sentence.text, candidates)


def cmd_cite(args: argparse.Namespace) -> int:
    """Propose a paragraph for each uncited definition sentence; ``--write`` adds them (checked first)."""
    path, articles, shown = _paths(args)
    glossary, _problems = _load(path, shown)
    paragraphs = read_paragraphs(articles)
    wanted: dict[tuple[int, int], dict[int, tuple[str, ...]]] = {}
    for entry, part, index, text, found in _proposals(glossary, paragraphs):
        where = entry.line_of("definition") if part == 0 else entry.senses[part - 1].line_of("definition")
        what = "definition" if part == 0 else f"senses[{part}]"
        cites = "; ".join(f"{t} ({score:.2f})" for t, score in found) or "no paragraph names the term"
        print(f"{shown}:{where}: entry {entry.term!r}: {what} sentence {index + 1}: {text}\n  → {cites}")
        for target, _score in found:
            article, _, anchor = target.partition("#")
            print(f"    {target}: {best_sentence(text, paragraphs[article][anchor])}")
        if found:
            wanted.setdefault((entry.line, part), {})[index] = tuple(t for t, _s in found)
    if not args.write or not wanted:
        return 0
    old = path.read_text(encoding="utf-8")
    new = set_citations(old, shown, wanted)
    glossary, problems = parse_glossary(new, shown)
    problems += check(glossary, read_articles(articles), paragraphs)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("dangjian terms cite: the result would not pass terms check; nothing written", file=sys.stderr)
        return 1
    write_atomic(path, new)
    print(f"{shown}: {sum(len(v) for v in wanted.values())} citation(s) written")
    return 0


def add_terms_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    terms = sub.add_parser("terms", help="check the glossary, mine candidate terms, start an entry")
    actions = terms.add_subparsers(dest="action", required=True)
    for name, func, text in (
        ("check", cmd_check, "report glossary problems as path:line: message (exit 1 if any)"),
        ("suggest", cmd_suggest, "rank candidate terms mined from the articles"),
        ("cite", cmd_cite, "propose a paragraph for each uncited definition sentence (--write adds them)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("--root", default=".", help="repository root (default: current folder)")
        action.add_argument("--glossary", help=f"glossary file (default: ROOT/{GLOSSARY})")
        action.add_argument("--articles", help=f"article pages folder (default: ROOT/{ARTICLES})")
        action.set_defaults(func=func)
        if name == "cite":
            action.add_argument(
                "--write",
                action="store_true",
                help="add the proposals to the glossary if it then checks clean",
            )
        if name == "suggest":
            action.add_argument(
                "--limit", type=int, default=100, help="how many candidates (0: all; default 100)"
            )
            action.add_argument(
                "--rank",
                choices=RANKS,
                default="articles",
                help="articles: by the number of articles, then termhood (default); "
                "termhood: coinages of one article too (九有六无, 乡贤)",
            )
    add = actions.add_parser("add", help="add an entry to the glossary (checked before it is written)")
    add.add_argument("term", help="the term, in simplified characters")
    add.add_argument("--category", required=True, choices=sorted(CATEGORIES), help="kind of term")
    add.add_argument("--definition", required=True, help="1-3 sentences, saying only what the sources say")
    add.add_argument(
        "--source", action="append", required=True, help="id of an article that uses the term (repeatable)"
    )
    add.add_argument("--english", required=True, help="an English rendering")
    add.add_argument("--pinyin", default="", help="reading with tone marks (default: a guess to review)")
    add.add_argument("--traditional", default="", help="traditional form (default: OpenCC's, to review)")
    add.add_argument("--alias", action="append", default=[], help="another form of the term (repeatable)")
    add.add_argument("--related", action="append", default=[], help="a related entry's term (repeatable)")
    add.add_argument("--root", default=".", help="repository root (default: current folder)")
    add.add_argument("--glossary", help=f"glossary file (default: ROOT/{GLOSSARY})")
    add.add_argument("--articles", help=f"article pages folder (default: ROOT/{ARTICLES})")
    add.set_defaults(func=cmd_add)
    new = actions.add_parser("new", help="print a YAML skeleton for a new entry")
    new.add_argument("term", help="the term, in simplified characters")
    new.set_defaults(func=cmd_new)

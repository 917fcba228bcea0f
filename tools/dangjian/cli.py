"""The ``dangjian`` command line.  All file reading and writing of the converter is here."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import __version__
from .check.run import check_repository
from .convert.pipeline import Conversion, convert
from .corpus import read_articles
from .errors import SourceError
from .glossary.load import parse_glossary
from .layout import ARTICLES, GLOSSARY
from .model import Metadata
from .pages import Outcome, PagePlan, apply, page_name, plan
from .review import Context, review_lines
from .sidecar import parse_sidecar
from .sources import find_sources, sidecar_path
from .terms_cli import add_terms_parser

#: Show progress on stderr once a run converts at least this many sources.
PROGRESS_FROM = 20


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_source(path: Path, root: Path, shown: str) -> tuple[bytes, Metadata | None]:
    if not path.exists():
        raise SourceError(shown, "no such file")
    if not path.is_file():
        raise SourceError(shown, "not a regular file")
    real = _inside(path, root, shown)
    sidecar_file = sidecar_path(path)
    sidecar = None
    if sidecar_file.exists():
        sidecar_shown = _display(sidecar_file, root)
        sidecar_real = _inside(sidecar_file, root, sidecar_shown)
        sidecar = parse_sidecar(sidecar_real.read_text(encoding="utf-8"), sidecar_shown)
    return real.read_bytes(), sidecar


def _inside(path: Path, root: Path, shown: str) -> Path:
    """The real path of ``path``, refused if a link takes it outside the repository."""
    real = path.resolve()
    if root.resolve() not in real.parents:
        raise SourceError(shown, f"resolves outside the repository ({real}); refusing to read it")
    return real


def _review_context(root: Path) -> Context | None:
    """The glossary and the existing pages, for the import summary (``None`` when unreadable)."""
    path = root / GLOSSARY
    try:
        glossary, _problems = parse_glossary(path.read_text(encoding="utf-8"), GLOSSARY)
    except (OSError, UnicodeDecodeError):
        return None
    return Context(glossary, read_articles(root / ARTICLES))


def cmd_convert(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out_dir = Path(args.out) if args.out else root / "docs" / "articles"
    sources = find_sources([Path(p) for p in args.paths], root)
    errors: list[str] = []
    planned: list[tuple[Path, Conversion, PagePlan]] = []
    pages_seen: dict[str, str] = {}
    total = len(sources)
    for index, path in enumerate(sources, start=1):
        shown = _display(path, root)
        if total >= PROGRESS_FROM and (index % max(1, total // 10) == 0 or index == total):
            print(f"converting {index}/{total}", file=sys.stderr)
        try:
            name = page_name(path)
            if not name:
                raise SourceError(shown, "cannot make a page name from this file name")
            if name in pages_seen:
                raise SourceError(shown, f"maps to the same page {name} as {pages_seen[name]}")
            pages_seen[name] = shown
            data, sidecar = _read_source(path, root, shown)
            conversion = convert(data, shown, sidecar)
            planned.append((path, conversion, plan(out_dir / name, conversion.page, args.force)))
        except SourceError as exc:
            errors.append(str(exc))
        except OSError as exc:
            errors.append(f"{shown}: {exc.strerror or exc}")
    if errors:
        for line in errors:
            print(line, file=sys.stderr)
        print(f"dangjian convert: {len(errors)} source(s) refused; nothing written", file=sys.stderr)
        return 1
    counts: Counter[Outcome] = Counter()
    context: Context | None = None
    backup_dir = root / ".dangjian" / "backups"
    for _path, conversion, page_plan in planned:
        saved = apply(page_plan, backup_dir)
        counts[page_plan.outcome] += 1
        target = _display(page_plan.path, root)
        if page_plan.outcome is Outcome.KEPT:
            print(f"kept {target}: {page_plan.reason} (use --force to overwrite, with a backup)")
        elif page_plan.outcome is Outcome.FORCED:
            print(
                f"overwrote {target}: {page_plan.reason}; backup at {_display(saved, root) if saved else '-'}"
            )
        elif (page_plan.outcome is not Outcome.UNCHANGED and not args.quiet) or args.review:
            print(f"{page_plan.outcome.value} {target}")
        if args.review or (args.paths and not args.quiet):
            if context is None:
                context = _review_context(root)
            name = page_plan.path.stem
            print("\n".join(review_lines(conversion.article, name, conversion.page, context)))
    summary = ", ".join(f"{n} {o.value}" for o, n in counts.items())
    if not args.quiet:
        print(f"dangjian convert: {total} source(s): {summary or 'nothing to do'}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Every problem as ``path:line: message`` on stderr; exit 1 if there is any."""
    report = check_repository(Path(args.root))
    problems = report.sorted()
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = ", ".join(f"{n} {what}" for what, n in report.counts.items())
    if problems:
        files = len({p.path for p in problems})
        print(
            f"dangjian check: {len(problems)} problem(s) in {files} file(s) (checked {checked})",
            file=sys.stderr,
        )
        return 1
    print(f"dangjian check: no problems ({checked})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dangjian", description="Build the dangjian knowledge base.")
    parser.add_argument("--version", action="version", version=f"dangjian {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="convert sources into MyST article pages")
    conv.add_argument("paths", nargs="*", help="source files or folders (default: sources/)")
    conv.add_argument("--root", default=".", help="repository root (default: current folder)")
    conv.add_argument("--out", help="output folder (default: ROOT/docs/articles)")
    conv.add_argument("--force", action="store_true", help="overwrite edited pages (a backup is kept)")
    conv.add_argument("--review", action="store_true", help="print what was found in every source")
    conv.add_argument("-q", "--quiet", action="store_true", help="print only problems and kept pages")
    conv.set_defaults(func=cmd_convert)
    add_terms_parser(sub)
    chk = sub.add_parser("check", help="check sidecars, front matter, sources and pages, toctrees, glossary")
    chk.add_argument("--root", default=".", help="repository root (default: current folder)")
    chk.set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("dangjian: interrupted; every page is either as it was or fully written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The ``dangjian`` command line.  All file reading and writing of the converter is here."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from .. import __version__
from ..check.run import check_repository
from ..convert.decode import MAX_SOURCE_BYTES, check_size
from ..convert.pipeline import Conversion, convert
from ..convert.render import render
from ..errors import SourceError, printable_path
from ..glossary.load import parse_glossary
from ..layout import ARTICLES, BACKUPS, GLOSSARY, LOCK_FILE
from ..model import Metadata
from ..pages.frontmatter import read_front_matter as read_page_front_matter
from ..pages.prose import read_articles
from ..pages.write import Outcome, PagePlan, apply, page_name, plan, remove_stale_temporaries
from ..regions.divisions import Divisions, open_divisions
from ..regions.infer import with_region_from_text
from ..sources.files import find_sources, sidecar_path, unreadable_reason
from ..sources.sidecar import parse_sidecar
from .data import add_data_parser
from .review import Context, review_lines
from .run_guard import Interrupted, exclusive_run, say, signals_deferred, stop_signals_interrupt
from .terms import add_terms_parser

#: Show progress on stderr once a run converts at least this many sources.
PROGRESS_FROM = 20


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_source(path: Path, root: Path, shown: str) -> tuple[bytes, Metadata | None]:
    if problem := unreadable_reason(path):
        raise SourceError(shown, problem)
    real = _inside(path, root, shown)
    sidecar_file = sidecar_path(path)
    sidecar = None
    # A sidecar is optional, but one that is there and cannot be read would lose its facts.
    if sidecar_file.exists() or sidecar_file.is_symlink():
        sidecar_shown = _display(sidecar_file, root)
        if problem := unreadable_reason(sidecar_file):
            raise SourceError(sidecar_shown, problem)
        sidecar_real = _inside(sidecar_file, root, sidecar_shown)
        try:
            sidecar_text = sidecar_real.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(sidecar_shown, f"not UTF-8 (byte {exc.start})") from None
        sidecar = parse_sidecar(sidecar_text, sidecar_shown)
    # Size first: an oversized file is refused without being read into memory.
    check_size(real.stat().st_size, shown)
    with real.open("rb") as handle:
        data = handle.read(MAX_SOURCE_BYTES + 1)
    return data, sidecar


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


def _page_for(path: Path, shown: str, pages_seen: dict[str, tuple[str, str]]) -> str:
    """The page file name for ``path``, refused when it is unusable or clashes with another source's."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise SourceError(shown, "file name is not valid UTF-8; rename the file") from None
    name = page_name(path)
    if not name:
        raise SourceError(shown, "cannot make a page name from this file name")
    # Pages that differ only in letter case or Unicode form are one file on macOS and Windows.
    key = unicodedata.normalize("NFC", name).casefold()
    if key in pages_seen:
        other_name, other = pages_seen[key]
        if other_name == name:
            raise SourceError(shown, f"maps to the same page {name} as {other}")
        raise SourceError(
            shown,
            f"its page {name} and the page {other_name} of {other} differ only in letter case or "
            "Unicode form (one file on macOS and Windows); rename one of them",
        )
    pages_seen[key] = (name, shown)
    return name


def _check_owner(page: Path, shown: str, root: Path) -> None:
    """Refuse to plan over a page that another source, or a person, owns (``index.md``, a renamed source)."""
    if not page.exists():
        return
    target = _display(page, root)
    try:
        front = read_page_front_matter(page.read_text(encoding="utf-8", errors="replace"), target)
    except SourceError:
        return  # unreadable front matter: an edited page, which plan() keeps
    generated = front.data.get("generated")
    owner = generated.get("source") if isinstance(generated, dict) else None
    # An edited page may say anything here: only text names a source (a list nested deep, or an
    # alias bomb, would not even compare), and it is shown escaped, on one line.
    if not isinstance(owner, str) or not owner:
        raise SourceError(shown, f"its page {target} exists and was not made by convert; rename the source")
    if owner != shown:
        raise SourceError(
            shown, f"its page {target} is the page of {printable_path(owner)}; rename one of them"
        )


def _outside_root(paths: list[Path], root: Path) -> list[str]:
    """Lines for command-line paths that lie outside the repository (never listed or read)."""
    inside = root.resolve()
    return [
        f"{printable_path(str(p))}: outside the repository ({inside}); refusing to read it"
        for p in paths
        if p.resolve() != inside and inside not in p.resolve().parents
    ]


def cmd_convert(args: argparse.Namespace) -> int:
    root = Path(args.root)
    given = [Path(p) for p in args.paths]
    refused = _outside_root(given, root)
    if refused:
        say("\n".join(refused), sys.stderr)
        say(f"dangjian convert: {len(refused)} path(s) refused; nothing written", sys.stderr)
        return 1
    with stop_signals_interrupt(), exclusive_run(root / LOCK_FILE, "dangjian convert"):
        return _convert_locked(args, root, given)


class _LazyDivisions:
    """The national divisions, opened on first use: most sources state their region."""

    def __init__(self) -> None:
        self._divisions: Divisions | None = None

    def get(self) -> Divisions:
        if self._divisions is None:
            self._divisions = open_divisions()
        return self._divisions


def _region_from_text(conversion: Conversion, divisions: _LazyDivisions) -> Conversion:
    """The conversion with the region its text gives, when the source and sidecar state none."""
    meta = conversion.article.metadata
    if meta.province or meta.city or meta.county:
        return conversion
    article, inferred = with_region_from_text(conversion.article, divisions.get())
    if inferred is None:
        return conversion
    return Conversion(article, render(article, conversion.source_sha256), conversion.source_sha256)


def _convert_locked(args: argparse.Namespace, root: Path, given: list[Path]) -> int:
    out_dir = Path(args.out) if args.out else root / ARTICLES
    for stale in remove_stale_temporaries(out_dir) + remove_stale_temporaries(root / BACKUPS):
        say(f"removed {_display(stale, root)}, left by an interrupted run", sys.stderr)
    sources = find_sources(given, root)
    errors: list[str] = []
    planned: list[tuple[Path, Conversion, PagePlan]] = []
    pages_seen: dict[str, tuple[str, str]] = {}
    divisions = _LazyDivisions()
    total = len(sources)
    for index, path in enumerate(sources, start=1):
        shown = _display(path, root)
        if total >= PROGRESS_FROM and (index % max(1, total // 10) == 0 or index == total):
            say(f"converting {index}/{total}", sys.stderr)
        try:
            name = _page_for(path, shown, pages_seen)
            data, sidecar = _read_source(path, root, shown)
            conversion = _region_from_text(convert(data, shown, sidecar), divisions)
            _check_owner(out_dir / name, shown, root)
            planned.append((path, conversion, plan(out_dir / name, conversion.page, args.force)))
        except SourceError as exc:
            errors.append(str(exc))
        except OSError as exc:
            errors.append(f"{printable_path(shown)}: {exc.strerror or exc}")
    if errors:
        for line in errors:
            say(line, sys.stderr)
        say(f"dangjian convert: {len(errors)} source(s) refused; nothing written", sys.stderr)
        return 1
    counts: Counter[Outcome] = Counter()
    context: Context | None = None
    backup_dir = root / BACKUPS
    for _path, conversion, page_plan in planned:
        # A stop signal waits until this page (and its backup) is fully written.
        with signals_deferred():
            saved = apply(page_plan, backup_dir)
        counts[page_plan.outcome] += 1
        target = _display(page_plan.path, root)
        if page_plan.outcome is Outcome.KEPT:
            say(f"kept {target}: {page_plan.reason} (use --force to overwrite, with a backup)")
        elif page_plan.outcome is Outcome.FORCED:
            say(
                f"overwrote {target}: {page_plan.reason}; backup at {_display(saved, root) if saved else '-'}"
            )
        elif (page_plan.outcome is not Outcome.UNCHANGED and not args.quiet) or args.review:
            say(f"{page_plan.outcome.value} {target}")
        if args.review or (args.paths and not args.quiet):
            if context is None:
                context = _review_context(root)
            name = page_plan.path.stem
            say("\n".join(review_lines(conversion.article, name, conversion.page, context)))
    summary = ", ".join(f"{n} {o.value}" for o, n in counts.items())
    if not args.quiet:
        say(f"dangjian convert: {total} source(s): {summary or 'nothing to do'}")
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
    add_data_parser(sub)
    chk = sub.add_parser("check", help="check sidecars, front matter, sources and pages, toctrees, glossary")
    chk.add_argument("--root", default=".", help="repository root (default: current folder)")
    chk.set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt as exc:
        stopped = f" by {exc}" if isinstance(exc, Interrupted) else ""
        try:
            sys.stdout.flush()  # what was said before the stop comes before the stop message
        except OSError:
            pass
        say(f"dangjian: interrupted{stopped}; every page is either as it was or fully written", sys.stderr)
        return exc.exit_code if isinstance(exc, Interrupted) else 130


if __name__ == "__main__":
    sys.exit(main())

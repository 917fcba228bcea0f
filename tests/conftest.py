"""Shared fixtures: the repository, and real Sphinx builds of freshly converted seeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dangjian.convert.pipeline import Conversion, convert
from dangjian.pages.write import page_name
from dangjian.sources.files import find_sources, sidecar_path
from dangjian.sources.sidecar import parse_sidecar

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
SEEDS = [p.name.removesuffix(".txt") for p in sorted(SOURCES.glob("0*.txt"))]
#: The console script the package installs: what a contributor types as ``dangjian``.
DANGJIAN_SCRIPT = Path(sys.executable).with_name("dangjian")


def pytest_configure(config: pytest.Config) -> None:
    """Tools the tests run print plain text whatever the caller's terminal settings.

    CI machines may set ``FORCE_COLOR``; Sphinx, ruff and pre-commit then wrap each line
    in ANSI codes and every assertion on their output would compare escape sequences.
    """
    os.environ.pop("FORCE_COLOR", None)
    os.environ.pop("FORCE_COLOUR", None)
    os.environ["NO_COLOR"] = "1"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test projects for ``@pytest.mark.sphinx(testroot=...)``."""
    return Path(__file__).parent / "roots"


def convert_source(path: Path) -> Conversion:
    """Convert one repository source exactly as ``dangjian convert`` does."""
    sidecar_file = sidecar_path(path)
    shown = path.relative_to(ROOT).as_posix()
    sidecar = None
    if sidecar_file.exists():
        sidecar = parse_sidecar(sidecar_file.read_text(encoding="utf-8"), sidecar_file.name)
    return convert(path.read_bytes(), shown, sidecar)


# --- starting tools as child processes --------------------------------------------------


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment for a Python child: UTF-8 text streams, no colour, and ``extra``."""
    return {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", **extra}


def python_module(module: str, *args: str, via: Sequence[str | Path] = ()) -> list[str]:
    """``python [VIA…] -m MODULE ARGS…`` with this interpreter.

    ``via`` is a script (and its arguments) that runs the module in turn, such as
    ``tests/audited.py LOG``, which takes ``-m MODULE ARGS…`` after it.
    """
    return [sys.executable, *map(str, via), "-m", module, *args]


def run_command(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = 300,
    errors: str = "strict",
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` to its end and return it: UTF-8 text in and out, both streams captured.

    The child gets :func:`child_env` with ``env`` on top; a nonzero exit is returned, not
    raised; a run longer than ``timeout`` seconds raises (a hang is a failure, not a stall).
    """
    return subprocess.run(
        list(cmd),
        cwd=cwd,
        input=input,
        env=child_env(**(env or {})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors=errors,
        timeout=timeout,
        umask=umask,
        check=False,
    )


def dangjian_command(*args: str, via: Sequence[str | Path] = (), script: bool = False) -> list[str]:
    """The command line of ``dangjian ARGS…``: ``python -m dangjian`` with this interpreter.

    ``via`` runs it under a wrapper script (see :func:`python_module`); ``script=True`` runs
    the installed console script instead, as a contributor types it.
    """
    if script:
        assert not via, "the console script runs on its own"
        return [str(DANGJIAN_SCRIPT), *args]
    return python_module("dangjian", *args, via=via)


def run_dangjian(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = 300,
    via: Sequence[str | Path] = (),
    script: bool = False,
    errors: str = "strict",
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """Run ``dangjian ARGS…`` to its end in ``cwd`` (see :func:`run_command`, :func:`dangjian_command`).

    Give ``--root`` among ``args`` where the command takes it: it goes after the subcommand.
    """
    cmd = dangjian_command(*args, via=via, script=script)
    return run_command(cmd, cwd=cwd, env=env, timeout=timeout, errors=errors, umask=umask)


def sphinx_args(srcdir: Path, outdir: Path, *extra: str, builder: str = "html") -> list[str]:
    """The arguments of a strict ``sphinx-build -W --keep-going -n`` (after ``-m sphinx``)."""
    return ["-W", "--keep-going", "-n", "--no-color", "-b", builder, *extra, str(srcdir), str(outdir)]


def sphinx_build(
    srcdir: Path, outdir: Path, *extra: str, builder: str = "html"
) -> subprocess.CompletedProcess[str]:
    """Run the real ``sphinx-build -W --keep-going -n`` and return the finished process."""
    cmd = python_module("sphinx", *sphinx_args(srcdir, outdir, *extra, builder=builder))
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


@dataclass
class Site:
    """A built HTML site and the conversions its article pages came from."""

    src: Path
    html: Path
    conversions: dict[str, Conversion]
    log: str

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def make_docs_copy(dest: Path) -> Path:
    """A copy of ``docs/`` without built output and without the committed article pages."""
    shutil.copytree(ROOT / "docs", dest, ignore=shutil.ignore_patterns("_build"))
    for page in (dest / "articles").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    return dest


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site built from the seeds as the converter renders them now."""
    base = tmp_path_factory.mktemp("seed-site")
    src = make_docs_copy(base / "docs")
    conversions = {}
    for source in find_sources([], ROOT):
        conversion = convert_source(source)
        name = page_name(source)
        (src / "articles" / name).write_text(conversion.page, encoding="utf-8")
        conversions[name.removesuffix(".md")] = conversion
    result = sphinx_build(src, base / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return Site(src, base / "html", conversions, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def parallel_site(seed_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The same sources as ``seed_site``, built with ``-j 2``."""
    base = tmp_path_factory.mktemp("parallel-site")
    src = make_docs_copy(base / "docs")
    for page in (seed_site.src / "articles").glob("*.md"):
        (src / "articles" / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    result = sphinx_build(src, base / "html", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return Site(src, base / "html", seed_site.conversions, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def pdf_build(seed_site: Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seed site's PDF, built for real once per run (xelatex): its path and its LaTeX log."""
    out = tmp_path_factory.mktemp("pdf") / "latex"
    build = sphinx_build(seed_site.src, out, builder="latex")
    assert build.returncode == 0, build.stdout + build.stderr
    latex = subprocess.run(
        ["make", "-C", str(out), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        text=True,
        check=False,
    )
    log = (out / "dangjian-kb.log").read_text(encoding="utf-8", errors="replace")
    assert latex.returncode == 0, latex.stdout[-3000:] + log[-3000:]
    return out / "dangjian-kb.pdf", log

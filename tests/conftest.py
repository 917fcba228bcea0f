"""Shared fixtures: the repository, and real Sphinx builds of freshly converted seeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dangjian.convert.pipeline import Conversion, convert
from dangjian.pages import page_name
from dangjian.sidecar import parse_sidecar
from dangjian.sources import find_sources, sidecar_path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
SEEDS = [p.name.removesuffix(".txt") for p in sorted(SOURCES.glob("0*.txt"))]


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


def sphinx_build(srcdir: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``sphinx-build -W --keep-going -n`` and return the finished process."""
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-n",
        "--no-color",
        "-b",
        "html",
        *extra,
        str(srcdir),
        str(outdir),
    ]
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

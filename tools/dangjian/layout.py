"""Where things live in the repository, as POSIX paths relative to its root (also how messages show them).

Every path and file-name rule of the repository is stated here once; code and tests import it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

SOURCES = "sources"
DOCS = "docs"
ARTICLES = "docs/articles"
GLOSSARY = "docs/glossary/terms.yaml"
GAZETTEER = "docs/_data/gazetteer.yaml"
#: Region pages and the PDF's start page, written by the build (ignored by git).
REGIONS = "docs/regions"
#: The PDF ``make pdf`` builds (docs/conf.py names its ``.tex`` the same), where the site copies it from.
PDF = "docs/_build/latex/dangjian-kb.pdf"
#: Backups of pages ``convert --force`` overwrote, and the lock one ``convert`` run holds.
BACKUPS = ".dangjian/backups"
LOCK_FILE = ".dangjian/convert.lock"
#: Pinned npm packages (mermaid, mermaid-cli) and mermaid-cli's settings for the PDF.
NODE_MODULES = "tools/node/node_modules"
MERMAID_SETTINGS = "tools/mermaid"

#: File-name rules of sources/: crawler exports in Markdown, the article files, their sidecars.
MARKDOWN_SUFFIXES = (".md", ".markdown")
SOURCE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
SIDECAR_SUFFIX = ".meta.yaml"

#: The checkout this package runs from (``tools/dangjian`` in it): where the npm packages are.
CHECKOUT = Path(__file__).resolve().parents[2]


def in_docs(path: str) -> str:
    """A repository path as the Sphinx project names it (relative to ``docs/``)."""
    return PurePosixPath(path).relative_to(DOCS).as_posix()


#: Folders of docs/ written by the build; toctrees may name them before they exist.
GENERATED = (in_docs(REGIONS) + "/",)

"""The citation files the site offers: BibTeX, RIS and CSL-JSON per item and for the whole base.

Written when the HTML build finishes, from the references of :mod:`.references`; an address on
the unknown site is left out of the files (a reader's reference manager would keep it), as is the
build's 引用日期 when the item has no address (nothing to have accessed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ...cite.bibtex import to_bibtex
from ...cite.csl import to_csl_json
from ...cite.ris import to_ris
from ...pages.write import write_atomic
from .references import UNKNOWN_SITE, references

FOLDER = "cite"
WHOLE = "dangjian-kb"
#: (file suffix, the link's label), in the order the page shows them.
FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
_WRITERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json}


def download_path(key: str, fmt: str) -> str:
    return f"{FOLDER}/{key}.{fmt}"


def whole_path(fmt: str) -> str:
    return f"{FOLDER}/{WHOLE}.{fmt}"


def published(item: dict[str, Any]) -> dict[str, Any]:
    """The item as the files give it: no placeholder address, no access date without an address."""
    if not str(item.get("URL", "")).startswith(UNKNOWN_SITE):
        return item
    return {k: v for k, v in item.items() if k not in ("URL", "accessed")}


def citation_files(items: list[dict[str, Any]]) -> dict[str, str]:
    """Output path → text for every file (pure: the build writes them, the tests read them)."""
    files = {}
    for fmt, _label in FORMATS:
        write = _WRITERS[fmt]
        files[whole_path(fmt)] = write(items)
        for item in items:
            files[download_path(str(item["id"]), fmt)] = write([item])
    return files


def write_citation_files(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    items = [published(r.item) for _key, r in sorted(references(app.env).items())]
    outdir = Path(app.outdir)
    for path, text in citation_files(items).items():
        target = outdir / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text)


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", write_citation_files)

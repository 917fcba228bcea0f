"""Cite it: the GB/T 7714 reference of every article and glossary entry, its downloads and metadata.

:mod:`.references` (every citable item, rendered once per build), :mod:`.block` (引用本文 /
引用此条), :mod:`.downloads` (BibTeX, RIS, CSL-JSON files), :mod:`.metadata` (Zotero and Google
Scholar tags); the CSL-JSON items and the formats themselves are :mod:`dangjian.cite`'s.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .block import setup_block
from .downloads import setup_downloads
from .metadata import setup_metadata
from .references import update_references


def setup_cite(app: Sphinx) -> None:
    app.connect("env-updated", update_references)
    setup_block(app)
    setup_downloads(app)
    setup_metadata(app)
    app.add_js_file("dangjian-reference.js", defer="defer")

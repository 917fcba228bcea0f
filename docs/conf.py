"""Sphinx configuration for the dangjian knowledge base (HTML, zh_CN)."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

project = "基层党建知识库"
author = "dangjian-kb contributors"
copyright = "dangjian-kb contributors; article texts belong to their publishers"
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    "dangjian.sphinx_ext",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 0

html_theme = "pydata_sphinx_theme"
html_title = "基层党建知识库"
# The published address, when the build knows it (Read the Docs sets READTHEDOCS_CANONICAL_URL):
# references cite it, the citation files carry it, pages name it as canonical.  A local build
# leaves it empty; each page then completes its references with the address it is read at.
html_baseurl = os.environ.get("DANGJIAN_SITE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_static_path: list[str] = []
html_last_updated_fmt = ""
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navigation_depth": 5,  # region pages go down to villages (province → … → village)
    "navbar_align": "left",
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
    "use_edit_page_button": False,
}
# Pages without a branch of their own get no (empty) left sidebar.
html_sidebars = {"**": ["sidebar-nav-bs", "pdf-link"], "index": [], "glossary/index": ["pdf-link"]}
html_search_language = "zh"

# Mermaid is served from _static (the pinned npm package in tools/node): no CDN.
mermaid_init_config = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "fontFamily": "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
}

# Navigation pages list titles and links; terms are linked in articles, topics and the glossary.
dangjian_autolink_exclude = ["index", "articles/index", "topics/index", "regions/*", "scaling", "data"]

# --- PDF (xelatex + ctex + Noto CJK; see README) --------------------------------
latex_engine = "xelatex"
latex_documents = [("regions/pdf-book", "dangjian-kb.tex", project, author, "manual")]
latex_use_xindy = False  # makeindex sorts the pinyin keys the extension writes
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    # A screen PDF: chapters start on the next page, not the next right-hand one (no blank versos).
    "extraclassoptions": "openany,oneside",
    "pointsize": "11pt",
    "fncychap": "",
    "babel": "",
    "polyglossia": "",
    "preamble": r"""
\usepackage[heading=true,fontset=none,scheme=chinese]{ctex}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
\ctexset{chapter/name={第,章}, chapter/number=\chinese{chapter}}
""",
    "sphinxsetup": "hmargin={2.2cm,2.2cm}, vmargin={2.5cm,2.5cm}",
}
mermaid_cmd = f"{shlex.quote(sys.executable)} -m dangjian.cli.mermaid_pdf"
# "source" prints each diagram's Mermaid text in the PDF, for hosts with no Chromium (.readthedocs.yaml).
dangjian_pdf_diagrams = os.environ.get("DANGJIAN_PDF_DIAGRAMS", "image")

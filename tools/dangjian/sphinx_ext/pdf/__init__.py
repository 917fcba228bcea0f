"""The PDF: the LaTeX book (cover, parts, pinyin index), diagrams for it, and the HTML site's PDF link."""

from __future__ import annotations

from sphinx.application import Sphinx

from .diagrams import setup_pdf_diagrams
from .latex import setup_latex
from .link import setup_pdf_link


def setup_pdf(app: Sphinx) -> None:
    setup_latex(app)
    setup_pdf_diagrams(app)
    setup_pdf_link(app)

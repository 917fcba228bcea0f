"""The HTML site offers the PDF: copied into the output, linked from the home page and sidebar.

``make`` builds the PDF before the HTML, so the copy is current; a build
without a PDF (a quick preview) shows how to make one instead of a dead link.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ...layout import PDF
from ..config import get_config
from ..placeholders import add_placeholder_node

TEMPLATES = Path(__file__).with_name("templates")
PDF_NAME = PurePosixPath(PDF).name


class kb_pdf(nodes.General, nodes.Element):
    """Placeholder: a link to the PDF, or how to build it."""


class KbPdf(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [kb_pdf()]


def _published(app: Sphinx) -> Path | None:
    if app.builder.format != "html":
        return None
    copy = Path(app.outdir, PDF_NAME)
    return copy if copy.is_file() else None


def copy_pdf(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    source = Path(app.srcdir, get_config(app.config).pdf_file)
    target = Path(app.outdir, PDF_NAME)
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    elif target.exists():
        target.unlink()  # never offer a stale PDF


def fill_pdf_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_pdf)):
        para = nodes.paragraph(classes=["kb-pdf"])
        if _published(app):
            prefix = "../" * docname.count("/")
            para += nodes.reference(
                "", "下载 PDF 版（全部文章、专题、术语表与索引）", refuri=prefix + PDF_NAME
            )
        else:
            text = "PDF 版尚未生成：运行 make pdf 后重新构建网站。"
            para += nodes.Text(text)
        node.replace_self(para)


def pdf_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    context["dangjian_pdf"] = PDF_NAME if _published(app) else ""


def add_templates(app: Sphinx, config: Config) -> None:
    config.templates_path.append(str(TEMPLATES))


def setup_pdf_link(app: Sphinx) -> None:
    add_placeholder_node(app, kb_pdf)
    app.add_directive("kb-pdf", KbPdf)
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", copy_pdf)
    app.connect("doctree-resolved", fill_pdf_link)
    app.connect("html-page-context", pdf_context)

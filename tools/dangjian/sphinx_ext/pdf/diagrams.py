"""PDF builds where no Chromium can run (Read the Docs): diagrams as their Mermaid text.

mermaid-cli needs a real browser, and hosts such as Read the Docs offer none that runs
(Ubuntu's chromium is a snap stub) and this project never downloads one.  There,
``dangjian_pdf_diagrams = "source"`` prints each diagram's Mermaid source with a note
pointing to the drawn version, instead of failing the build or dropping the diagram
silently.  The default, ``"image"``, draws them (``make pdf``, CI).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.mermaid import mermaid

from ..config import get_config

NOTE = "（此图为流程图源码；图形版见本库网站或 make pdf 生成的 PDF。）"


class DiagramsAsSource(SphinxPostTransform):
    """Replace each Mermaid diagram by its source text and a note, when so configured."""

    builders = ("latex",)
    # Before sphinxcontrib-mermaid's LaTeX visitor would call mermaid-cli (at write time).
    default_priority = 200

    def run(self, **kwargs: object) -> None:
        if get_config(self.config).pdf_diagrams != "source":
            return
        for node in list(self.document.findall(mermaid)):
            code = node["code"]
            block = nodes.literal_block(code, code, language="text", classes=["diagram-source"])
            note = nodes.paragraph(NOTE, NOTE, classes=["diagram-note"])
            node.replace_self([block, note])


def setup_pdf_diagrams(app: Sphinx) -> None:
    app.add_post_transform(DiagramsAsSource)

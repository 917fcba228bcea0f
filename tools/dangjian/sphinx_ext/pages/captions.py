"""``{photo-caption}``: a newspaper photo caption, set apart from the body text.

The articles arrive without their photos, so the caption stands alone; its credit
(``供图 …``, ``… 摄``) is plain text from the ``credit`` option, never markup.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class PhotoCaption(SphinxDirective):
    """A caption (body, parsed as MyST) and an optional credit (plain text)."""

    has_content = True
    option_spec = {"credit": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=["photo-caption"])
        self.set_source_info(box)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, box)
        credit = self.options.get("credit", "").strip()
        if credit:
            box += nodes.paragraph(credit, credit, classes=["photo-credit"])
        return [box]


def setup_captions(app: Sphinx) -> None:
    app.add_directive("photo-caption", PhotoCaption)

"""Editor's marks in article text: ``{continued-from}`` notes and the ``{editor-mark}`` role.

The converter writes them where the layout misled: a section printed after another piece
opens with a note linking back to its own piece, and a paragraph the source cuts off ends
with a mark saying so.  Both are styled as the editor's words, never as the article's, and
say nothing the source does not show.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .domain import front_matter

logger = logging.getLogger(__name__)

#: What each ``{editor-mark}`` key shows; a key, so that no source text is ever the mark.
MARKS = {"cut-off": "〔原文至此中断〕"}
CONTINUED_OPEN, CONTINUED_CLOSE = "〔接上文：", "〕"


class ContinuedFrom(SphinxDirective):
    """``{continued-from} N``: this section continues piece N (1-based), printed earlier."""

    required_arguments = 1

    def run(self) -> list[Node]:
        pieces = front_matter(self.env, self.env.docname, "pieces") or []
        argument = self.arguments[0]
        index = int(argument) if argument.isdigit() else 0
        if not 1 <= index <= len(pieces) or not isinstance(pieces[index - 1], dict):
            logger.warning(
                f"continued-from: no piece {argument!r} in this page's front matter",
                location=self.get_location(),
                type="dangjian",
                subtype="meta",
            )
            return []
        title = str(pieces[index - 1].get("title", ""))
        link = pending_xref(
            "",
            refdomain="articles",
            reftype="piece",
            reftarget=f"{self.env.docname}#{index}",
            refdoc=self.env.docname,
            refexplicit=False,
        )
        link += nodes.inline(title, title)
        note = nodes.paragraph("", "", classes=["continued-note"])
        self.set_source_info(note)
        note += [nodes.Text(CONTINUED_OPEN), link, nodes.Text(CONTINUED_CLOSE)]
        return [note]


class EditorMark(SphinxRole):
    """``{editor-mark}`cut-off```: a mark of the editor's, shown in the text, styled apart."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        shown = MARKS.get(self.text)
        if shown is None:
            logger.warning(
                f"editor-mark: unknown mark {self.text!r} (known: {', '.join(MARKS)})",
                location=self.get_location(),
                type="dangjian",
                subtype="meta",
            )
            return [], []
        return [nodes.inline(shown, shown, classes=["editor-mark"])], []


def setup_editorial(app: Sphinx) -> None:
    app.add_directive("continued-from", ContinuedFrom)
    app.add_role("editor-mark", EditorMark())

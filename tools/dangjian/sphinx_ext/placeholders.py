"""Placeholder nodes: put in at read time, replaced on ``doctree-resolved`` for every builder."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def add_placeholder_node(app: Sphinx, node: type[nodes.Element]) -> None:
    """Register ``node``; a writer that still meets one (it should not) skips it."""
    skip = (_skip, None)
    app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)

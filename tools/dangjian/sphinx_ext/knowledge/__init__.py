"""Knowledge by practice in Sphinx: paragraph citations, practice comparisons, facts and their views.

One module per feature, each with its ``setup_<feature>()``, called here.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_knowledge(app: Sphinx) -> None:
    """Every knowledge feature (each module adds its own line)."""

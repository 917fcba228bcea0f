"""Knowledge by practice in Sphinx: paragraph citations, practice comparisons, facts and their views.

One module per feature, each with its ``setup_<feature>()``, called here.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .citations import setup_citations
from .comparison import setup_comparison
from .facts_domain import setup_facts_domain
from .graph import setup_graph
from .people import setup_people
from .timeline import setup_timeline


def setup_knowledge(app: Sphinx) -> None:
    """Every knowledge feature (each module adds its own line)."""
    setup_comparison(app)
    setup_citations(app)
    setup_facts_domain(app)
    setup_timeline(app)
    setup_people(app)
    setup_graph(app)

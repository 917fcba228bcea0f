"""Mermaid without a CDN: serve the npm ``mermaid`` ESM build from ``_static``.

sphinxcontrib-mermaid loads mermaid from jsDelivr unless ``mermaid_use_local``
names a local ES module; readers in mainland China cannot rely on the CDN, and
the site must work offline.  The ESM entry point imports its chunks by relative
URL, so the entry file and its chunk folder are copied together (no source maps)
straight into the HTML output's ``_static``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..config import get_config

ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks", "mermaid.esm.min")


def _uses_mermaid(config: Config) -> bool:
    return "sphinxcontrib.mermaid" in config.extensions and bool(get_config(config).mermaid_dist)


def use_local_mermaid(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: point sphinxcontrib-mermaid at the local copy, or fail clearly."""
    if not _uses_mermaid(config):
        return
    dist = Path(get_config(config).mermaid_dist)
    if not (dist / ENTRY).is_file():
        raise ConfigError(
            f"dangjian: mermaid's ESM build is missing ({dist / ENTRY}); "
            "run 'make setup' (it runs 'npm ci' in tools/node)"
        )
    config.mermaid_use_local = f"mermaid/{ENTRY}"
    config.mermaid_version = ""


def copy_mermaid(app: Sphinx) -> None:
    """At ``builder-inited``: copy the entry file and its chunks into ``_static/mermaid``."""
    if app.builder.format != "html" or not _uses_mermaid(app.config):
        return
    dist = Path(get_config(app.config).mermaid_dist)
    target = Path(app.outdir, "_static", "mermaid")
    for source in [dist / ENTRY, *sorted((dist / CHUNKS).glob("*.mjs"))]:
        copy = target / source.relative_to(dist)
        if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)


def setup_offline_mermaid(app: Sphinx) -> None:
    app.connect("config-inited", use_local_mermaid, priority=400)
    app.connect("builder-inited", copy_mermaid)

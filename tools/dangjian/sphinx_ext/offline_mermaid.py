"""Mermaid without a CDN: serve the npm ``mermaid`` ESM build from ``_static``.

sphinxcontrib-mermaid loads mermaid from jsDelivr unless ``mermaid_use_local``
names a local ES module; readers in mainland China cannot rely on the CDN, and
the site must work offline.  The ESM entry point imports its chunks by relative
URL, so the entry file and its chunk folder are staged together (no source maps).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks", "mermaid.esm.min")
STAGE = "dangjian-vendor"


def _changed(source: Path, target: Path) -> bool:
    return not target.is_file() or target.stat().st_size != source.stat().st_size


def stage_mermaid(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: copy mermaid's ESM build into a static folder and use it."""
    if "sphinxcontrib.mermaid" not in config.extensions or not config.dangjian_mermaid_dist:
        return
    dist = Path(config.dangjian_mermaid_dist)
    if not (dist / ENTRY).is_file():
        raise ConfigError(
            f"dangjian: mermaid's ESM build is missing ({dist / ENTRY}); "
            "run 'make setup' (it runs 'npm ci' in tools/node)"
        )
    stage = Path(app.doctreedir, STAGE)
    target = stage / "mermaid"
    files = [dist / ENTRY, *sorted((dist / CHUNKS).glob("*.mjs"))]
    for source in files:
        copy = target / source.relative_to(dist)
        if _changed(source, copy):
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
    if str(stage) not in config.html_static_path:
        config.html_static_path.append(str(stage))
    config.mermaid_use_local = f"mermaid/{ENTRY}"
    config.mermaid_version = ""


def setup_offline_mermaid(app: Sphinx) -> None:
    app.add_config_value(
        "dangjian_mermaid_dist", "", "html", types=frozenset({str}),
        description="folder of the npm mermaid package's dist/ (empty: leave sphinxcontrib-mermaid alone)",
    )
    app.connect("config-inited", stage_mermaid, priority=400)

"""The ``dangjian_*`` settings: one dataclass, registered once with types and help, checked at start-up."""

from __future__ import annotations

import re
import shutil
from dataclasses import fields
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from dangjian.layout import ARTICLES, GAZETTEER, GLOSSARY, REGIONS, in_docs
from dangjian.sphinx_ext.config import PREFIX, DangjianConfig, get_config

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "dangjian"


@pytest.mark.sphinx("html", testroot="article", freshenv=True)
def test_every_setting_is_registered_from_the_dataclass(app: SphinxTestApp) -> None:
    registered = {name for name in app.config.values if name.startswith(PREFIX)}
    assert registered == {PREFIX + f.name for f in fields(DangjianConfig)}
    for name in registered:
        assert app.config.values[name].description, f"{name} has no help text"
    settings = get_config(app.config)
    assert settings.autolink == "section" and settings.backlinks_shown == 20
    assert (settings.articles_dir, settings.regions_dir) == (in_docs(ARTICLES), in_docs(REGIONS))
    assert (settings.glossary_file, settings.gazetteer_file) == (in_docs(GLOSSARY), in_docs(GAZETTEER))


def test_no_feature_registers_a_setting_of_its_own() -> None:
    """Only ``sphinx_ext/config.py`` calls ``add_config_value``: a setting elsewhere would skip the dataclass."""
    elsewhere = [
        path.relative_to(TOOLS).as_posix()
        for path in TOOLS.rglob("*.py")
        if "add_config_value" in path.read_text(encoding="utf-8") and path.name != "config.py"
    ]
    assert elsewhere == []
    assert not [
        path.relative_to(TOOLS).as_posix()
        for path in (TOOLS / "sphinx_ext").rglob("*.py")
        if re.search(r"config\.dangjian_\w+", path.read_text(encoding="utf-8"))
    ], "read settings through get_config()"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"dangjian_autolink": "sometimes"}, "dangjian_autolink must be one of section, document, all, off"),
        ({"dangjian_backlinks_shown": 0}, "dangjian_backlinks_shown must be at least 1, not 0"),
        ({"dangjian_pdf_diagrams": "png"}, "dangjian_pdf_diagrams must be one of image, source"),
    ],
)
def test_a_bad_setting_stops_the_build_at_start(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, override: dict, message: str
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-article", src)
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=src, confoverrides=override)

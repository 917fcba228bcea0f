"""Every ``dangjian_*`` setting of ``conf.py``: one dataclass, registered in one loop, read through one accessor.

The shape of MyST-Parser's ``MdParserConfig`` and sphinx-design's ``SdConfig``: each field carries
its default, what a change rebuilds, its allowed types and its help text, so the registration,
the documentation and the checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import ENUM, Config
from sphinx.errors import ConfigError

from ..layout import ARTICLES, CHECKOUT, GAZETTEER, GLOSSARY, NODE_MODULES, PDF, REGIONS, in_docs

#: How many mentions of a term are linked: first per section, first per page, all, none.
AUTOLINK_SCOPES = ("section", "document", "all", "off")
PDF_DIAGRAMS = ("image", "source")
#: Prefix of every setting in ``conf.py``: the field ``autolink`` is ``dangjian_autolink``.
PREFIX = "dangjian_"


def _setting(default: Any, rebuild: str, types: Any, description: str) -> Any:
    """A dataclass field with what :func:`setup_config` needs to register it."""
    meta = {"rebuild": rebuild, "types": types, "description": description}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=meta)
    return field(default=default, metadata=meta)


_TEXT = frozenset({str})


@dataclass(frozen=True)
class DangjianConfig:
    """The knowledge base's Sphinx settings; paths are relative to the source folder (``docs/``)."""

    glossary_file: str = _setting(
        in_docs(GLOSSARY), "env", _TEXT, "the glossary's YAML file, relative to the source folder"
    )
    autolink: str = _setting(
        "section",
        "env",
        ENUM(*AUTOLINK_SCOPES),
        "which mentions of a term link to its entry: first per section, per page, all or none",
    )
    autolink_exclude: list[str] = _setting(
        [], "env", frozenset({list, tuple}), "docname patterns whose text is never auto-linked"
    )
    backlinks_shown: int = _setting(
        20,
        "env",
        frozenset({int}),
        "articles listed with snippets under each glossary entry; the rest are counted",
    )
    gazetteer_file: str = _setting(
        in_docs(GAZETTEER), "env", _TEXT, "the places the articles name, relative to the source folder"
    )
    regions_dir: str = _setting(
        in_docs(REGIONS), "env", _TEXT, "folder the build writes the region pages and the PDF's start page to"
    )
    articles_dir: str = _setting(in_docs(ARTICLES), "env", _TEXT, "folder of the article pages")
    mermaid_dist: str = _setting(
        str(CHECKOUT / NODE_MODULES / "mermaid" / "dist"),
        "html",
        _TEXT,
        "folder of the npm mermaid package's dist/ (empty: leave sphinxcontrib-mermaid alone)",
    )
    pdf_file: str = _setting(
        in_docs(PDF),
        "html",
        _TEXT,
        "the PDF the HTML site copies and links to, relative to the source folder",
    )
    pdf_diagrams: str = _setting(
        "image",
        "env",
        ENUM(*PDF_DIAGRAMS),
        "diagrams in the PDF: drawn by mermaid-cli (image) or printed as their Mermaid text (source)",
    )
    data_package: bool = _setting(
        True,
        "html",
        frozenset({bool}),
        "whether the HTML build publishes the data package (CSV, SQLite, JSON) in data/",
    )

    def glossary_path(self, srcdir: str | Path) -> Path:
        """The glossary file, relative to the source folder."""
        return Path(srcdir, self.glossary_file)

    def links(self, docname: str) -> bool:
        """Whether terms on ``docname`` are auto-linked at all."""
        return self.autolink != "off" and not any(
            fnmatch(docname, pattern) for pattern in self.autolink_exclude
        )


def _problems(settings: DangjianConfig) -> list[str]:
    """Values the types let through but the features cannot use."""
    problems = []
    if settings.autolink not in AUTOLINK_SCOPES:
        problems.append(
            f"dangjian_autolink must be one of {', '.join(AUTOLINK_SCOPES)}, not {settings.autolink!r}"
        )
    if settings.backlinks_shown < 1:
        problems.append(f"dangjian_backlinks_shown must be at least 1, not {settings.backlinks_shown}")
    if settings.pdf_diagrams not in PDF_DIAGRAMS:
        problems.append(
            f"dangjian_pdf_diagrams must be one of {', '.join(PDF_DIAGRAMS)}, not {settings.pdf_diagrams!r}"
        )
    return problems


def get_config(config: Config) -> DangjianConfig:
    """The ``dangjian_*`` values of ``config`` as one checked :class:`DangjianConfig`."""
    settings = DangjianConfig(**{f.name: getattr(config, PREFIX + f.name) for f in fields(DangjianConfig)})
    problems = _problems(settings)
    if problems:
        raise ConfigError(problems[0])
    return settings


def _check_config(app: Sphinx, config: Config) -> None:
    """Fail early, at ``config-inited``, on a bad setting."""
    get_config(config)


def setup_config(app: Sphinx) -> None:
    for setting in fields(DangjianConfig):
        default = setting.default if setting.default is not MISSING else setting.default_factory()  # type: ignore[misc]
        meta = setting.metadata
        app.add_config_value(
            PREFIX + setting.name,
            default,
            meta["rebuild"],
            types=meta["types"],
            description=meta["description"],
        )
    app.connect("config-inited", _check_config)

"""The glossary extension's settings, read from ``conf.py`` into one dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import ENUM, Config
from sphinx.errors import ConfigError

#: How many mentions of a term are linked: first per section, first per page, all, none.
AUTOLINK_SCOPES = ("section", "document", "all", "off")


@dataclass(frozen=True)
class GlossaryConfig:
    """``dangjian_glossary_file``, ``dangjian_autolink``, ``…_exclude`` and ``dangjian_backlinks_shown``."""

    file: str
    autolink: str
    exclude: tuple[str, ...]
    backlinks_shown: int = 20

    @classmethod
    def from_config(cls, config: Config) -> GlossaryConfig:
        scope = config.dangjian_autolink
        if scope not in AUTOLINK_SCOPES:
            raise ConfigError(f"dangjian_autolink must be one of {', '.join(AUTOLINK_SCOPES)}, not {scope!r}")
        shown = config.dangjian_backlinks_shown
        if shown < 1:
            raise ConfigError(f"dangjian_backlinks_shown must be at least 1, not {shown}")
        return cls(config.dangjian_glossary_file, scope, tuple(config.dangjian_autolink_exclude), shown)

    def path(self, srcdir: str | Path) -> Path:
        """The glossary file, relative to the source folder."""
        return Path(srcdir, self.file)

    def links(self, docname: str) -> bool:
        """Whether terms on ``docname`` are auto-linked at all."""
        return self.autolink != "off" and not any(fnmatch(docname, pattern) for pattern in self.exclude)


def check_config(app: Sphinx, config: Config) -> None:
    """Fail early, at ``config-inited``, on a bad setting."""
    GlossaryConfig.from_config(config)


def setup_config(app: Sphinx) -> None:
    app.add_config_value(
        "dangjian_backlinks_shown",
        20,
        "env",
        types=frozenset({int}),
        description="articles listed with snippets under each glossary entry; the rest are counted",
    )
    app.add_config_value(
        "dangjian_glossary_file",
        "glossary/terms.yaml",
        "env",
        types=frozenset({str}),
        description="the glossary's YAML file, relative to the source folder",
    )
    app.add_config_value(
        "dangjian_autolink",
        "section",
        "env",
        types=ENUM(*AUTOLINK_SCOPES),
        description="which mentions of a term link to its entry: first per section, per page, all or none",
    )
    app.add_config_value(
        "dangjian_autolink_exclude",
        [],
        "env",
        types=frozenset({list, tuple}),
        description="docname patterns whose text is never auto-linked",
    )
    app.connect("config-inited", check_config)

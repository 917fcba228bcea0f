"""Chinese search: glossary terms become whole tokens of Sphinx's search index.

The glossary's terms, aliases and traditional forms are written as a jieba user
dictionary, passed by absolute path in ``html_search_options["dict"]``, where the
search language (:mod:`.search_zh`) reads it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from ...glossary.load import parse_glossary
from ...glossary.words import dictionary_words
from ..config import get_config

USER_DICT = "dangjian-jieba-userdict.txt"


def require_jieba() -> None:
    """Fail early and clearly: the search index (rjieba) and pinyin guesses (jieba) need both."""
    for name in ("rjieba", "jieba"):
        try:
            __import__(name)
        except ImportError as exc:
            raise ExtensionError(
                f"dangjian: {name} cannot be imported; without it Chinese search and pinyin do not work. "
                f"Install it with 'pip install {name}' (or run 'make setup')."
            ) from exc


def user_dict_words(text: str, path: str) -> list[str]:
    """The dictionary words of a glossary: every term, alias and traditional form jieba can hold."""
    glossary, _problems = parse_glossary(text, path)
    return dictionary_words(glossary)


def write_user_dict(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: write the dictionary and point the Chinese search at it."""
    if not str(config.html_search_language or config.language or "").startswith("zh"):
        return
    source = get_config(config).glossary_path(app.srcdir)
    words = user_dict_words(source.read_text(encoding="utf-8"), str(source)) if source.is_file() else []
    target = Path(app.doctreedir, USER_DICT)
    target.parent.mkdir(parents=True, exist_ok=True)
    content = "".join(f"{word}\n" for word in words)
    if not target.is_file() or target.read_text(encoding="utf-8") != content:
        target.write_text(content, encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(target.resolve())}

"""YAML read as a node tree, so every problem can name the line it is on."""

from __future__ import annotations

import yaml

from .errors import SourceError


def line_of(node: yaml.Node) -> int:
    """The 1-based line a YAML node starts on."""
    return node.start_mark.line + 1


def compose(text: str, path: str) -> yaml.Node | None:
    """Parse ``text`` into a node tree; malformed YAML is a :class:`SourceError` with its line."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise SourceError(path, f"malformed YAML: {problem}", mark.line + 1 if mark else 1) from None


def to_python(node: yaml.Node) -> object:
    """The plain Python value of one node (safe types only)."""
    return yaml.safe_load(yaml.serialize(node))

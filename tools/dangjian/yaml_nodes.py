"""YAML read as a node tree, so every problem can name the line it is on."""

from __future__ import annotations

import yaml

from .errors import SourceError


class TextDateLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, so ``2023-02-30`` is a typo to report, not a crash."""


class FastTextDateLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsing with libyaml (about 5x faster); its error messages are terser, so
    :func:`compose` re-reads malformed text with :class:`TextDateLoader` to explain it."""


_NO_DATES = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
TextDateLoader.yaml_implicit_resolvers = _NO_DATES
FastTextDateLoader.yaml_implicit_resolvers = _NO_DATES


def line_of(node: yaml.Node) -> int:
    """The 1-based line a YAML node starts on."""
    return node.start_mark.line + 1


def compose(text: str, path: str, offset: int = 0) -> yaml.Node | None:
    """Parse ``text`` into a node tree; malformed YAML is a :class:`SourceError` with its line.

    ``offset`` is the number of file lines above ``text`` (1 for front matter below ``---``).
    """
    try:
        return yaml.compose(text, Loader=FastTextDateLoader)
    except (yaml.YAMLError, RecursionError):
        pass
    try:
        return yaml.compose(text, Loader=TextDateLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "malformed YAML"
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start and mark and start.line != mark.line:
            problem += f" ({context} on line {start.line + 1 + offset})"
        raise SourceError(
            path, f"malformed YAML: {problem}", (mark.line if mark else 0) + 1 + offset
        ) from None
    except RecursionError:
        raise SourceError(path, "malformed YAML: nested too deeply", 1 + offset) from None


def to_python(node: yaml.Node) -> object:
    """The plain Python value of one node (safe types only)."""
    loader = TextDateLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def value_lines(node: yaml.Node | None, offset: int = 0) -> dict[tuple[str | int, ...], int]:
    """The line of every value in a node tree, by its key path (``("article", "date")``, ``("pieces", 0)``).

    The empty path is the root.  ``offset`` is added to every line (front matter starts below ``---``).
    """
    lines: dict[tuple[str | int, ...], int] = {}
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        lines[path] = line_of(current) + offset
        if isinstance(current, yaml.MappingNode):
            stack += [((*path, str(key.value)), value) for key, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            stack += [((*path, index), value) for index, value in enumerate(current.value)]
    return lines

"""YAML read as a node tree, so every problem can name the line it is on.

The text is hostile (crawler exports, contributors' sidecars, edited pages): every way it can
be wrong ends as a :class:`SourceError` from :func:`compose` or an :class:`UnreadableValue` from
:func:`to_python`, never as another exception, a hang or a crash of the process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from ..errors import SourceError, escape_controls, quoted
from .normalise import LINE_BREAK

#: Collections nested deeper than this are refused (``malformed YAML: nested too deeply``).
#: Metadata needs three levels; a thousand is generous, and keeps libyaml's recursion
#: (about 335 bytes of C stack a level) to some 340 kB, safe even on a 1 MB thread stack.
MAX_DEPTH = 1024
_TAG = "tag:yaml.org,2002:"
#: Characters that may start a collection: every collection-start event of a YAML stream is
#: caused by one of them (``[``, ``{``, a ``-`` entry, a ``?`` or ``:`` key), so their count
#: bounds the nesting depth from above.
_OPENERS = "[{-?:"
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_REASON = 300
#: What PyYAML's constructors raise on bad content besides its own errors (``!!bool maybe`` is a
#: KeyError, ``!!timestamp foo`` an AttributeError, ``!!float ''`` an IndexError).
_CONTENT_ERRORS = (ValueError, KeyError, IndexError, AttributeError, TypeError, OverflowError)


class UnreadableValue(ValueError):
    """A value YAML cannot construct; its text is one line, for ``cannot read this value (…)``.

    ``line`` is the 1-based line of the part that cannot be read, in the text composed.
    """

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.line = line


class _Hardened:
    """What both loaders change in PyYAML's safe loader (see :func:`_harden`)."""

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Merge keys (``<<``) are not applied: PyYAML copies every merged pair into the node,
        so nine mappings merging nine others, eight levels down, make 43 million pairs (a
        merge bomb), and the copies change the node tree that callers later read lines from.
        Metadata has no use for them; ``<<`` is an ordinary key."""


class TextDateLoader(_Hardened, yaml.SafeLoader):
    """A safe loader that keeps dates as text, so ``2023-02-30`` is a typo to report, not a crash."""


class FastTextDateLoader(_Hardened, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsing with libyaml (about 5x faster); its error messages are terser, so
    :func:`compose` re-reads malformed text with :class:`TextDateLoader` to explain it."""


def _cut(text: str, limit: int = 40) -> str:
    """``text`` cut to at most ``limit`` characters, the last an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_text(value: str) -> str:
    """``value`` quoted for a message: one line, at most 40 characters."""
    return quoted(_cut(value))


def _strict(name: str) -> Callable[[SafeConstructor, yaml.Node], object]:
    """PyYAML's constructor of ``!!name``, turning the Python errors of bad content (``!!bool
    maybe`` is a KeyError, ``!!timestamp foo`` an AttributeError) into a ConstructorError."""
    original = SafeConstructor.yaml_constructors[_TAG + name]

    def construct(self: SafeConstructor, node: yaml.Node) -> object:
        try:
            return original(self, node)
        except yaml.YAMLError:
            raise
        except _CONTENT_ERRORS:
            shown = shown_text(node.value) if isinstance(node.value, str) else "this"
            raise ConstructorError(None, None, f"{shown} is not a !!{name}", node.start_mark) from None

    return construct


def _harden(loader: type) -> None:
    # No implicit dates (kept as text), merge keys or value keys (ordinary keys, see above).
    dropped = {_TAG + "timestamp", _TAG + "merge", _TAG + "value"}
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for name in ("null", "bool", "int", "float", "binary", "timestamp"):
        loader.add_constructor(_TAG + name, _strict(name))


_harden(TextDateLoader)
_harden(FastTextDateLoader)
_RESOLVER = TextDateLoader("")  # resolves the implicit tag of a plain scalar in scalar_text


def line_of(node: yaml.Node) -> int:
    """The 1-based line a YAML node starts on."""
    return node.start_mark.line + 1


def _one_line(text: str) -> str:
    """``text`` for a one-line message: line breaks and controls escaped, long text cut."""
    return _cut(escape_controls(text), _MAX_REASON)


def _check_depth(events: Iterable[yaml.Event], path: str, offset: int, limit: int = MAX_DEPTH) -> None:
    """Refuse a stream whose collections nest deeper than ``limit``, at the line where
    they do.  Both parsers are state machines (only composing recurses), so this walk is safe
    however deep the text."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                raise SourceError(
                    path, "malformed YAML: nested too deeply", event.start_mark.line + 1 + offset
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _malformed(exc: yaml.YAMLError, text: str, path: str, offset: int) -> SourceError:
    """A parse error as ``malformed YAML: problem (context on line N)`` at the problem's line."""
    if isinstance(exc, yaml.reader.ReaderError):
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        line = len(LINE_BREAK.findall(text, 0, exc.position)) + 1
        problem = f"unacceptable character #x{character:04x}: {exc.reason}"
        return SourceError(path, f"malformed YAML: {_one_line(problem)}", line + offset)
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "malformed YAML"
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start and mark and start.line != mark.line:
        problem += f" ({context} on line {start.line + 1 + offset})"
    return SourceError(path, f"malformed YAML: {_one_line(problem)}", (mark.line if mark else 0) + 1 + offset)


#: Nesting PyYAML's pure-Python composer survives: it recurses in Python, two frames a level,
#: and hits the interpreter's recursion limit at some 500 levels.  MyST reads page front
#: matter with it (and reports a RecursionError only as "Malformed YAML" on the page's line 1).
PYYAML_SAFE_DEPTH = 300


def _depth_bound(text: str) -> int:
    """An upper bound of ``text``'s nesting depth, in one pass in C (see :data:`_OPENERS`)."""
    return sum(map(text.count, _OPENERS))


def page_hazard(text: str, limit: int = PYYAML_SAFE_DEPTH) -> tuple[int, str] | None:
    """The first line and problem of page front matter that MyST's own reading, or our JSON
    stand-in of it, would choke on: collections nested deeper than ``limit``, an alias (a
    tree may hold itself, which JSON cannot write, or hold an alias bomb, which it writes out
    a billion times), or a merge key (``<<``: PyYAML copies merged pairs, a merge bomb).

    Found in one pass over libyaml's events, which does not recurse; text with no ``*``, no
    ``<<`` and few collection openers needs none.  Malformed text is no hazard: the readers
    report it themselves.
    """
    if _depth_bound(text) <= limit and "*" not in text and "<<" not in text:
        return None
    # For each open collection: "key" or "value" (a mapping, what comes next) or "item".
    stack: list[str] = []
    try:
        for event in yaml.parse(text, Loader=FastTextDateLoader):
            line = event.start_mark.line + 1
            is_key = bool(stack) and stack[-1] == "key"
            if isinstance(event, yaml.AliasEvent):
                return line, f"alias *{event.anchor} (write the value out)"
            if isinstance(event, yaml.ScalarEvent) and is_key and event.value == "<<" and not event.style:
                return line, "merge key << (write the keys out)"
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append("key" if isinstance(event, yaml.MappingStartEvent) else "item")
                if len(stack) > limit:
                    return line, "nested too deeply"
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
            elif not isinstance(event, yaml.ScalarEvent):
                continue  # stream and document events
            if stack and stack[-1] != "item":  # a whole key or value is done: the other comes next
                stack[-1] = "value" if stack[-1] == "key" else "key"
    except yaml.YAMLError:
        return None
    return None


def compose(text: str, path: str, offset: int = 0) -> yaml.Node | None:
    """Parse ``text`` into a node tree; malformed YAML is a :class:`SourceError` with its line.

    ``offset`` is the number of file lines above ``text`` (1 for front matter below ``---``).

    libyaml's composer recurses on the C stack, one frame a level: some 25,000 levels
    (``title: [[[[…``, 50 kB) exhaust an 8 MB stack and the process dies of SIGSEGV, which no
    ``except`` can catch.  So text reaches it only when its depth is known to be at most
    :data:`MAX_DEPTH`: the count of the characters that can open a collection bounds the
    depth from above and costs one pass in C; only text over that bound (a long page, or a
    hostile file) has its exact depth measured first, by a pass over libyaml's events, which
    does not recurse.  The pure-Python reading, for messages, is guarded the same way.
    """
    try:
        if _depth_bound(text) > MAX_DEPTH:
            _check_depth(yaml.parse(text, Loader=FastTextDateLoader), path, offset)
        root = yaml.compose(text, Loader=FastTextDateLoader)
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure: let the pure-Python reader explain it
        fast_error: Exception = exc
    else:
        return _join_surrogates(root, text)
    try:
        # Always a full pass here (only malformed text gets here): the parser finds the mistake
        # without recursing, where composing text too deep for PyYAML would not get that far.
        _check_depth(yaml.parse(text, Loader=TextDateLoader), path, offset)
        return _join_surrogates(yaml.compose(text, Loader=TextDateLoader), text)
    except yaml.YAMLError as exc:
        raise _malformed(exc, text, path, offset) from None
    except RecursionError:  # a composer error libyaml found, in text too deep for PyYAML's recursion
        if isinstance(fast_error, yaml.YAMLError):
            raise _malformed(fast_error, text, path, offset) from None
        raise SourceError(path, "malformed YAML: nested too deeply", 1 + offset) from None


def _nodes(node: yaml.Node | None) -> list[yaml.Node]:
    """Every node of a tree once (an alias is its anchor's node; a tree may even hold itself)."""
    seen: set[int] = set()
    stack = [node] if node is not None else []
    out: list[yaml.Node] = []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        out.append(current)
        if isinstance(current, yaml.MappingNode):
            stack += [part for pair in current.value for part in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return out


def _join_surrogates(root: yaml.Node | None, text: str) -> yaml.Node | None:
    """Join escaped UTF-16 surrogate pairs (``"\\ud83d\\ude00"``, as JSON writes 😀) into their
    character; a lone surrogate is left for :func:`to_python` to refuse at its value."""
    if root is None or ("\\u" not in text and "\\U" not in text):
        return root
    for node in _nodes(root):
        if isinstance(node, yaml.ScalarNode) and _SURROGATE.search(node.value):
            node.value = node.value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return root


def to_python(node: yaml.Node) -> object:
    """The plain Python value of one node (safe types only).

    A value YAML cannot read (``!!int x``, ``!!python/object:…``, a lone surrogate, which no
    UTF-8 page can hold) raises :class:`UnreadableValue`, whose text is the one-line reason.
    """
    for part in _nodes(node):
        if isinstance(part, yaml.ScalarNode) and (lone := _SURROGATE.search(part.value)):
            raise UnreadableValue(
                f"lone surrogate U+{ord(lone.group()):04X} is not a character", line_of(part)
            )
    loader = TextDateLoader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        reason = exc.problem or exc.context or "malformed value"
        if exc.problem and exc.context:
            reason += f" ({exc.context})"
        mark = exc.problem_mark or exc.context_mark
        raise UnreadableValue(_one_line(reason), mark.line + 1 if mark else line_of(node)) from None
    except RecursionError:
        raise UnreadableValue("nested too deeply", line_of(node)) from None
    except (yaml.YAMLError, *_CONTENT_ERRORS) as exc:
        raise UnreadableValue(_one_line(f"{type(exc).__name__}: {exc}"), line_of(node)) from None
    finally:
        loader.dispose()


def scalar_text(node: yaml.ScalarNode) -> str | None:
    """A scalar as text, as it is written (``yes``, ``1e3``, ``0x1F``, ``12:30`` stay so; YAML
    would make them True, 1000.0, 31 and 750), or ``None`` for null.

    A value YAML cannot read raises :class:`UnreadableValue`, and so does binary data.
    """
    implicit = node.style in (None, "") and node.tag in (_TAG + "bool", _TAG + "int", _TAG + "float")
    if implicit and node.tag == _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)):
        return node.value  # valid by its look; constructing it could only lose what is written
    value = to_python(node)
    if value is None:
        return None
    if isinstance(value, bytes):
        raise UnreadableValue("!!binary data is not text", line_of(node))
    return node.value


def source_text(node: yaml.Node, text: str) -> str:
    """What ``node`` spans in ``text`` (the text it was composed from), as one short line for a
    message (a key that is a list or a mapping has no name to show)."""
    return _cut(" ".join(text[node.start_mark.index : node.end_mark.index].split()))


def _walk(node: yaml.Node | None) -> Iterator[tuple[tuple[str | int, ...], yaml.Node, bool]]:
    """Every node of a tree with its key path, in document order, and whether it is met for the
    first time: a node reached again through an alias is not entered again (an alias bomb would
    have a billion paths, a tree holding itself endless ones).  Keys that are not scalars have
    no path, so their values are not walked."""
    seen: set[int] = set()
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), node)] if node is not None else []
    while stack:
        path, current = stack.pop()
        first = id(current) not in seen
        yield path, current, first
        if not first:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            children = [((*path, k.value), v) for k, v in current.value if isinstance(k, yaml.ScalarNode)]
        elif isinstance(current, yaml.SequenceNode):
            children = [((*path, index), value) for index, value in enumerate(current.value)]
        else:
            continue
        stack += reversed(children)


def value_lines(node: yaml.Node | None, offset: int = 0) -> dict[tuple[str | int, ...], int]:
    """The line of every value in a node tree, by its key path (``("article", "date")``, ``("pieces", 0)``).

    The empty path is the root.  ``offset`` is added to every line (front matter starts below ``---``).
    A key written twice has the line of its last value, the one YAML keeps.
    """
    return {path: line_of(current) + offset for path, current, _first in _walk(node)}


def duplicate_keys(node: yaml.Node | None, offset: int = 0) -> list[tuple[tuple[str | int, ...], int, int]]:
    """Keys written twice in one mapping, as (key path, line of the first, line of a later one).

    YAML readers keep the last value without a word, so a contributor who corrects the first
    sees nothing change.  ``offset`` is added to every line.
    """
    found = []
    for path, current, first in _walk(node):
        if not first or not isinstance(current, yaml.MappingNode):
            continue
        lines: dict[str, int] = {}
        for key, _value in current.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value in lines:
                found.append(((*path, key.value), lines[key.value] + offset, line_of(key) + offset))
            else:
                lines[key.value] = line_of(key)
    return found

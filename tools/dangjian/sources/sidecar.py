"""Metadata sidecars: ``sources/<name>.meta.yaml`` beside a source.

A sidecar states facts the article text does not (the paper, the date, a URL),
each from a source the contributor cites in ``notes``.  Parsing is pure; the CLI
reads the file.  Every problem is reported as ``path:line: message``.
"""

from __future__ import annotations

import yaml

from ..errors import SourceError
from ..model import REGION_KEYS, Metadata
from ..text.dates import date_problem
from ..text.normalise import one_line
from ..text.yaml_nodes import UnreadableValue, compose, scalar_text, source_text, to_python
from ..text.yaml_nodes import line_of as _line

#: Top-level keys and what each must be.  Documented in README.md.
SCHEMA: dict[str, type] = {
    "publication": str,
    "date": str,
    "url": str,
    "authors": list,
    "region": dict,
    "script": str,
    "rights": str,
    "notes": str,
}
SCRIPTS = ("", "simplified", "traditional")


def _key(node: yaml.Node, text: str) -> str:
    """A key's name: a scalar's text, or what a list or mapping used as a key spans in ``text``."""
    return node.value if isinstance(node, yaml.ScalarNode) else source_text(node, text)


def _text(node: yaml.Node, key: str, path: str) -> str:
    """A value that must be text, as written (``yes`` stays ``yes``), on one normalised line as
    article text is (no control or bidi character reaches the page); null is empty."""
    try:
        if isinstance(node, yaml.ScalarNode):
            return one_line(scalar_text(node) or "")
        value = to_python(node)  # a list or a mapping, unless its tag cannot be read
        raise SourceError(path, f"{key}: expected text, got a {type(value).__name__}", _line(node))
    except UnreadableValue as exc:
        raise SourceError(path, f"{key}: cannot read this value ({exc})", _line(node)) from None


def _is_null(node: yaml.Node, key: str, path: str) -> bool:
    """Whether a value is null (``authors: ~`` says nothing), refusing one YAML cannot read."""
    try:
        return isinstance(node, yaml.ScalarNode) and scalar_text(node) is None
    except UnreadableValue as exc:
        raise SourceError(path, f"{key}: cannot read this value ({exc})", _line(node)) from None


def _names(node: yaml.Node, key: str, path: str) -> list[str]:
    """``authors``: a list of names, each a scalar as written (``[No, 李四]`` keeps ``No``)."""
    if not isinstance(node, yaml.SequenceNode) or node.tag != "tag:yaml.org,2002:seq":
        raise SourceError(path, f"{key}: expected a list of names", _line(node))
    names = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            raise SourceError(path, f"{key}: expected a list of names", _line(node))
        try:
            name = scalar_text(item)
        except UnreadableValue as exc:
            raise SourceError(path, f"{key}: cannot read this value ({exc})", _line(node)) from None
        if name is None:
            raise SourceError(path, f"{key}: expected a list of names", _line(node))
        names.append(one_line(name))
    return [name for name in names if name]


def _region(node: yaml.Node, text: str, path: str) -> dict[str, str]:
    """``region``'s province / city / county, each checked on its own node and line."""
    if not isinstance(node, yaml.MappingNode) or node.tag != "tag:yaml.org,2002:map":  # not ``!!set``
        raise SourceError(path, "region: expected province / city / county", _line(node))
    region: dict[str, str] = {}
    for sub_key, sub_value in node.value:
        name = _key(sub_key, text)
        if not isinstance(sub_key, yaml.ScalarNode) or name not in REGION_KEYS:
            raise SourceError(
                path, f"region: unknown key {name!r} (known: province, city, county)", _line(sub_key)
            )
        if name in region:
            raise SourceError(path, f"duplicate key {name!r}", _line(sub_key))
        region[name] = _text(sub_value, f"region.{name}", path)
    return region


def parse_sidecar(text: str, path: str) -> Metadata:
    """Parse a sidecar's YAML into :class:`Metadata`, validating it against :data:`SCHEMA`.

    Keys are judged on their nodes before anything is built: a list or a mapping as a key
    (``[a]: 1``) is an unknown key, not a TypeError.
    """
    root = compose(text, path)
    if root is None:
        return Metadata()
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, "expected a mapping of keys to values", _line(root))
    meta = Metadata()
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = _key(key_node, text)
        if not isinstance(key_node, yaml.ScalarNode) or key not in SCHEMA:
            known = ", ".join(SCHEMA)
            raise SourceError(path, f"unknown key {key!r} (known: {known})", _line(key_node))
        if key in seen:
            raise SourceError(path, f"duplicate key {key!r}", _line(key_node))
        seen.add(key)
        expected = SCHEMA[key]
        if expected is str:
            value = _text(value_node, key, path)
            problem = date_problem(value) if key == "date" and value else None
            if problem:
                raise SourceError(path, problem, _line(value_node))
            if key == "script" and value not in SCRIPTS:
                raise SourceError(
                    path, f"script: must be 'simplified' or 'traditional', not {value!r}", _line(value_node)
                )
            setattr(meta, key, value)
        elif _is_null(value_node, key, path):
            continue
        elif expected is list:
            meta.authors = _names(value_node, key, path)
        else:
            for name, place in _region(value_node, text, path).items():
                setattr(meta, name, place)
    return meta

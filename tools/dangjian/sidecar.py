"""Metadata sidecars: ``sources/<name>.meta.yaml`` beside a source.

A sidecar states facts the article text does not (the paper, the date, a URL),
each from a source the contributor cites in ``notes``.  Parsing is pure; the CLI
reads the file.  Every problem is reported as ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import yaml

from .errors import SourceError
from .fields import REGION_KEYS, date_problem
from .model import Metadata
from .yaml_nodes import compose, to_python
from .yaml_nodes import line_of as _line

SIDECAR_SUFFIX = ".meta.yaml"

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


def _scalar_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_sidecar(text: str, path: str) -> Metadata:
    """Parse a sidecar's YAML into :class:`Metadata`, validating it against :data:`SCHEMA`."""
    root = compose(text, path)
    if root is None:
        return Metadata()
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, "expected a mapping of keys to values", _line(root))
    meta = Metadata()
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value
        if key in seen:
            raise SourceError(path, f"duplicate key {key!r}", _line(key_node))
        seen.add(key)
        if key not in SCHEMA:
            known = ", ".join(SCHEMA)
            raise SourceError(path, f"unknown key {key!r} (known: {known})", _line(key_node))
        try:
            value = to_python(value_node)
        except (yaml.YAMLError, ValueError) as exc:
            raise SourceError(path, f"{key}: cannot read this value ({exc})", _line(value_node)) from None
        expected = SCHEMA[key]
        if value is None:
            continue
        if expected is str:
            if isinstance(value, (list, dict)):
                raise SourceError(
                    path, f"{key}: expected text, got a {type(value).__name__}", _line(value_node)
                )
            value = _scalar_text(value)
            problem = date_problem(value) if key == "date" and value else None
            if problem:
                raise SourceError(path, problem, _line(value_node))
            if key == "script" and value not in SCRIPTS:
                raise SourceError(
                    path, f"script: must be 'simplified' or 'traditional', not {value!r}", _line(value_node)
                )
            setattr(meta, key, value)
        elif expected is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourceError(path, f"{key}: expected a list of names", _line(value_node))
            meta.authors = [v.strip() for v in value if v.strip()]
        else:
            if not isinstance(value, dict):
                raise SourceError(path, f"{key}: expected province / city / county", _line(value_node))
            for sub_key, _value in value_node.value:
                if sub_key.value not in REGION_KEYS:
                    raise SourceError(
                        path,
                        f"region: unknown key {sub_key.value!r} (known: province, city, county)",
                        _line(sub_key),
                    )
            for name in REGION_KEYS:
                setattr(meta, name, _scalar_text(value.get(name)))
    return meta


def merge(found: Metadata, sidecar: Metadata) -> Metadata:
    """Metadata found in the text, overridden field by field by a sidecar's non-empty values."""
    updates = {name: value for name, value in vars(sidecar).items() if value not in ("", [], None)}
    return replace(found, **updates)

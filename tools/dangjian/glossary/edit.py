"""Add an entry to the glossary file's text, in pinyin order, in the file's own style.

Pure, like mdformat's ``text()``: text in, text out.  The caller writes the result only
when it reads back without new problems, so a bad entry never reaches the file.
"""

from __future__ import annotations

import yaml

from ..errors import SourceError
from . import pinyin as py
from .load import parse_glossary

#: The one-line fields of an entry, in the file's order (``dangjian terms add`` writes these).
FIELDS = (
    "term",
    "traditional",
    "pinyin",
    "english",
    "category",
    "definition",
    "sources",
    "aliases",
    "related",
)
#: Every field in the file's order: the nested ones (written only when given) among them.
ORDER = (*FIELDS[:6], "senses", *FIELDS[6:], "background")


def _value(value: object) -> str:
    """One YAML value on one line (flow style for lists, quotes only where YAML needs them)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20)
    return dumped.removesuffix("\n...\n").strip()


def _nested(name: str, value: object) -> list[str]:
    """``senses`` (a list of mappings) or ``background`` (a mapping), one sub-field a line."""
    if name == "senses":
        out = ["  senses:"]
        for sense in value:  # type: ignore[attr-defined]
            out.append(f"    - definition: {_value(sense.get('definition', ''))}")
            out.append(f"      sources: {_value(list(sense.get('sources', [])))}")
        return out
    keys = [k for k in ("text", "source", "url") if value.get(k)]  # type: ignore[attr-defined]
    return ["  background:", *(f"    {k}: {_value(value[k])}" for k in keys)]  # type: ignore[index]


def entry_block(fields: dict[str, object]) -> str:
    """The entry as the file writes it: ``- term: …`` then one indented line per field.

    The one-line fields are always written; ``senses`` and ``background`` only when given.
    """
    lines = []
    for name in ORDER:
        if name in FIELDS:
            lines.append(f"{'- ' if name == 'term' else '  '}{name}: {_value(fields.get(name, ''))}")
        elif fields.get(name):
            lines += _nested(name, fields[name])
    return "\n".join(lines) + "\n"


def add_entry(text: str, path: str, fields: dict[str, object]) -> tuple[str, int]:
    """``text`` with the entry inserted before the first entry that sorts after it; and its line.

    Refuses (:class:`SourceError`) a term the glossary already has as a term or an alias.
    """
    glossary, _problems = parse_glossary(text, path)
    term = str(fields["term"])
    for entry in glossary.entries:
        if term == entry.term or term in entry.aliases:
            what = "an entry" if term == entry.term else f"an alias of {entry.term}"
            raise SourceError(path, f"{term} is already {what}", entry.line)
    key = py.sort_key(str(fields["pinyin"]), term)
    after = [e for e in glossary.entries if e.sort_key > key]
    lines = text.splitlines(keepends=True)
    block = entry_block(fields)
    if after:
        at = min(e.line for e in after) - 1
        new = [*lines[:at], block, "\n", *lines[at:]]
        return "".join(new), at + 1
    body = "".join(lines).rstrip("\n")
    return f"{body}\n\n{block}", body.count("\n") + 3

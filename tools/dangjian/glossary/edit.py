"""Add an entry to the glossary file's text, in pinyin order, in the file's own style.

Pure, like mdformat's ``text()``: text in, text out.  The caller writes the result only
when it reads back without new problems, so a bad entry never reaches the file.
"""

from __future__ import annotations

import yaml

from ..errors import SourceError
from ..text.yaml_nodes import compose, line_of
from . import pinyin as py
from .citations import ROLE, sentences
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


#: Which definition of an entry: 0 the entry's own, n the n-th sense's.
Part = int


def _definition_nodes(entry: yaml.MappingNode) -> list[yaml.Node | None]:
    """The entry's ``definition`` scalar, then each sense's (``None`` where one is missing)."""
    fields = {k.value: v for k, v in entry.value if isinstance(k, yaml.ScalarNode)}
    out: list[yaml.Node | None] = [fields.get("definition")]
    senses = fields.get("senses")
    if isinstance(senses, yaml.SequenceNode):
        for sense in senses.value:
            own = dict((k.value, v) for k, v in getattr(sense, "value", []) if isinstance(k, yaml.ScalarNode))
            out.append(own.get("definition"))
    return out


def _span(lines: list[str], node: yaml.Node) -> tuple[int, int, int]:
    """Where a plain scalar's text is: (first line, its start column, last line), 0-based.

    Lines and the text after ``definition:`` are used rather than marks' indexes, which count
    bytes or characters depending on the YAML parser.
    """
    first = node.start_mark.line
    last = node.end_mark.line if node.end_mark.column > 0 else node.end_mark.line - 1
    head = lines[first]
    column = head.index("definition:") + len("definition:")
    column += len(head[column:]) - len(head[column:].lstrip(" "))
    return first, column, max(first, last)


def _cite_span(text: str, places: dict[int, tuple[str, ...]]) -> str:
    """``text`` (one definition as written) with the given sentences' citations set (none: removed)."""
    found = sentences(text)
    for index in sorted(places, reverse=True):
        if index >= len(found):
            continue
        sentence = found[index]
        part = text[sentence.start : sentence.end]
        role = ROLE.search(part)
        cut = sentence.start + (role.start() if role else len(part.rstrip()))
        end = sentence.start + len(part.rstrip())
        new = "{para}`" + "; ".join(places[index]) + "`" if places[index] else ""
        text = text[:cut] + new + text[end:]
    return text


def set_citations(text: str, path: str, wanted: dict[tuple[int, Part], dict[int, tuple[str, ...]]]) -> str:
    """``text`` with citations set: (entry line, part) → sentence index → targets (none: removed).

    Everything else stays byte-identical; only plain one-or-more-line scalars are edited.
    """
    root = compose(text, path)
    if not isinstance(root, yaml.SequenceNode):
        return text
    lines = text.splitlines(keepends=True)
    for entry in root.value:
        if not isinstance(entry, yaml.MappingNode):
            continue
        for part, node in enumerate(_definition_nodes(entry)):
            places = wanted.get((line_of(entry), part))
            if not places or not isinstance(node, yaml.ScalarNode) or node.style:
                continue
            first, column, last = _span(lines, node)
            block = "".join(lines[first : last + 1])
            body = block[column:].rstrip("\n")
            new = block[:column] + _cite_span(body, places) + block[column + len(body) :]
            lines[first : last + 1] = [new] + [""] * (last - first)
    return "".join(lines)

"""Read ``terms.yaml`` into a :class:`Glossary`, with every problem located by line.

Reading never stops at the first problem: contributors get the whole list, each as
``path:line: message``.  An entry without a usable term or pinyin is left out (it
could not be linked or anchored); other problems leave the entry in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..errors import SourceError
from ..text.yaml_nodes import UnreadableValue, compose, line_of, source_text, to_python
from . import pinyin as py
from .citations import ROLE, strip_roles
from .model import CATEGORIES, Background, Entry, Glossary, Sense

REQUIRED = ("term", "traditional", "pinyin", "english", "category", "definition", "sources")
OPTIONAL = ("aliases", "related", "senses", "background")
LISTS = ("sources", "aliases", "related")
#: Fields whose value is a structure, read node by node so each part keeps its line.
NESTED = ("senses", "background")
SENSE_FIELDS = ("definition", "sources")
BACKGROUND_REQUIRED = ("text", "source")
BACKGROUND_FIELDS = (*BACKGROUND_REQUIRED, "url")
_URL = re.compile(r"^https?://\S+$")


#: A space between two CJK characters or marks is a line-folding artefact, not text.
_CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])"
)


#: Nested fields whose spaces are part of the text: official titles write one between clauses
#: (《中共中央 国务院关于……》), so only runs of spaces and line breaks are folded there.
KEEP_SPACES = frozenset({"background.source", "background.url"})


def _text(value: object, keep_spaces: bool = False) -> str | None:
    if isinstance(value, str):
        folded = " ".join(value.split())
        return folded if keep_spaces else _CJK_SPACE.sub("", folded)
    return None


def _cite_lines(node: yaml.Node, source: str) -> tuple[int, ...]:
    """The line of each ``{para}`` citation written in the scalar ``node``, in order."""
    first, last = node.start_mark.line, node.end_mark.line
    lines = source.splitlines()[first : last + 1]
    out: list[int] = []
    for offset, text in enumerate(lines):
        out += [first + offset + 1] * len(ROLE.findall(text))
    return tuple(out)


def _cited(values: dict[str, object], node: yaml.Node, source: str) -> tuple[str, tuple[int, ...]]:
    """Split a read ``definition`` into what readers see (kept in ``values``) and what is written."""
    written = values.get("definition")
    if not isinstance(written, str) or not ROLE.search(written):
        return "", ()
    values["definition"] = _text(strip_roles(written)) or ""
    return written, _cite_lines(node, source)


@dataclass
class _Fields:
    """An entry's fields as read: each value, the line it is on, and those reported unreadable."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # reported once: not "missing" too
    nested: dict[str, yaml.Node] = field(default_factory=dict)  # read once the entry's label is known
    cited: tuple[str, tuple[int, ...]] = ("", ())  # the definition as written, its citations' lines


def _field_value(
    key: str,
    value: object,
    line: int,
    path: str,
    problems: list[SourceError],
    shown: str = "",
    keep_spaces: bool = False,
) -> object:
    """``value`` as the field ``key`` holds it (a tuple of texts or one text); empty when it cannot.

    ``shown`` names the field in messages when it is part of another (``senses[2].sources``).
    """
    shown = shown or key
    if key not in LISTS:
        text = _text(value, keep_spaces)
        if text is None:
            problems.append(SourceError(path, f"{shown}: expected text", line))
            return ""
        return text
    if value is None:
        value = []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(SourceError(path, f"{shown}: expected a list of non-empty texts", line))
        value = []
    return tuple(v.strip() for v in value)


def _read_fields(node: yaml.MappingNode, source: str, path: str, problems: list[SourceError]) -> _Fields:
    """Every known field of an entry once; unknown, repeated and unreadable ones are problems."""
    fields = _Fields()
    for key_node, value_node in node.value:
        # A list or a mapping as a key is shown as written, never as a node (its repr can recurse).
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else source_text(key_node, source)
        if not isinstance(key_node, yaml.ScalarNode) or key not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            problems.append(SourceError(path, f"unknown field {key!r} (known: {known})", line_of(key_node)))
            continue
        if key in fields.values:
            problems.append(SourceError(path, f"field {key!r} given twice", line_of(key_node)))
            continue
        fields.lines[key] = line_of(value_node)
        if key in NESTED:
            fields.nested[key] = value_node
            continue
        try:
            value = to_python(value_node)
        except UnreadableValue as exc:
            problems.append(SourceError(path, f"{key}: cannot read this value ({exc})", fields.lines[key]))
            fields.unreadable.add(key)
            continue
        fields.values[key] = _field_value(key, value, fields.lines[key], path, problems)
        if key == "definition":
            fields.cited = _cited(fields.values, value_node, source)
    return fields


@dataclass
class _Part:
    """A small mapping inside an entry (a sense, the background): values and their lines."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    cited: tuple[str, tuple[int, ...]] = ("", ())


@dataclass(frozen=True)
class _Where:
    """Where nested fields are read: the file, its text, the entry's label, the problems so far."""

    path: str
    source: str
    label: str
    problems: list[SourceError]

    def report(self, message: str, line: int) -> None:
        """Add ``message`` about this entry, at ``line``."""
        self.problems.append(SourceError(self.path, f"{self.label}: {message}", line))


def _read_part(node: yaml.Node, known: tuple[str, ...], what: str, where: _Where) -> _Part | None:
    """The fields of one nested mapping ``what`` (``senses[1]``, ``background``); ``None`` if no mapping."""
    if not isinstance(node, yaml.MappingNode):
        shape = ", ".join(f"{k}: …" for k in known)
        where.report(f"{what}: expected a mapping ({shape})", line_of(node))
        return None
    part = _Part()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else source_text(key_node, where.source)
        if not isinstance(key_node, yaml.ScalarNode) or key not in known:
            where.report(f"{what}: unknown field {key!r} (known: {', '.join(known)})", line_of(key_node))
            continue
        if key in part.values:
            where.report(f"{what}: field {key!r} given twice", line_of(key_node))
            continue
        part.lines[key] = line_of(value_node)
        try:
            value = to_python(value_node)
        except UnreadableValue as exc:
            where.report(f"{what}.{key}: cannot read this value ({exc})", part.lines[key])
            part.unreadable.add(key)
            continue
        name = f"{what}.{key}"
        part.values[key] = _field_value(
            key,
            value,
            part.lines[key],
            where.path,
            where.problems,
            f"{where.label}: {name}",
            name in KEEP_SPACES,
        )
        if key == "definition":
            part.cited = _cited(part.values, value_node, where.source)
    return part


def _missing(part: _Part, required: tuple[str, ...], what: str, here: int, where: _Where) -> None:
    """Report each required field of ``part`` that is absent or empty (not those unreadable)."""
    for key in required:
        if not part.values.get(key) and key not in part.unreadable:
            where.report(f"{what}: missing field {key!r}", here)


def _senses(node: yaml.Node, where: _Where) -> tuple[Sense, ...]:
    """``senses``: a list of two or more ``{definition, sources}``, numbered from 1 in messages."""
    if not isinstance(node, yaml.SequenceNode):
        where.report(
            "senses: expected a list of senses (each '- definition: …' with 'sources: […]')", line_of(node)
        )
        return ()
    if len(node.value) < 2:
        where.report("senses: give two or more senses, or none", line_of(node))
    senses = []
    for number, item in enumerate(node.value, 1):
        what = f"senses[{number}]"
        part = _read_part(item, SENSE_FIELDS, what, where)
        if part is None:
            continue
        _missing(part, SENSE_FIELDS, what, line_of(item), where)
        definition = str(part.values.get("definition", ""))
        sources = tuple(part.values.get("sources", ()))  # type: ignore[arg-type]
        senses.append(Sense(definition, sources, line_of(item), part.lines, *part.cited))
    return tuple(senses)


def _background(node: yaml.Node, where: _Where) -> Background | None:
    """``background``: ``{text, source, url?}``, context from a named public document."""
    part = _read_part(node, BACKGROUND_FIELDS, "background", where)
    if part is None:
        return None
    _missing(part, BACKGROUND_REQUIRED, "background", line_of(node), where)
    url = str(part.values.get("url", ""))
    if url and not _URL.match(url):
        where.report(f"background.url: {url!r} is not an http(s):// address", part.lines["url"])
        url = ""
    return Background(
        str(part.values.get("text", "")), str(part.values.get("source", "")), url, line_of(node)
    )


def _check_fields(fields: _Fields, label: str, here: int, path: str, problems: list[SourceError]) -> None:
    """Required fields are there and the category is a known one."""
    for key in REQUIRED:
        if not fields.values.get(key) and key not in fields.unreadable:
            problems.append(SourceError(path, f"{label}: missing field {key!r}", here))
    category = fields.values.get("category", "")
    if category and category not in CATEGORIES:
        known = ", ".join(CATEGORIES)
        problems.append(
            SourceError(
                path, f"{label}: unknown category {category!r} (known: {known})", fields.lines["category"]
            )
        )


def _reading(fields: _Fields, label: str, path: str, problems: list[SourceError]) -> str:
    """The entry's pinyin, or "" when it cannot make an anchor (then the entry is left out)."""
    reading = str(fields.values.get("pinyin", ""))
    if reading and (not py.PINYIN_CHARS.match(reading) or not py.slug(reading)):
        problems.append(
            SourceError(
                path,
                f"{label}: pinyin {reading!r} must be letters with tone marks, words split by spaces",
                fields.lines["pinyin"],
            )
        )
        return ""
    return reading


def _entry(node: yaml.Node, source: str, path: str, problems: list[SourceError]) -> Entry | None:
    """The entry ``node`` writes, its problems added to ``problems``; ``None`` without term or pinyin."""
    here = line_of(node)
    if not isinstance(node, yaml.MappingNode):
        problems.append(SourceError(path, "each entry must be a mapping (term: …, pinyin: …)", here))
        return None
    fields = _read_fields(node, source, path, problems)
    values = fields.values
    term = values.get("term", "")
    label = f"entry {term!r}" if term else "entry"
    _check_fields(fields, label, here, path, problems)
    where = _Where(path, source, label, problems)
    if "senses" in fields.nested:
        values["senses"] = _senses(fields.nested["senses"], where)
    if "background" in fields.nested:
        values["background"] = _background(fields.nested["background"], where)
    reading = _reading(fields, label, path, problems)
    if not term or not reading:
        return None
    return Entry(
        term=str(term),
        traditional=str(values.get("traditional", "")),
        pinyin=reading,
        english=str(values.get("english", "")),
        category=str(values.get("category", "")),
        definition=str(values.get("definition", "")),
        sources=tuple(values.get("sources", ())),  # type: ignore[arg-type]
        aliases=tuple(values.get("aliases", ())),  # type: ignore[arg-type]
        related=tuple(values.get("related", ())),  # type: ignore[arg-type]
        senses=values.get("senses", ()),  # type: ignore[arg-type]
        background=values.get("background"),  # type: ignore[arg-type]
        line=here,
        lines=fields.lines,
        cited=fields.cited[0],
        cite_lines=fields.cited[1],
    )


def parse_glossary(text: str, path: str) -> tuple[Glossary, list[SourceError]]:
    """The glossary in ``text`` (a YAML list of entries) and the problems found reading it."""
    problems: list[SourceError] = []
    try:
        root = compose(text, path)
    except SourceError as error:
        return Glossary(path, ()), [error]
    if root is None:
        return Glossary(path, ()), []
    if not isinstance(root, yaml.SequenceNode):
        return Glossary(path, ()), [
            SourceError(path, "expected a list of entries (each starting with '- term:')", line_of(root))
        ]
    entries = [entry for node in root.value if (entry := _entry(node, text, path, problems))]
    entries.sort(key=lambda e: e.sort_key)
    return Glossary(path, tuple(entries)), problems

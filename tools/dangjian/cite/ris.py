"""RIS (the tagged format EndNote, Zotero and NoteExpress import): one record per item.

RIS is a line format with no escapes, so a value's line breaks become spaces; everything else
is written as it is.
"""

from __future__ import annotations

from .fields import date_iso, is_newspaper, names, one_line


def _date(iso: str) -> str:
    """ISO ``2022-06-20`` as RIS writes dates: ``2022/06/20/`` (missing parts left empty)."""
    parts = [*iso.split("-"), "", ""][:3]
    return "/".join(parts) + "/"


def _record(item: dict) -> list[tuple[str, str]]:
    """The (tag, value) lines of one item, ``TY`` first and ``ER`` last."""
    lines = [("TY", "NEWS" if is_newspaper(item) else "ELEC"), ("ID", str(item["id"]))]
    lines += [("AU", name) for name in names(item)]
    lines.append(("TI", str(item.get("title", ""))))
    container = str(item.get("container-title", ""))
    if container:
        lines += [("T2", container), ("JO", container)] if is_newspaper(item) else [("T2", container)]
    issued = date_iso(item, "issued")
    if issued:
        lines += [("PY", issued[:4]), ("DA", _date(issued))]
    lines += [(tag, str(item[key])) for tag, key in (("SP", "page"), ("PB", "publisher")) if item.get(key)]
    lines += [(tag, str(item[key])) for tag, key in (("UR", "URL"), ("N1", "note")) if item.get(key)]
    accessed = date_iso(item, "accessed")
    if accessed:
        lines.append(("Y2", _date(accessed)))
    if item.get("language"):
        lines.append(("LA", str(item["language"])))
    return [*lines, ("ER", "")]


def to_ris(items: list[dict]) -> str:
    """The items as one RIS file (``TAG  - value`` lines, ``ER  - `` ending each record)."""
    records = []
    for item in items:
        records.append("\n".join(f"{tag}  - {one_line(value)}" for tag, value in _record(item)))
    return "\n\n".join(records) + "\n" if records else ""

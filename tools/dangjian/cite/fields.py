"""Reading a CSL-JSON item's fields the one way every format writer needs them.

The writers (BibTeX, RIS) and the item builders share these, so a date or a name is turned
into text once, and every format carries the same value.
"""

from __future__ import annotations

import re

from ..text.dates import date_problem

#: A run of whitespace, line breaks included: a reference is one line.
_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """``text`` with each run of spaces and line breaks as one space: a field of a line format."""
    return _SPACE.sub(" ", text).strip()


def date_parts(iso: str) -> list[int]:
    """``2022-06-20`` → ``[2022, 6, 20]`` (``YYYY-MM`` and ``YYYY`` give fewer parts).

    Raises ValueError with the date rule's message when ``iso`` is not such a date.
    """
    problem = date_problem(iso)
    if problem:
        raise ValueError(problem)
    return [int(part) for part in iso.split("-")]


def csl_date(iso: str) -> dict:
    """A CSL-JSON date variable for ``iso`` (see :func:`date_parts`)."""
    return {"date-parts": [date_parts(iso)]}


def date_iso(item: dict, variable: str) -> str:
    """The item's date ``variable`` (``issued``, ``accessed``) as ISO text, "" when it has none."""
    parts = (item.get(variable) or {}).get("date-parts") or [[]]
    first = [int(part) for part in parts[0]]
    return "-".join(f"{part:04d}" if i == 0 else f"{part:02d}" for i, part in enumerate(first))


def name_text(name: dict) -> str:
    """One CSL name as printed: the literal, or ``family, given`` for a name in parts."""
    if name.get("literal"):
        return str(name["literal"])
    family, given = str(name.get("family", "")), str(name.get("given", ""))
    return f"{family}, {given}" if family and given else family or given


def names(item: dict, variable: str = "author") -> list[str]:
    """The item's names of ``variable`` as printed, in order."""
    return [text for text in (name_text(name) for name in item.get(variable, [])) if text]


def is_newspaper(item: dict) -> bool:
    """Whether the item is a newspaper article (else it is cited as a web page)."""
    return item.get("type") == "article-newspaper"

"""The facts of an article as data: statistics, people, organisations and dated events.

One typed model that the extractor fills, front-matter corrections replace, ``dangjian
check`` validates and the site's timeline and people index show.  Every fact cites the
paragraph it rests on (``paragraph`` is a target ``article#p-…``); what the text does not
say stays empty (shown as 不详), never guessed.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any

#: The kinds a page's ``facts:`` front matter may correct, each replacing the extracted list.
KINDS = ("statistics", "people", "organisations", "events")


@dataclass(frozen=True)
class Statistic:
    """A reported figure: ``value`` + ``unit`` as printed, inside the clause saying what it counts."""

    what: str  # the clause that says what is counted, as printed
    value: str  # as printed: 200余, 13万多, 52.9
    unit: str = ""
    amount: float | None = None  # the number the grammar reads (None if it gives none)
    qualifier: str = ""  # 余 多 近 上 以上 左右, "" if exact
    place: str = ""  # gazetteer key, "" if unknown
    period: str = ""  # as stated: 2021年, 截至目前; "" if none
    paragraph: str = ""  # article#p-…


@dataclass(frozen=True)
class Person:
    """A named person with the role the text gives them (no role stated: not recorded)."""

    name: str
    role: str
    place: str = ""
    paragraph: str = ""  # article#p-…; "" for a byline, which stands above the paragraphs
    piece: int = 0  # 1-based piece whose byline names them (0: named in a paragraph)


@dataclass(frozen=True)
class Organisation:
    """A named organisation as printed (驻村干部党委, 汪清县海源农业有限公司)."""

    name: str
    kind: str = ""  # the kind its name states: 党委, 有限公司, 合作社 …
    place: str = ""
    paragraph: str = ""


@dataclass(frozen=True)
class Event:
    """What happened at a date, the date exactly as the text states it.

    ``resolved`` is ISO-like (2016-08, 2017, 2022-06-20) only when the text gives an
    absolute date or a relative one (去年11月) can be read against the article's
    publication date; otherwise "" and the view shows ``date`` as stated.
    """

    date: str
    what: str  # the clause the date heads, quoted
    resolved: str = ""
    place: str = ""
    paragraph: str = ""

    @property
    def year_month(self) -> tuple[int, int] | None:
        """(year, month or 0) for ordering, from ``resolved``; None when the date is not known."""
        head = self.resolved[:7].split("-")
        if not head[0].isdigit():
            return None
        return int(head[0]), int(head[1]) if len(head) > 1 and head[1].isdigit() else 0


FACT_TYPES: dict[str, type] = {
    "statistics": Statistic,
    "people": Person,
    "organisations": Organisation,
    "events": Event,
}


@dataclass(frozen=True)
class Facts:
    """Everything one article states as facts; ``corrected`` names the kinds its front matter gave."""

    article: str
    statistics: tuple[Statistic, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    events: tuple[Event, ...] = ()
    corrected: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in KINDS}


def field_types(kind: str) -> dict[str, type]:
    """Each field of a kind's record and the type a correction must give it."""
    types = {"str": str, "int": int, "float | None": float}
    return {f.name: types.get(str(f.type), str) for f in fields(FACT_TYPES[kind])}


def record(kind: str, mapping: dict[str, Any]) -> Any:
    """A record of ``kind`` from a (validated) correction mapping; missing fields stay empty."""
    cls = FACT_TYPES[kind]
    required = {f.name: "" for f in fields(cls) if f.default is MISSING}
    values = {k: v for k, v in mapping.items() if k in field_types(kind) and v is not None}
    if "amount" in values:
        values["amount"] = float(values["amount"])
    return cls(**(required | values))

"""Field rules shared by sidecars and page front matter: dates and places.

Each rule returns the problem as a message, or ``None``; the caller knows the file and line.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import quoted
from .regions import Gazetteer

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
REGION_KEYS = ("province", "city", "county")
#: The gazetteer level each region key names.
REGION_LEVELS = {"province": "province", "city": "prefecture", "county": "county"}


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a date the site can show (YYYY-MM-DD, YYYY-MM or YYYY), or ``None``."""
    match = _DATE.match(value)
    if not match:
        return f"date: {quoted(value)} is not YYYY-MM-DD, YYYY-MM or YYYY"
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"date: {quoted(value)} is not a calendar date"
    return None


def region_problems(region: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    """Problems with a province / city / county triple, by key, checked against the gazetteer."""
    problems: dict[str, str] = {}
    above = ""
    for key in REGION_KEYS:
        name = region.get(key) or ""
        if not name:
            continue
        place = gazetteer.get(name)
        if place is None:
            problems[key] = (
                f"{key}: {quoted(name)} is not in the gazetteer ({gazetteer.path}); add it there first"
            )
        elif place.level != REGION_LEVELS[key]:
            problems[key] = (
                f"{key}: {quoted(name)} is a {place.level}-level place, not a {REGION_LEVELS[key]}"
            )
        elif above and above not in gazetteer.ancestors(name):
            problems[key] = f"{key}: {quoted(name)} is not in {above}"
        if place is not None:
            above = name
    return problems

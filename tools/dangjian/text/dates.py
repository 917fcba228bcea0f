"""The date rule shared by sidecars, crawler front matter and page front matter.

It returns the problem as a message, or ``None``; the caller knows the file and line.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import quoted

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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

"""Datasette metadata for ``make explore``: titles, the rights note and three canned queries.

Written next to the database; Datasette is an optional extra (``pip install .[explore]``),
never needed by ``make`` or the tests, so nothing here imports it.
"""

from __future__ import annotations

from .schema import PACKAGE_NAME, PACKAGE_TITLE, PROJECT_LICENSES, RIGHTS_NOTE, SQLITE_FILE, TABLES

METADATA_FILE = "datasette-metadata.json"

#: Where a term is used: its paragraphs grouped by the place their piece is located at.
TERM_ACROSS_PLACES = """
SELECT pl.name AS place, pl.level_name AS level, count(DISTINCT m.paragraph) AS paragraphs,
       sum(m.count) AS mentions, group_concat(DISTINCT m.article) AS articles
FROM mentions AS m
JOIN paragraphs AS p ON p.id = m.paragraph
JOIN pieces AS pc ON pc.article = p.article AND pc.number = p.piece
JOIN places AS pl ON pl.key = pc.place
WHERE m.term = :term
GROUP BY pl.key
ORDER BY paragraphs DESC, pl.key
""".strip()

#: The figures reported for each place, most first.
FIGURES_BY_PLACE = """
SELECT pl.name AS place, pl.level_name AS level, count(*) AS figures,
       group_concat(s.value || coalesce(s.unit, ''), '、') AS "values"
FROM statistics AS s
JOIN places AS pl ON pl.key = s.place
GROUP BY pl.key
ORDER BY figures DESC, pl.key
""".strip()

#: Dated events in time order (only those whose date the text fixes to a year).
EVENTS_BY_YEAR = """
SELECT e.year, e.resolved, e.date, e.what, pl.name AS place, e.paragraph
FROM events AS e
LEFT JOIN places AS pl ON pl.key = e.place
WHERE e.year IS NOT NULL
ORDER BY e.year, e.resolved, e.id
""".strip()

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "term_across_places": {"title": "术语在各地的使用", "sql": TERM_ACROSS_PLACES},
    "figures_by_place": {"title": "各地报道的数字", "sql": FIGURES_BY_PLACE},
    "events_by_year": {"title": "按年份的事件", "sql": EVENTS_BY_YEAR},
}


def _license() -> dict[str, str]:
    """Datasette's license fields: the project's (first) license, none if it states none."""
    return (
        {"license": lic["title"], "license_url": lic["path"]} if (lic := dict(*PROJECT_LICENSES[:1])) else {}
    )


def datasette_metadata() -> dict[str, object]:
    """Datasette's ``--metadata`` document (the database is named after its file)."""
    database = SQLITE_FILE.rsplit(".", 1)[0]
    return {
        "title": PACKAGE_TITLE,
        "description": RIGHTS_NOTE,
        **_license(),
        "databases": {
            database: {
                "title": PACKAGE_NAME,
                "tables": {t.name: {"title": t.title, "description": t.description} for t in TABLES},
                "queries": CANNED_QUERIES,
            }
        },
    }

"""Full-text search of the database's paragraphs, in either script.

The query is folded to simplified script and segmented with the same glossary-aware jieba
the index was built with; the glossary is read back from the database's own ``terms`` table,
so a database file is searched on its own.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ..glossary.model import Entry, Glossary
from .schema import LIST_SEPARATOR
from .segment import Segmenter, match_expression
from .sqlite import FTS_TABLE


def _glossary(db: sqlite3.Connection, path: str) -> Glossary:
    """The forms of the database's terms, as entries (only what segmenting needs is filled in)."""
    entries = [
        Entry(term, traditional or "", "", "", "", "", (), tuple((aliases or "").split(LIST_SEPARATOR)))
        for term, traditional, aliases in db.execute("SELECT term, traditional, aliases FROM terms")
    ]
    return Glossary(path, tuple(entries))


def search(db_path: Path, query: str, segmenter: Segmenter | None = None) -> list[str]:
    """The ids of the paragraphs holding every word of ``query``, best match first."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        segmenter = segmenter or Segmenter(_glossary(db, str(db_path)))
        words = segmenter.query_words(query)
        if not words:
            return []
        found = db.execute(
            f"SELECT p.id FROM {FTS_TABLE} JOIN paragraphs AS p ON p.rowid = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH ? ORDER BY rank, p.id",
            (match_expression(words),),
        )
        return [row[0] for row in found]

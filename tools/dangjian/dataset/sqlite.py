"""The data package as one SQLite database, with a full-text index over the paragraphs.

Each table of :data:`.schema.TABLES` becomes a table with its primary and foreign keys.
``paragraphs`` has one more column, :data:`WORDS` (its text segmented into words, see
:mod:`.segment`), indexed by the FTS5 table ``paragraphs_fts``.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from .collect import Dataset
from .schema import TABLES, Table
from .segment import Segmenter

#: The paragraphs' segmented text (SQLite only): what the full-text index holds.
WORDS = "words"
#: The full-text table sqlite-utils names after the table it indexes.
FTS_TABLE = "paragraphs_fts"
_TYPES = {"string": str, "integer": int, "number": float}
#: Tables a foreign key points at are created first (places before the pieces placed in them).
_ORDER = ("articles", "places", "pieces", "paragraphs", "terms", "senses", "mentions")


def _create_order() -> list[Table]:
    rank = {name: i for i, name in enumerate(_ORDER)}
    return sorted(TABLES, key=lambda t: rank.get(t.name, len(rank)))


def _create(db: sqlite_utils.Database, table: Table) -> None:
    columns = {c.name: _TYPES[c.type] for c in table.columns}
    if table.name == "paragraphs":
        columns[WORDS] = str
    db[table.name].create(  # type: ignore[union-attr]
        columns,
        pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
        foreign_keys=[(fk.columns, fk.table, fk.fields) for fk in table.foreign_keys],
        not_null={c.name for c in table.columns if c.required},
    )


def write_sqlite(data: Dataset, path: Path, segmenter: Segmenter) -> None:
    """Write every table (and the paragraphs' full-text index) into a new database at ``path``."""
    db = sqlite_utils.Database(path)
    # A new file in a temporary folder, renamed into place only when whole: no journal needed.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    try:
        for table in _create_order():
            _create(db, table)
            rows = data.tables[table.name]
            if table.name == "paragraphs":
                rows = [{**row, WORDS: segmenter.index_words(str(row["text"]))} for row in rows]
            db[table.name].insert_all(rows, batch_size=500)  # type: ignore[union-attr]
        db["paragraphs"].enable_fts([WORDS], fts_version="FTS5")  # type: ignore[union-attr]
        db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")
        db.conn.commit()
    finally:
        db.close()

"""Write the data package: CSV tables with ``datapackage.json``, one JSON file, one SQLite database.

Everything is written into a temporary folder next to the target and renamed into place,
so a failed or interrupted run leaves the previous package (or none), never half of one.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import SourceError
from .collect import Dataset, build_dataset, read_inputs
from .explore import METADATA_FILE, datasette_metadata
from .schema import (
    DATAPACKAGE,
    JSON_FILE,
    PACKAGE_NAME,
    PACKAGE_TITLE,
    PROJECT_LICENSES,
    RIGHTS_NOTE,
    SQLITE_FILE,
    TABLES,
    Column,
    Table,
)
from .segment import Segmenter
from .sqlite import write_sqlite

DESCRIPTION = (
    "基层党建知识库的全部结构化数据：文章、稿件、段落、术语（含义项）、术语出现、地区、"
    "数字、人物、组织、事件。由 dangjian data 从文章页面、术语表和地名表生成。"
)


def _field(column: Column) -> dict[str, object]:
    out: dict[str, object] = {"name": column.name, "type": column.type, "description": column.description}
    if column.required:
        out["constraints"] = {"required": True}
    return out


def table_schema(table: Table) -> dict[str, object]:
    """The Frictionless table schema of one table (a key to its own table names resource "")."""
    return {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": list(table.primary_key),
        "foreignKeys": [
            {
                "fields": list(fk.columns),
                "reference": {
                    "resource": "" if fk.table == table.name else fk.table,
                    "fields": list(fk.fields),
                },
            }
            for fk in table.foreign_keys
        ],
    }


def _sources(data: Dataset) -> list[dict[str, str]]:
    """Each article's source: its newspaper (where known), title and address, and stated rights."""
    out = []
    for row in data.tables["articles"]:
        title = "，".join(str(row[k]) for k in ("publication", "title", "date") if row.get(k))
        source = {"title": f"{row['id']}：{title}"}
        if row.get("url"):
            source["path"] = str(row["url"])
        if data.rights.get(str(row["id"])):
            source["rights"] = data.rights[str(row["id"])]
        out.append(source)
    return out


def descriptor(data: Dataset) -> dict[str, object]:
    """``datapackage.json``: the package, its rights and license, every resource with its schema."""
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": DESCRIPTION,
        "rights": RIGHTS_NOTE,
        "sources": _sources(data),
    }
    if PROJECT_LICENSES:
        package["licenses"] = [dict(license) for license in PROJECT_LICENSES]
    package["resources"] = [
        {
            "name": table.name,
            "path": table.path,
            "profile": "tabular-data-resource",
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            **({"rights": RIGHTS_NOTE} if table.article_text else {}),
            "schema": table_schema(table),
        }
        for table in TABLES
    ]
    return package


def _write_csv(path: Path, table: Table, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names())
        for row in rows:
            writer.writerow(["" if row.get(name) is None else row[name] for name in table.column_names()])


def _write_json(path: Path, value: object, indent: int | None = 1) -> None:
    """JSON as UTF-8 text; the tables without indentation (a third of the size at 1,000 articles)."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    path.write_text(text + "\n", encoding="utf-8")


def write_files(data: Dataset, folder: Path, segmenter: Segmenter) -> None:
    """Every file of the package into ``folder`` (which exists and is empty)."""
    for table in TABLES:
        _write_csv(folder / table.path, table, data.tables[table.name])
    package = descriptor(data)
    _write_json(folder / DATAPACKAGE, package)
    meta = {key: package[key] for key in ("name", "title", "description", "rights", "sources")}
    _write_json(folder / JSON_FILE, {**meta, "tables": data.tables}, indent=None)
    write_sqlite(data, folder / SQLITE_FILE, segmenter)
    _write_json(folder / METADATA_FILE, datasette_metadata())


def write_package(data: Dataset, out: Path, segmenter: Segmenter) -> None:
    """Write the package into the folder ``out``, replacing what it held, all or nothing.

    A folder that holds files but no ``datapackage.json`` is refused: ``--out docs`` must not
    replace the documentation.
    """
    if out.is_dir() and any(out.iterdir()) and not (out / DATAPACKAGE).is_file():
        raise SourceError(str(out), f"holds files but no {DATAPACKAGE}; refusing to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        write_files(data, work, segmenter)
        os.chmod(work, 0o755)  # mkdtemp makes it private; a published folder is not
        if out.exists():
            old = out.with_name(f"{work.name}.old")
            out.rename(old)
            work.rename(out)
            shutil.rmtree(old)
        else:
            work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def write_dataset(root: Path, out: Path) -> Dataset:
    """Read the repository at ``root`` and write its data package into ``out``: what ``make`` and
    the benchmark run (a :class:`~dangjian.errors.SourceError` names the first bad input)."""
    inputs = read_inputs(root)
    data = build_dataset(inputs)
    write_package(data, out, Segmenter(inputs.glossary))
    return data

"""The 数据下载 page: every table and column of the data package, and links to its files.

Rendered from :data:`dangjian.dataset.schema.TABLES`, the same definitions the package's
``datapackage.json``, SQLite database and JSON are written from, so the page cannot drift from
the data.  In the PDF the files are named (with the site's address when the build knows it)
instead of linked.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...dataset.schema import DATAPACKAGE, JSON_FILE, SQLITE_FILE, TABLES, Table
from ..cite.downloads import FORMATS, whole_path
from ..cite.references import site_url

#: Where the HTML build writes the package, relative to the site's root.
DATA_FOLDER = "data"
TYPES = {"string": "文本", "integer": "整数", "number": "数值"}


def _file_link(self: SphinxDirective, path: str, label: str) -> nodes.Node:
    """A link to a file of the site (relative to this page), or its name and address in the PDF."""
    if self.env.app.builder.format == "html":
        prefix = "../" * self.env.docname.count("/")
        return nodes.reference(label, label, refuri=prefix + path)
    base = site_url(self.env.app)
    return nodes.literal(path, base + path if base else path)


class DataFiles(SphinxDirective):
    """The package's files: datapackage.json, the CSV tables, SQLite, JSON, the citation files."""

    def run(self) -> list[nodes.Node]:
        files = [
            (
                f"{DATA_FOLDER}/{DATAPACKAGE}",
                DATAPACKAGE,
                "数据包描述（Frictionless Data Package：表结构、主键与外键、权利说明）",
            ),
            (f"{DATA_FOLDER}/{SQLITE_FILE}", SQLITE_FILE, "全部数据表的 SQLite 数据库，段落带中文全文索引"),
            (f"{DATA_FOLDER}/{JSON_FILE}", JSON_FILE, "全部数据表，一个 JSON 文件"),
        ]
        files += [(f"{DATA_FOLDER}/{t.path}", t.path, f"{t.title}表（CSV，UTF-8）") for t in TABLES]
        files += [
            (whole_path(fmt), whole_path(fmt).rsplit("/", 1)[-1], f"全库引文（{label}）")
            for fmt, label in FORMATS
        ]
        out: list[nodes.Node] = []
        if self.env.app.builder.format != "html":
            base = site_url(self.env.app)
            where = f"（{base}）" if base else ""
            text = f"以下文件在本库网站{where}发布，路径相对于网站根目录。"
            out.append(nodes.paragraph(text, text))
        listing = nodes.bullet_list(classes=["data-files"])
        for path, label, what in files:
            para = nodes.paragraph()
            para += _file_link(self, path, label)
            para += nodes.Text(f"：{what}")
            listing += nodes.list_item("", para)
        return [*out, listing]


def _cell(text: str, literal: bool = False) -> nodes.entry:
    inner = nodes.literal(text, text) if literal and text else nodes.Text(text)
    return nodes.entry("", nodes.paragraph("", "", inner))


def _columns_table(table: Table) -> nodes.table:
    # Given widths: LaTeX's tabulary squeezed 类型 and 必填 to one character a line.
    node = nodes.table(classes=["data-columns", "colwidths-given"])
    group = nodes.tgroup(cols=4)
    node += group
    for width in (4, 2, 2, 12):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(_cell(t) for t in ("列名", "类型", "必填", "说明")))
    group += head
    body = nodes.tbody()
    for column in table.columns:
        body += nodes.row(
            "",
            _cell(column.name, literal=True),
            _cell(TYPES.get(column.type, column.type)),
            _cell("是" if column.required or column.name in table.primary_key else ""),
            _cell(column.description),
        )
    group += body
    return node


def _keys(table: Table) -> nodes.paragraph:
    text = "主键：" + "、".join(table.primary_key)
    if table.foreign_keys:
        text += "；外键：" + "、".join(f"{k.column} → {k.table}.{k.field}" for k in table.foreign_keys)
    return nodes.paragraph(text + "。", text + "。", classes=["data-keys"])


class DataTables(SphinxDirective):
    """Each table: its title, what a row is, its keys and every column."""

    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for table in TABLES:
            title = f"{table.title}（{table.name}）"
            rubric = nodes.rubric(title, title, ids=[f"table-{table.name}"], classes=["data-table-name"])
            out += [rubric, nodes.paragraph(table.description, table.description), _keys(table)]
            out.append(_columns_table(table))
        return out


def setup_data_page(app: Sphinx) -> None:
    app.add_directive("data-files", DataFiles)
    app.add_directive("data-tables", DataTables)

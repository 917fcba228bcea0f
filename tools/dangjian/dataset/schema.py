"""Every table of the data package, defined once.

The Frictionless schema, the SQLite tables, the JSON file and the 数据下载 page are all
made from :data:`TABLES`, so a column is described (and typed) in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a list (authors, sources, aliases) is written in one cell.
LIST_SEPARATOR = "; "
#: The files the package holds, next to ``datapackage.json``.
DATAPACKAGE = "datapackage.json"
JSON_FILE = "dangjian-kb.json"
SQLITE_FILE = "dangjian-kb.sqlite"
PACKAGE_NAME = "dangjian-kb"
PACKAGE_TITLE = "基层党建知识库 数据包"
#: The license of what the project wrote itself (glossary, annotations, gazetteer, the tables),
#: as the repository's LICENSE states it (section 2); the article texts are not covered.
PROJECT_LICENSES: tuple[dict[str, str], ...] = (
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 International",
    },
)
#: The credit LICENSE asks for.
ATTRIBUTION = "基层党建知识库（dangjian-kb contributors）"
#: Who holds the rights to the article texts: stated on the package and on each text table.
RIGHTS_NOTE = (
    "文章正文及其段落的权利归原刊载报纸（出版者）所有，不在本项目许可之内；articles 表的 rights 列和 "
    "sources 载明来源声明的权利，空值表示来源未载明。本项目自行编写的部分（术语释义与背景说明、结构化标注、"
    f"地名表、本数据包的表格）采用 CC BY 4.0 许可（见 licenses），署名“{ATTRIBUTION}”。"
)


@dataclass(frozen=True)
class Column:
    """One column: its name, Frictionless type, Chinese description, and whether it is required."""

    name: str
    type: str  # string | integer | number
    description: str
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """``columns`` hold a row of ``table.fields`` (empty allowed unless a column is required)."""

    columns: tuple[str, ...]
    table: str
    fields: tuple[str, ...]

    @property
    def column(self) -> str:
        """The column(s) as one label: ``article`` or ``article, piece``."""
        return ", ".join(self.columns)

    @property
    def field(self) -> str:
        """The referenced field(s) as one label."""
        return ", ".join(self.fields)


def _fk(column: str, table: str, field: str) -> ForeignKey:
    return ForeignKey((column,), table, (field,))


@dataclass(frozen=True)
class Table:
    """One table: file stem, Chinese title and description, columns, keys."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: The table holds the articles' own text (its rights stay with the publishers).
    article_text: bool = False

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _s(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "string", description, required)


def _i(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "integer", description, required)


_ARTICLE = _fk("article", "articles", "id")
_PARAGRAPH = _fk("paragraph", "paragraphs", "id")
_PLACE = _fk("place", "places", "key")
_FACT_ID = _i("id", "本表内的序号（按文章、段落顺序）", True)
_FACT_ARTICLE = _s("article", "文章编号（articles.id）", True)
_FACT_PARAGRAPH = _s("paragraph", "所依据的段落（paragraphs.id）")
_FACT_PLACE = _s("place", "所在地（places.key）；不详为空")

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        "文章",
        "每个文章页面一行（docs/articles/NNN-*.md），取自页面的 front matter；空值表示来源未载明。",
        (
            _s("id", "文章编号：页面文件名（如 003-yanbian）", True),
            _s("title", "标题（简体）", True),
            _s("original_title", "原标题（繁体来源的原文写法）"),
            _s("publication", "刊载报纸"),
            _s("date", "刊发日期，按来源所载（YYYY-MM-DD、YYYY-MM 或 YYYY）"),
            _s("url", "原文网址"),
            _s("authors", f"作者，以“{LIST_SEPARATOR.strip()}”分隔"),
            _s("province", "省级地区（按来源或正文）"),
            _s("city", "地级地区"),
            _s("county", "县级地区"),
            _s("script", "来源文字：simplified 或 traditional"),
            _s("rights", "来源载明的权利声明"),
            _s("editor", "责任编辑"),
            _s("page", "本站页面（相对站点根目录）", True),
        ),
        ("id",),
    ),
    Table(
        "pieces",
        "稿件",
        "一个报纸版面上的各篇稿件，按页面顺序编号；place 为该稿件定位到的第一个地区。",
        (
            _s("article", "文章编号（articles.id）", True),
            _i("number", "稿件序号（从 1 起）", True),
            _s("title", "稿件标题"),
            _s("subtitle", "副标题"),
            _s("kicker", "眉题"),
            _s("dateline", "电头"),
            _s("authors", f"作者，以“{LIST_SEPARATOR.strip()}”分隔"),
            _s("place", "定位到的地区（places.key）；未能定位为空"),
        ),
        ("article", "number"),
        (_ARTICLE, _PLACE),
    ),
    Table(
        "paragraphs",
        "段落",
        "文章正文中带锚点的段落（引用指向它们）；没有锚点的段落无法引用，不收录。",
        (
            _s("id", "段落编号：文章编号#锚点（如 002-jinzhou#p-jinzhoushi）", True),
            _s("article", "文章编号（articles.id）", True),
            _i("piece", "所属稿件序号（pieces.number）", True),
            _s("section", "所在小标题；稿件开头部分为空"),
            _s("anchor", "段落锚点", True),
            _i("line", "在页面文件中的行号", True),
            _s("text", "段落正文（纯文本）", True),
            _s("page", "本站页面上的段落位置", True),
        ),
        ("id",),
        (_ARTICLE, ForeignKey(("article", "piece"), "pieces", ("article", "number"))),
        article_text=True,
    ),
    Table(
        "terms",
        "术语",
        "术语表（docs/glossary/terms.yaml）的每个词条；多义词条的各义项见 senses 表。",
        (
            _s("term", "术语（简体，按文章写法）", True),
            _s("traditional", "繁体写法", True),
            _s("pinyin", "拼音（带声调）", True),
            _s("english", "英文译名", True),
            _s("category", "类别代码", True),
            _s("category_name", "类别名称", True),
            _s("definition", "释义（按所引文章，不含引注）"),
            _s("sources", f"释义所据文章编号，以“{LIST_SEPARATOR.strip()}”分隔"),
            _s("aliases", f"文章中的其他写法，以“{LIST_SEPARATOR.strip()}”分隔"),
            _s("related", f"相关词条，以“{LIST_SEPARATOR.strip()}”分隔"),
            _i("senses", "义项数（0 表示只有一个释义）", True),
            _s("background", "语料以外的背景说明"),
            _s("background_source", "背景说明所据的公开文件"),
            _s("background_url", "该文件的网址"),
            _s("page", "本站术语表中的位置", True),
        ),
        ("term",),
    ),
    Table(
        "senses",
        "义项",
        "一个术语在不同文章中的不同含义，各有其来源文章。",
        (
            _s("term", "术语（terms.term）", True),
            _i("number", "义项序号（从 1 起）", True),
            _s("label", "本站显示的义项标记（①②…）", True),
            _s("definition", "义项释义（不含引注）", True),
            _s("sources", f"所据文章编号，以“{LIST_SEPARATOR.strip()}”分隔"),
        ),
        ("term", "number"),
        (_fk("term", "terms", "term"),),
    ),
    Table(
        "mentions",
        "术语出现",
        "每个段落提到的术语（含别名与繁体写法）及次数，与本站自动链接所用的匹配相同。",
        (
            _s("term", "术语（terms.term）", True),
            _s("paragraph", "段落（paragraphs.id）", True),
            _s("article", "文章编号（articles.id）", True),
            _i("count", "出现次数", True),
        ),
        ("term", "paragraph"),
        (_fk("term", "terms", "term"), _fk("paragraph", "paragraphs", "id"), _ARTICLE),
    ),
    Table(
        "places",
        "地区",
        "本站有地区页面的地区（有稿件定位于此或其下级），按地名表（docs/_data/gazetteer.yaml）。",
        (
            _s("key", "地区键：名称，县级以下以上级键限定（如 北镇市/正安镇）", True),
            _s("name", "名称", True),
            _s("level", "级别代码：province、prefecture、county、town、village", True),
            _s("level_name", "级别名称", True),
            _s("parent", "上级地区（places.key）；省级为空"),
            _i("pieces", "定位于此地及其下级的稿件数", True),
            _s("page", "本站地区页面", True),
        ),
        ("key",),
        (_fk("parent", "places", "key"),),
    ),
    Table(
        "statistics",
        "数字",
        "文章报道的数字：数值与单位按原文，所计为何见 what。",
        (
            _FACT_ID,
            _FACT_ARTICLE,
            _FACT_PARAGRAPH,
            _s("what", "说明所计内容的分句（原文）", True),
            _s("value", "数值（原文写法，如 200余）", True),
            _s("unit", "单位"),
            Column("amount", "number", "数值（解析所得；无法解析为空）"),
            _s("qualifier", "约数标记（余、多、近……）；确数为空"),
            _FACT_PLACE,
            _s("period", "所述时期（原文）"),
        ),
        ("id",),
        (_ARTICLE, _PARAGRAPH, _PLACE),
    ),
    Table(
        "people",
        "人物",
        "文章点名并说明身份的人物，以及署名作者（paragraph 为空、piece 为其署名的稿件）。",
        (
            _FACT_ID,
            _FACT_ARTICLE,
            _s("name", "姓名", True),
            _s("role", "身份（原文）"),
            _FACT_PLACE,
            _FACT_PARAGRAPH,
            _i("piece", "署名所在稿件序号；段落中提到的人物为空"),
        ),
        ("id",),
        (_ARTICLE, _PARAGRAPH, _PLACE),
    ),
    Table(
        "organisations",
        "组织",
        "文章提到的有名称的组织（原文写法）。",
        (
            _FACT_ID,
            _FACT_ARTICLE,
            _s("name", "名称", True),
            _s("kind", "名称所示类型（党委、有限公司、合作社……）"),
            _FACT_PLACE,
            _FACT_PARAGRAPH,
        ),
        ("id",),
        (_ARTICLE, _PARAGRAPH, _PLACE),
    ),
    Table(
        "events",
        "事件",
        "文章所载某一日期发生的事；date 按原文，resolved 仅在能确定时填写。",
        (
            _FACT_ID,
            _FACT_ARTICLE,
            _FACT_PARAGRAPH,
            _s("date", "日期（原文写法）", True),
            _s("resolved", "确定的日期（YYYY、YYYY-MM 或 YYYY-MM-DD）；无法确定为空"),
            _i("year", "resolved 的年份；无法确定为空"),
            _s("what", "该日期所引的分句（原文）", True),
            _FACT_PLACE,
        ),
        ("id",),
        (_ARTICLE, _PARAGRAPH, _PLACE),
    ),
)

TABLE_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}

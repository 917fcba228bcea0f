"""Citations (issue 18): GB/T 7714-2015 text as the standard prints it, and BibTeX, RIS and CSL-JSON
that their own readers parse back into the same fields.

The standard's examples are in ``fixtures/cite/gbt7714-examples.yaml``; the real pages are the
seed articles and the glossary.  Rendering runs the real citeproc-js (Node.js, tools/node).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml
from bibtexparser.middlewares import SeparateCoAuthors
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from dangjian.cite.bibtex import to_bibtex
from dangjian.cite.csl import to_csl_json
from dangjian.cite.gbt7714 import render_gbt7714
from dangjian.cite.items import article_item, term_item, with_accessed
from dangjian.cite.ris import to_ris
from dangjian.errors import SourceError
from dangjian.glossary.load import parse_glossary
from dangjian.pages.frontmatter import front_matter_data

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cite"
SITE = "基层党建知识库"
BASE = "https://kb.example.org/"
ACCESSED = "2026-12-04"
EXAMPLES = yaml.safe_load((FIXTURES / "gbt7714-examples.yaml").read_text(encoding="utf-8"))

#: Values that break naive writers: TeX specials, a line break, a name with a comma and an "and".
HOSTILE_TITLE = "A {b} 100% \\ path\nnext & #1 $x_y^z~ 《题》 \\textbf{x} }{"
HOSTILE = {
    "type": "article-newspaper",
    "title": HOSTILE_TITLE,
    "author": [{"literal": "Smith, John"}, {"literal": "Tom and Jerry"}, {"literal": "张伟国"}],
    "container-title": "报{纸}% \\",
    "issued": {"date-parts": [[2022, 6]]},
    "URL": "https://example.org/a%20b?x=1&y=_#frag",
    "accessed": {"date-parts": [[2026, 12, 4]]},
    "language": "zh-CN",
}


@cache
def seed_items() -> dict[str, dict]:
    """The seed articles' items, accessed on :data:`ACCESSED`, by page name."""
    out = {}
    for page in sorted((ROOT / "docs" / "articles").glob("[0-9][0-9][0-9]-*.md")):
        front = front_matter_data(page.read_text(encoding="utf-8"))
        item = article_item(f"articles/{page.stem}", front, f"{BASE}articles/{page.stem}.html", SITE)
        out[page.stem] = with_accessed(item, ACCESSED)
    return out


@cache
def seed_front(name: str) -> dict:
    return front_matter_data((ROOT / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8"))[
        "article"
    ]


def hostile_items() -> list[dict]:
    """The hostile values as a newspaper article and as a web page (no date, no paper)."""
    web = {k: v for k, v in HOSTILE.items() if k not in ("issued", "container-title")}
    return [dict(HOSTILE, id="hostile-news"), dict(web, id="hostile-web", type="webpage")]


def all_items() -> list[dict]:
    return [*seed_items().values(), *(example["item"] for example in EXAMPLES), *hostile_items()]


# --- GB/T 7714-2015 ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["item"]["id"] for e in EXAMPLES])
def test_standard_examples_render_as_printed(example: dict) -> None:
    assert render_gbt7714([example["item"]]) == {example["item"]["id"]: example["expected"]}


def test_examples_cover_what_the_issue_names() -> None:
    expected = [e["expected"] for e in EXAMPLES]
    assert "丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15)." in expected
    assert sum("[N]" in text for text in expected) >= 2
    assert any("[EB/OL]. (" in text and ")[" in text and "http" in text for text in expected)
    assert any(", 等. " in text for text in expected)


def test_all_examples_in_one_call_match_one_by_one() -> None:
    """One Node process for many items gives each the text it gets alone (no cross-talk)."""
    rendered = render_gbt7714([e["item"] for e in EXAMPLES])
    assert rendered == {e["item"]["id"]: e["expected"] for e in EXAMPLES}


def test_dated_newspaper_article_is_cited_as_newspaper() -> None:
    item = seed_items()["003-yanbian"]
    assert item["type"] == "article-newspaper" and "accessed" not in item  # no URL, so no 引用日期
    assert item["id"] == "dangjian-003-yanbian"
    text = render_gbt7714([item])[item["id"]]
    assert text == (
        "张伟国, 代黎黎, 王雨, 等. 党旗映红乡村振兴路 同心谱就边疆幸福曲——延边州党建引领驻村工作走笔[N]. "
        "吉林日报, 2022-06-20."
    )


@pytest.mark.parametrize("name", ["000-tongjiang", "001-jixi", "002-jinzhou", "004-chifeng-wuhai"])
def test_undated_article_is_cited_as_the_knowledge_base_page(name: str) -> None:
    article = seed_front(name)
    assert not (article["publication"] and article["date"])  # the seed data this test is about
    item = seed_items()[name]
    authors = article["authors"]
    shown = ", ".join(authors[:3]) + (", 等" if len(authors) > 3 else "")
    url = f"{BASE}articles/{name}.html"
    text = render_gbt7714([item])[item["id"]]
    assert text == f"{shown}. {article['title']}[EB/OL]. [{ACCESSED}]. {url}."
    assert "[N]" not in text and "issued" not in item and "page" not in item


def test_without_a_site_address_nothing_is_made_up() -> None:
    front = {"article": {"title": "无报无日", "authors": ["孙伟民"], "publication": "某报", "date": ""}}
    item = with_accessed(article_item("articles/009-x", front, "", SITE), ACCESSED)
    assert "URL" not in item and "issued" not in item and "accessed" not in item
    assert item["container-title"] == SITE
    assert render_gbt7714([item])[item["id"]] == "孙伟民. 无报无日[EB]."


def test_glossary_entry_is_cited_as_a_page_of_the_knowledge_base() -> None:
    path = ROOT / "docs" / "glossary" / "terms.yaml"
    glossary, _problems = parse_glossary(path.read_text(encoding="utf-8"), "docs/glossary/terms.yaml")
    entry = glossary.get("包保")
    assert entry is not None
    page = f"{BASE}glossary/index.html"
    item = with_accessed(term_item(entry, page, SITE, "基层党建知识库编写组"), ACCESSED)
    assert item["id"] == f"dangjian-{entry.anchor}" and item["id"].isascii()
    assert item["URL"] == f"{page}#{entry.anchor}"
    assert term_item(entry, item["URL"], SITE, "x")["URL"] == item["URL"]  # an anchored address stays
    text = render_gbt7714([item])[item["id"]]
    assert text == f"基层党建知识库编写组. 包保[EB/OL]. [{ACCESSED}]. {page}#{entry.anchor}."


def test_original_title_is_the_cited_title() -> None:
    front = {
        "article": {
            "title": "短标题",
            "original_title": "报上的标题——副题",
            "publication": "吉林日报",
            "date": "2022-06",
        }
    }
    item = article_item("articles/010-y", front, "", SITE)
    assert item["title"] == "报上的标题——副题" and item["issued"] == {"date-parts": [[2022, 6]]}
    assert render_gbt7714([item])[item["id"]] == "报上的标题——副题[N]. 吉林日报, 2022-06."


def test_a_bad_date_names_the_page() -> None:
    front = {"article": {"title": "t", "publication": "吉林日报", "date": "2022-13-01"}}
    with pytest.raises(SourceError) as raised:
        article_item("articles/011-z", front, "", SITE)
    assert str(raised.value) == "docs/articles/011-z.md: article.date: '2022-13-01' is not a calendar date"


def test_repeated_ids_are_refused() -> None:
    item = EXAMPLES[0]["item"]
    with pytest.raises(ValueError, match="distinct"):
        render_gbt7714([item, dict(item)])


def test_missing_node_is_one_line_naming_the_script(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SourceError) as raised:
        render_gbt7714([EXAMPLES[0]["item"]])
    message = str(raised.value)
    assert message.startswith("tools/node/gbt7714.cjs: node: not found") and "\n" not in message


def test_nothing_to_render_starts_no_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render_gbt7714([]) == {}


# --- BibTeX ----------------------------------------------------------------------------------------


def _latex() -> LatexNodes2Text:
    """A TeX-to-text decoder; pylatexenc maps \\textasciicircum to U+02C6, TeX prints ``^``."""
    db = get_default_latex_context_db().filter_context(keep_categories=None)
    db.add_context_category("caret", prepend=True, macros=[MacroTextSpec("textasciicircum", "^")])
    return LatexNodes2Text(latex_context=db)


def _bib_entries(text: str) -> dict:
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()])
    assert library.failed_blocks == []
    return {entry.key: entry for entry in library.entries}


def test_bibtex_parses_and_round_trips() -> None:
    items = all_items()
    entries = _bib_entries(to_bibtex(items))
    assert list(entries) == [item["id"] for item in items]
    decode = _latex().latex_to_text
    for item in items:
        entry = entries[item["id"]]
        assert entry.entry_type == ("article" if item["type"] == "article-newspaper" else "online")
        assert decode(entry["title"]) == " ".join(item["title"].split())
        names = [n.get("literal") or n["family"] for n in item.get("author", [])]
        assert [decode(name) for name in _value(entry, "author", [])] == names
        if item["type"] == "article-newspaper":
            assert entry["entrysubtype"] == "newspaper"
            assert decode(entry["journaltitle"]) == decode(entry["journal"]) == item["container-title"]
        if "issued" in item:
            assert entry["date"] == "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0])
        assert _value(entry, "url", "") == item.get("URL", "")


def _value(entry: bibtexparser.model.Entry, name: str, default: object) -> object:
    """A field's value, ``default`` when the entry has no such field."""
    field = entry.fields_dict.get(name)
    return field.value if field is not None else default


def test_bibtex_escapes_what_tex_would_read_as_markup() -> None:
    text = to_bibtex(hostile_items()[:1])
    assert r"\{b\} 100\% \textbackslash{} path next" in text
    assert "{{Smith, John} and {Tom and Jerry} and {张伟国}}" in text


# --- RIS -------------------------------------------------------------------------------------------


def test_ris_parses_and_round_trips() -> None:
    items = all_items()
    records = rispy.loads(to_ris(items))
    assert [r["id"] for r in records] == [item["id"] for item in items]
    for item, record in zip(items, records, strict=True):
        newspaper = item["type"] == "article-newspaper"
        assert record["type_of_reference"] == ("NEWS" if newspaper else "ELEC")
        assert record["title"] == " ".join(item["title"].split())
        assert record.get("authors", []) == [n.get("literal") or n["family"] for n in item.get("author", [])]
        if newspaper:
            assert record["secondary_title"] == record["journal_name"] == item["container-title"]
        if "issued" in item:
            parts = item["issued"]["date-parts"][0]
            assert record["year"] == str(parts[0])
            assert record["date"].rstrip("/").split("/")[: len(parts)] == [f"{p:02d}" for p in parts]
        assert record.get("urls", []) == ([item["URL"]] if "URL" in item else [])
        if "accessed" in item:
            assert (
                record["access_date"] == "/".join(f"{p:02d}" for p in item["accessed"]["date-parts"][0]) + "/"
            )
        assert record["language"] == "zh-CN"


# --- CSL-JSON --------------------------------------------------------------------------------------


def test_csl_json_is_valid_and_round_trips() -> None:
    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    items = all_items()
    text = to_csl_json(items)
    data = json.loads(text)
    jsonschema.Draft7Validator(schema).validate(data)
    assert data == items
    assert "张伟国" in text and HOSTILE_TITLE == data[-1]["title"]


def test_the_schema_rejects_what_it_should() -> None:
    """The schema check can fail: a made-up field or a date as text is not CSL-JSON."""
    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    assert not validator.is_valid([dict(EXAMPLES[0]["item"], journal="x")])
    assert not validator.is_valid([dict(EXAMPLES[0]["item"], issued="2000-11-20")])

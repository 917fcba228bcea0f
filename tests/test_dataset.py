"""The data package (``dangjian data``): valid Frictionless tables, the same data in SQLite and
JSON, a full-text index that finds Chinese words in either script, and the site's contents."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import frictionless
import pytest
import yaml
from sphinx.util.inventory import InventoryFile

from conftest import ROOT, Site, run_dangjian, sphinx_build
from dangjian.dataset.explore import CANNED_QUERIES, METADATA_FILE
from dangjian.dataset.schema import DATAPACKAGE, JSON_FILE, SQLITE_FILE, TABLES
from dangjian.dataset.search import search
from dangjian.pages.paragraphs import page_paragraphs
from dangjian.sphinx_ext.site.region_pages import PDF_BOOK

PAGES = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs/articles").glob("*.md"))}
PAGES.pop("index")


def write_package(root: Path, out: Path) -> dict[str, int]:
    """Run ``dangjian data`` and return the counts it prints."""
    result = run_dangjian("data", "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    return {name: int(n) for name, n in rows}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("dataset") / "data"
    return out, write_package(ROOT, out)


def rows(db: Path, sql: str, params: dict[str, str] | tuple = ()) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def test_frictionless_validates_the_package(package: tuple[Path, dict[str, int]]) -> None:
    out, _counts = package
    report = frictionless.validate(out / DATAPACKAGE)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])[:10]
    descriptor = json.loads((out / DATAPACKAGE).read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]
    assert all(r["schema"]["primaryKey"] for r in descriptor["resources"])


def test_a_broken_foreign_key_fails_validation(package: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    """The keys are declared, not decoration: a place whose parent is no place is an error."""
    out, _counts = package
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    with (broken / "places.csv").open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    child = next(i for i, row in enumerate(table) if i and row[4])
    table[child][4] = "不存在市"
    with (broken / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    report = frictionless.validate(broken / DATAPACKAGE)
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_sqlite_and_json_hold_the_same_rows_with_their_keys(package: tuple[Path, dict[str, int]]) -> None:
    out, counts = package
    db = out / SQLITE_FILE
    assert rows(db, "PRAGMA foreign_key_check") == []
    tables = json.loads((out / JSON_FILE).read_text(encoding="utf-8"))["tables"]
    for table in TABLES:
        with (out / table.path).open(encoding="utf-8") as handle:
            csv_rows = len(list(csv.reader(handle))) - 1
        (in_db,) = rows(db, f'SELECT count(*) FROM "{table.name}"')[0]
        assert counts[table.name] == csv_rows == in_db == len(tables[table.name]), table.name
        declared = {(r[3], r[2]) for r in rows(db, f"PRAGMA foreign_key_list('{table.name}')")}
        assert declared == {(c, fk.table) for fk in table.foreign_keys for c in fk.columns}, table.name
    assert rows(db, "SELECT count(*) FROM places WHERE parent IS NULL AND level != 'province'") == [(0,)]


def test_counts_are_the_repository_s(package: tuple[Path, dict[str, int]]) -> None:
    """Every article page, glossary term and anchored paragraph, and nothing else."""
    out, counts = package
    db = out / SQLITE_FILE
    assert [r[0] for r in rows(db, "SELECT id FROM articles ORDER BY id")] == sorted(PAGES)
    glossary = yaml.safe_load((ROOT / "docs/glossary/terms.yaml").read_text(encoding="utf-8"))
    assert {r[0] for r in rows(db, "SELECT term FROM terms")} == {e["term"] for e in glossary}
    senses = sum(len(e.get("senses") or ()) for e in glossary)
    assert counts["senses"] == senses > 0
    anchored = {p.target for a, page in PAGES.items() for p in page_paragraphs(a, page) if p.anchor}
    assert {r[0] for r in rows(db, "SELECT id FROM paragraphs")} == anchored
    assert counts["mentions"] > counts["paragraphs"] / 2 and counts["places"] > len(PAGES)


@pytest.mark.parametrize(("query", "word"), [("网格党支部", "网格党支部"), ("書記領辦", "书记领办")])
def test_full_text_search_finds_chinese_words(
    package: tuple[Path, dict[str, int]], query: str, word: str
) -> None:
    """The paragraphs holding the word, found by reading the pages: no more, no fewer."""
    out, _counts = package
    expected = {
        p.target for a, page in PAGES.items() for p in page_paragraphs(a, page) if p.anchor and word in p.text
    }
    assert expected
    assert set(search(out / SQLITE_FILE, query)) == expected
    assert search(out / SQLITE_FILE, "网格党支部 不存在的词语组合") == []


def small_repo(root: Path, pages: dict[str, str]) -> Path:
    """A repository with the real glossary and gazetteer and only the article ``pages`` given."""
    for path in ("docs/glossary/terms.yaml", "docs/_data/gazetteer.yaml"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, root / path)
    (root / "docs/articles").mkdir(parents=True)
    for name, text in pages.items():
        (root / "docs/articles" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def test_rights_stay_with_the_publishers(package: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    out, _counts = package
    descriptor = json.loads((out / DATAPACKAGE).read_text(encoding="utf-8"))
    assert "权利归原刊载报纸" in descriptor["rights"]
    # The project's own writing: the license LICENSE states (CC BY 4.0), the texts excluded.
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    assert descriptor["licenses"][0]["path"] in license_text and "CC BY 4.0" in license_text
    paragraphs = next(r for r in descriptor["resources"] if r["name"] == "paragraphs")
    assert paragraphs["rights"] == descriptor["rights"]
    assert [s["title"].split("：")[0] for s in descriptor["sources"]] == sorted(PAGES)
    # A source that states its rights: they are carried to its row and its source entry.
    stated = PAGES["002-jinzhou"].replace("  rights: ''", "  rights: 锦州日报社版权所有", 1)
    assert stated != PAGES["002-jinzhou"]
    root = small_repo(tmp_path / "repo", {"002-jinzhou": stated, "003-yanbian": PAGES["003-yanbian"]})
    write_package(root, tmp_path / "data")
    sources = json.loads((tmp_path / "data" / DATAPACKAGE).read_text(encoding="utf-8"))["sources"]
    assert [s.get("rights") for s in sources] == ["锦州日报社版权所有", None]
    assert sources[1]["title"].startswith("003-yanbian：") and "2022-06-20" in sources[1]["title"]
    assert rows(tmp_path / "data" / SQLITE_FILE, "SELECT id, rights FROM articles") == [
        ("002-jinzhou", "锦州日报社版权所有"),
        ("003-yanbian", None),
    ]


def test_canned_queries_answer(package: tuple[Path, dict[str, int]]) -> None:
    out, _counts = package
    db = out / SQLITE_FILE
    meta = json.loads((out / METADATA_FILE).read_text(encoding="utf-8"))
    assert meta["databases"][SQLITE_FILE.removesuffix(".sqlite")]["queries"] == CANNED_QUERIES
    used = rows(db, CANNED_QUERIES["term_across_places"]["sql"], {"term": "网格党支部"})
    articles = {a for row in used for a in row[4].split(",")}
    assert articles == {"002-jinzhou", "004-chifeng-wuhai"}  # the articles whose text holds it
    figures = rows(db, CANNED_QUERIES["figures_by_place"]["sql"])
    assert (
        sum(r[2] for r in figures)
        == rows(db, "SELECT count(*) FROM statistics WHERE place IS NOT NULL")[0][0]
    )
    years = [r[0] for r in rows(db, CANNED_QUERIES["events_by_year"]["sql"])]
    assert years and years == sorted(years) and None not in years


def test_bad_page_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for path in ("docs/glossary/terms.yaml", "docs/_data/gazetteer.yaml", "docs/articles/002-jinzhou.md"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, root / path)
    (root / "docs/articles/009-broken.md").write_text(
        "---\narticle: [unclosed\n---\n正文\n", encoding="utf-8"
    )
    out = tmp_path / "data"
    out.mkdir()
    (out / DATAPACKAGE).write_text("{}", encoding="utf-8")  # a previous package
    result = run_dangjian("data", "--root", str(root), "--out", str(out))
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith("docs/articles/009-broken.md:2: front matter")
    assert rest == ["dangjian data: nothing written"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "repo"]
    assert [p.name for p in out.iterdir()] == [DATAPACKAGE]


def test_a_folder_that_is_no_package_is_not_replaced(tmp_path: Path) -> None:
    root = small_repo(tmp_path / "repo", {"002-jinzhou": PAGES["002-jinzhou"]})
    (root / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    result = run_dangjian("data", "--root", str(root), "--out", str(root / "docs"))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{root / 'docs'}: holds files but no {DATAPACKAGE}; refusing to replace it"
    )
    assert (root / "docs/index.md").read_text(encoding="utf-8") == "# 首页\n"
    # An empty folder, or one holding an earlier package, is replaced.
    (tmp_path / "empty").mkdir()
    assert write_package(root, tmp_path / "empty")["articles"] == 1
    assert write_package(root, tmp_path / "empty")["paragraphs"] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "repo"]


def test_tables_hold_what_the_site_shows(seed_site: Site) -> None:
    """The package the HTML build published: articles, region pages and glossary entries of the
    built site, each with its page, and nothing else."""
    db = seed_site.html / "data" / SQLITE_FILE
    articles = {p.stem for p in (seed_site.html / "articles").glob("*.html")} - {"index"}
    assert {r[0] for r in rows(db, "SELECT id FROM articles")} == articles
    assert all((seed_site.html / r[0]).is_file() for r in rows(db, "SELECT page FROM articles"))
    ids = {a: set(re.findall(r'id="([^"]+)"', seed_site.soup(f"articles/{a}").decode())) for a in articles}
    missing = [
        p for p, a, anchor in rows(db, "SELECT id, article, anchor FROM paragraphs") if anchor not in ids[a]
    ]
    assert missing == []
    regions = {f"regions/{p.stem}.html" for p in (seed_site.src / "regions").glob("*.md")}
    regions -= {"regions/index.html", f"regions/{Path(PDF_BOOK).stem}.html"}
    assert {r[0] for r in rows(db, "SELECT page FROM places")} == regions
    with (seed_site.html / "objects.inv").open("rb") as handle:
        inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
    terms = {name: item.uri for name, item in inventory["terms:term"].items()}
    assert dict(rows(db, "SELECT term, page FROM terms")) == terms


def test_the_published_package_passes_frictionless_validate(seed_site: Site) -> None:
    """What a reader runs on the downloaded package: the ``frictionless validate`` command."""
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(command), "validate", str(seed_site.html / "data" / DATAPACKAGE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "VALID" in result.stdout.upper() and "INVALID" not in result.stdout.upper()


def test_the_data_page_examples_answer(seed_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 数据下载 page's examples are run as printed, on the published database."""
    page = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    sql = re.findall(r"```sql\n(.*?)```", page, re.DOTALL)
    [python] = re.findall(r"```python\n(.*?)```", page, re.DOTALL)
    assert len(sql) == 2
    db = seed_site.html / "data" / SQLITE_FILE
    for query in sql:
        assert rows(db, query), query
    monkeypatch.chdir(db.parent)
    *body, last = [line for line in python.strip().splitlines() if line]
    namespace: dict[str, object] = {}
    exec("\n".join(body), namespace)
    found = eval(last.split("#")[0], namespace)
    marks = ",".join("?" * len(found))
    texts = [text for (text,) in rows(db, f"SELECT text FROM paragraphs WHERE id IN ({marks})", tuple(found))]
    assert texts and all("书记领办" in text for text in texts)


def test_a_rebuild_publishes_an_edit_and_leaves_an_unchanged_package_alone(
    seed_site: Site, tmp_path: Path
) -> None:
    """The HTML build rewrites the package when a page changed (each article's rows are cached,
    so the edit must not be served from the cache) and leaves it alone when nothing did."""
    src = tmp_path / "docs"
    shutil.copytree(seed_site.src, src, ignore=shutil.ignore_patterns("_build"))
    out = tmp_path / "html"
    assert sphinx_build(src, out).returncode == 0
    package = out / "data" / DATAPACKAGE
    first = package.stat().st_mtime_ns
    assert sphinx_build(src, out).returncode == 0
    assert package.stat().st_mtime_ns == first  # nothing changed: not written again
    page = src / "articles" / "002-jinzhou.md"
    text = page.read_text(encoding="utf-8")
    assert "1336个网格党支部" in text
    page.write_text(text.replace("1336个网格党支部", "1337个网格党支部"), encoding="utf-8")
    assert sphinx_build(src, out).returncode == 0
    paragraphs = (out / "data" / "paragraphs.csv").read_text(encoding="utf-8")
    assert "1337个网格党支部" in paragraphs and "1336个网格党支部" not in paragraphs
    assert search(out / "data" / SQLITE_FILE, "网格党支部")

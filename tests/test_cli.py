"""``dangjian convert`` as a contributor runs it: a real process in a throw-away repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import run_dangjian

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"

TONGJIANG_PAGE = "docs/articles/000-tongjiang.md"
JIXI_PAGE = "docs/articles/001-jixi.md"
NEW_PARAGRAPH = "新增段落：网格党支部持续为居民解难题，驻村干部凝聚起乡村振兴合力。"
EDIT = "编者补记：此段经人工校订。"
REFUSED_SUMMARY = "dangjian convert: 1 source(s) refused; nothing written"
SECRET = "外部机密：这段文字绝不能出现在知识库里。"

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or os.name == "nt", reason="needs POSIX symlinks"
)


# --- helpers ---------------------------------------------------------------------------


def run_convert(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dangjian convert --root ROOT ARGS`` from inside ROOT."""
    return run_dangjian("convert", "--root", str(root), *args, cwd=root)


def converted(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the converter and insist that it succeeded."""
    result = run_convert(root, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def refused(root: Path, *args: str) -> list[str]:
    """Run the converter, insist that it refused the run; return its stderr lines."""
    result = run_convert(root, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert lines and lines[-1] == REFUSED_SUMMARY, result.stderr
    return lines


def copy_source(root: Path, name: str, as_name: str | None = None, sidecar: bool = True) -> Path:
    """Copy ``sources/NAME.txt`` (and its sidecar) from the real repository into ROOT."""
    target = root / "sources" / (as_name or f"{name}.txt")
    shutil.copyfile(SOURCES / f"{name}.txt", target)
    meta = SOURCES / f"{name}.meta.yaml"
    if sidecar and meta.exists() and as_name is None:
        shutil.copyfile(meta, root / "sources" / f"{name}.meta.yaml")
    return target


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``docs/``: its bytes and mtime in nanoseconds."""
    docs = root / "docs"
    if not docs.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def append_paragraph(source: Path, paragraph: str = NEW_PARAGRAPH) -> None:
    source.write_bytes(source.read_bytes().rstrip(b"\n") + f"\n\n{paragraph}\n".encode())


def edit_page(page: Path) -> str:
    """Append a sentence to the paragraph that says 心向党中央, as a contributor would; return the new text."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(
        i for i, line in enumerate(lines) if "心向党中央" in line and not line.startswith(("#", " "))
    )
    lines[index] += EDIT
    text = "\n".join(lines)
    page.write_text(text, encoding="utf-8")
    return text


def front_matter(page_text: str) -> dict:
    """The YAML between the page's first two ``---`` lines."""
    lines = page_text.split("\n")
    assert lines[0] == "---", lines[0]
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end]))


def every_file_text(root: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", errors="replace")
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding two simplified seeds (one with a sidecar) and a traditional one."""
    root = tmp_path / "repo"
    (root / "sources").mkdir(parents=True)
    copy_source(root, "000-tongjiang")
    copy_source(root, "001-jixi")
    copy_source(root, "003-yanbian")
    return root


@pytest.fixture
def imported(repo: Path) -> Path:
    """``repo`` after a first, successful import."""
    converted(repo)
    return repo


# --- first run, re-run -----------------------------------------------------------------


def test_first_run_creates_a_page_per_source(repo: Path) -> None:
    result = converted(repo)
    pages = sorted(p.name for p in (repo / "docs" / "articles").iterdir())
    assert pages == ["000-tongjiang.md", "001-jixi.md", "003-yanbian.md"]
    for page in pages:
        assert f"created docs/articles/{page}" in result.stdout
    assert result.stdout.splitlines()[-1] == "dangjian convert: 3 source(s): 3 created"
    tongjiang = (repo / TONGJIANG_PAGE).read_text(encoding="utf-8")
    assert "# 同江 党建引领促发展 凝心聚力谱新篇" in tongjiang
    assert front_matter(tongjiang)["article"]["county"] == "同江市"  # from the sidecar


def test_second_run_with_nothing_changed_writes_nothing(imported: Path) -> None:
    before = snapshot(imported)
    result = converted(imported)
    assert snapshot(imported) == before  # same files, same bytes, same mtime_ns
    assert "created" not in result.stdout and "updated" not in result.stdout
    assert result.stdout.splitlines()[-1] == "dangjian convert: 3 source(s): 3 unchanged"
    assert not (imported / ".dangjian" / "backups").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_pages_get_the_usual_file_permissions(repo: Path) -> None:
    result = run_dangjian("convert", "--root", str(repo), cwd=repo, umask=0o022)
    assert result.returncode == 0, result.stderr
    assert (repo / TONGJIANG_PAGE).stat().st_mode & 0o777 == 0o644


# --- re-import -------------------------------------------------------------------------


def test_reimport_keeps_an_edited_page_and_updates_an_unedited_one(imported: Path) -> None:
    edited = edit_page(imported / TONGJIANG_PAGE)
    append_paragraph(imported / "sources" / "000-tongjiang.txt")
    append_paragraph(imported / "sources" / "001-jixi.txt")

    result = converted(imported)

    assert "kept docs/articles/000-tongjiang.md: edited since import" in result.stdout
    assert (imported / TONGJIANG_PAGE).read_text(encoding="utf-8") == edited
    assert f"updated {JIXI_PAGE}" in result.stdout
    jixi = (imported / JIXI_PAGE).read_text(encoding="utf-8")
    assert NEW_PARAGRAPH in jixi.split("\n")
    assert not (imported / ".dangjian" / "backups").exists(), "no backup without --force"


def test_an_unedited_page_follows_its_changed_source(imported: Path) -> None:
    assert NEW_PARAGRAPH not in (imported / TONGJIANG_PAGE).read_text(encoding="utf-8")
    append_paragraph(imported / "sources" / "000-tongjiang.txt")
    result = converted(imported)
    assert f"updated {TONGJIANG_PAGE}" in result.stdout
    assert NEW_PARAGRAPH in (imported / TONGJIANG_PAGE).read_text(encoding="utf-8").split("\n")


def test_force_overwrites_an_edited_page_and_keeps_a_backup(imported: Path) -> None:
    pristine = (imported / TONGJIANG_PAGE).read_bytes()
    edited = edit_page(imported / TONGJIANG_PAGE)

    result = converted(imported, "--force")

    assert (imported / TONGJIANG_PAGE).read_bytes() == pristine
    match = re.search(
        r"^overwrote docs/articles/000-tongjiang\.md: edited since import; backup at (\S+)$",
        result.stdout,
        re.MULTILINE,
    )
    assert match, result.stdout
    backup = imported / match[1]
    assert backup.parent == imported / ".dangjian" / "backups"
    assert backup.read_text(encoding="utf-8") == edited
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]


# --- refusals: nothing is written ------------------------------------------------------


def test_a_binary_source_refuses_the_whole_run(repo: Path) -> None:
    (repo / "sources" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\x00\xff" * 16)
    lines = refused(repo)
    assert len(lines) == 2, lines
    assert lines[0].startswith("sources/bad.txt: "), lines
    assert not (repo / "docs").exists()


def test_a_binary_source_leaves_existing_pages_untouched(imported: Path) -> None:
    append_paragraph(imported / "sources" / "000-tongjiang.txt")  # would be an update
    (imported / "sources" / "bad.txt").write_bytes(b"abc\x00\xff\x00\xff" * 32)
    before = snapshot(imported)
    lines = refused(imported)
    assert len(lines) == 2 and lines[0].startswith("sources/bad.txt: "), lines
    assert snapshot(imported) == before


def _with_line(text: str, after: str, new: str) -> str:
    lines = text.split("\n")
    lines.insert(lines.index(after) + 1, new)
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("edit", "bad_line", "message"),
    [
        pytest.param(
            lambda t: t.replace('date: ""', "date: 20220620x"), "date: 20220620x", "20220620x", id="bad-date"
        ),
        pytest.param(
            lambda t: _with_line(t, 'url: ""', "edition: 第3版"),
            "edition: 第3版",
            "unknown key 'edition'",
            id="unknown-key",
        ),
    ],
)
def test_a_bad_sidecar_is_refused_at_its_line(repo: Path, edit, bad_line: str, message: str) -> None:
    sidecar = repo / "sources" / "000-tongjiang.meta.yaml"
    text = edit(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(text, encoding="utf-8")
    line = text.split("\n").index(bad_line) + 1
    assert line > 3  # the real sidecar opens with comments, so the number means something

    lines = refused(repo)

    assert len(lines) == 2, lines
    assert lines[0].startswith(f"sources/000-tongjiang.meta.yaml:{line}: "), lines
    assert message in lines[0]
    assert not (repo / "docs").exists()


def test_an_impossible_sidecar_date_is_refused_at_its_line(repo: Path) -> None:
    sidecar = repo / "sources" / "000-tongjiang.meta.yaml"
    text = sidecar.read_text(encoding="utf-8").replace('date: ""', "date: 2022-13-45")
    sidecar.write_text(text, encoding="utf-8")
    line = text.split("\n").index("date: 2022-13-45") + 1
    lines = refused(repo)
    assert lines[0].startswith(f"sources/000-tongjiang.meta.yaml:{line}: "), lines


def test_two_sources_for_one_page_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "sources").mkdir(parents=True)
    copy_source(root, "000-tongjiang", as_name="a b.txt")
    copy_source(root, "001-jixi", as_name="a-b.txt")
    lines = refused(root)
    assert len(lines) == 2, lines
    assert "maps to the same page" in lines[0]
    assert "sources/a b.txt" in lines[0] and "sources/a-b.txt" in lines[0]
    assert not (root / "docs").exists()


@needs_symlinks
def test_a_symlink_out_of_the_repository_is_refused_unread(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(f"{SECRET}\n\n{SECRET}\n", encoding="utf-8")
    (repo / "sources" / "link.txt").symlink_to(outside)

    result = run_convert(repo)

    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines == [lines[0], REFUSED_SUMMARY]
    assert lines[0].startswith("sources/link.txt: ") and "outside the repository" in lines[0]
    assert SECRET not in result.stdout + result.stderr
    assert not (repo / "docs").exists()
    assert SECRET not in every_file_text(repo)


@needs_symlinks
def test_a_sidecar_symlink_out_of_the_repository_is_refused_unread(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.meta.yaml"
    outside.write_text(f"notes: {SECRET}\n", encoding="utf-8")
    sidecar = repo / "sources" / "000-tongjiang.meta.yaml"
    sidecar.unlink()
    sidecar.symlink_to(outside)

    result = run_convert(repo)

    assert SECRET not in every_file_text(repo), "the outside file's text was published in a page"
    assert SECRET not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "outside the repository" in result.stderr


# --- Markdown crawler exports ----------------------------------------------------------

WEB_MD = """\
---
title: 网格党支部为居民解难题
date: 2021-07-01
author: 张三
source_url: https://example.com/news/2021/0701/123.html
---

# 网格党支部为居民解难题

> 本报记者 张三

近年来，社区网格党支部坚持以党建引领基层治理，把服务送到居民家门口。

驻村干部与党员志愿者一道，为老旧小区加装电梯、修缮道路，群众满意度不断提升。
"""


def test_a_markdown_crawler_export_becomes_a_page(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "web.md").write_text(WEB_MD, encoding="utf-8")

    result = converted(root)

    assert "created docs/articles/web.md" in result.stdout
    page = (root / "docs" / "articles" / "web.md").read_text(encoding="utf-8")
    meta = front_matter(page)
    assert meta["article"]["date"] == "2021-07-01"
    assert meta["article"]["url"] == "https://example.com/news/2021/0701/123.html"
    assert meta["article"]["title"] == "网格党支部为居民解难题"
    assert meta["pieces"][0]["bylines"] == ["本报记者 张三"]
    body = page.split("\n")
    assert "# 网格党支部为居民解难题" in body
    assert "近年来，社区网格党支部坚持以党建引领基层治理，把服务送到居民家门口。" in body
    assert "驻村干部与党员志愿者一道，为老旧小区加装电梯、修缮道路，群众满意度不断提升。" in body
    assert not any(line.startswith(">") for line in body)


def test_an_impossible_front_matter_date_is_refused_naming_the_file(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "web.md").write_text(WEB_MD.replace("2021-07-01", "2021-13-45"), encoding="utf-8")
    lines = refused(root)
    assert lines[0].startswith("sources/web.md:"), lines
    assert not (root / "docs").exists()

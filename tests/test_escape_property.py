"""Escaping: arbitrary source text survives convert → Sphinx build as text, never as markup.

Sources are data (see ``dangjian.text.escape``): whatever MyST, HTML or Markdown
syntax a newspaper text happens to contain, the built page must show that text
character for character and must contain no element the text tried to create.

Each check converts a batch of sources with the real pipeline, builds them ONCE
with the real Sphinx HTML builder, the project's ``docs/conf.py`` (myst_parser
with ``colon_fence``, sphinx_design, ``dangjian.sphinx_ext``, the pydata theme)
plus ``nitpicky`` as ``make html`` uses, and then inspects every page's
``<article>`` with BeautifulSoup (the checks are in ``site_checks.py``, shared with
``test_hostile.py``):

* every source line the pipeline did not drop as website chrome appears in the
  page's article text (whitespace removed on both sides, since the pipeline
  normalises spaces and joins layout-broken paragraphs);
* the article holds only the elements the pipeline's own page structure makes
  (sections, headings, paragraphs, the metadata panel, captions, editor notes, the
  original-script dropdown, headerlinks) and nothing else: no script, img, link,
  emphasis, code, list, table, quote, rule, footnote, math, admonition, …;
* the build emits no warning.

``ESCAPE_EXAMPLES`` (default 5) sets how many batches Hypothesis generates;
examples are derandomised, so every run checks the same inputs.
"""

from __future__ import annotations

import io
import os
import shutil
import string
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from dangjian.convert.pipeline import Conversion, convert
from dangjian.convert.script import to_simplified
from site_checks import RAW_HTML_MARKERS, _squeeze, article_text, foreign_elements

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: Two generated words as glossary entries (cited article p000 always exists).
GLOSSARY = """
- {term: 网格党支部, traditional: 網格黨支部, pinyin: wǎnggé dǎngzhībù, english: grid Party branch,
   category: organisation, definition: 测试词条。, sources: [p000]}
- {term: 书记领办, traditional: 書記領辦, pinyin: shūjì lǐngbàn, english: secretary leads,
   category: mechanism, definition: 测试词条。, sources: [p000]}
"""
#: The forms of GLOSSARY's terms, which auto-linking may turn into links.
_GLOSSARY_FORMS = {"网格党支部", "網格黨支部", "书记领办", "書記領辦"}
#: Article pages of the test site, which 相关文章 may link to.
_ARTICLE_PAGES = r"p\d{3}"

# --------------------------------------------------------------------------- inputs

CJK_WORDS = ["网格党支部", "驻村干部", "书记领办", "基层治理", "党员", "红色物业"]
#: Traditional words: sources made of them take the t2s path.
TRADITIONAL_WORDS = ["網格黨支部", "駐村幹部", "黨員隊伍", "書記領辦", "黨建"]
ASCII_WORDS = ["abc", "Party", "x", "y2", "NEWS", "foo_bar", "a*b", "snake_case_", "http", "www"]
PUNCTUATION = ["。", "，", ",", "：", ":", "！", "？", ".", ";", "、", "……"]

#: Syntax that would become markup if it reached MyST (or raw HTML) unescaped.
HOSTILE = [
    # raw HTML and entities
    "<script>alert(1)</script>",
    "<b>x</b>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=x></iframe>",
    "<style>p{color:red}</style>",
    '<a href="http://evil.example">x</a>',
    "<div>",
    "</p>",
    "<br>",
    "<!-- c -->",
    "<?php x ?>",
    "<![CDATA[x]]>",
    "&amp;",
    "&#60;",
    "&lt;",
    "&nbsp;",
    "&#x3C;",
    # inline Markdown / MyST
    "*em*",
    "**strong**",
    "_u_",
    "__u__",
    "`code`",
    "`` `x` ``",
    "~~s~~",
    "[link](http://e.com)",
    "[x](p001.md)",
    "![i](x.png)",
    "[x]",
    "[x]: http://e.com",
    "[^1]",
    "[^1]: note",
    "{raw}`<b>`",
    "{ref}`index`",
    "{math}`x^2`",
    "{sub-ref}`today`",
    "{{ sub }}",
    "$x^2$",
    "$$",
    "\\(x\\)",
    "http://example.com",
    "<http://example.com>",
    "www.example.com",
    "a@b.com",
    "\\",
    "\\*",
    "|sub|",
    "--",
    "...",
    '"q"',
    "'s",
    # block syntax (matters at the start of a line)
    "``` fence",
    "```",
    "~~~",
    "```{raw} html",
    "```{eval-rst}",
    "{eval-rst}",
    ":::{include} /etc/passwd",
    "::::{note}",
    ":::",
    ".. raw:: html",
    "| a | b |",
    "|---|---|",
    "# h",
    "## h",
    "#",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "> quote",
    "---",
    "***",
    "___",
    "===",
    "(target)=",
    "% comment",
    "+++",
    "$$ x $$",
]

#: Characters for free-form tokens: all ASCII punctuation, digits, and a few hanzi.
SYNTAX_CHARS = string.punctuation + string.digits + "网格党支部驻村干部书记领办"
#: Line openings the segmenter reads as page structure (byline, subtitle under a
#: title, editor's note, page-wide photo credit), so hostile text also reaches the
#: metadata panel and the admonition; each keeps its whole text on the page.
STRUCTURE_PREFIXES = ["□ 文/摄", "——", "编者按", "本组图片："]


def _prepend(first: str, rest: list[str]) -> str:
    return " ".join([first, *rest])


def source_texts(words: list[str]) -> st.SearchStrategy[str]:
    """Sources of a few paragraphs, each one line of tokens joined by single spaces."""
    # Hostile snippets come first so that even the simplest example is hostile.
    token = st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(words + ASCII_WORDS + PUNCTUATION),
        st.text(alphabet=SYNTAX_CHARS, min_size=1, max_size=6),
    )
    tokens = st.lists(token, min_size=1, max_size=8).map(" ".join)
    line = st.one_of(
        # Block syntax only counts at the start of a line: open many lines with it.
        st.builds(_prepend, st.sampled_from(HOSTILE), st.lists(token, max_size=6)),
        tokens,
        # (Not ":" after the prefix: "编者按：" is a label whose colon the page drops by design.)
        st.builds(
            lambda prefix, rest: f"{prefix} {rest}",
            st.sampled_from(STRUCTURE_PREFIXES),
            tokens.filter(lambda t: t[0] not in ":："),
        ),
        st.builds(lambda caption, credit: f"{caption}。 图：{credit}", tokens, tokens),  # caption + credit
    )
    separator = st.sampled_from(["\n\n", "\n", "\n\n\n"])
    return st.lists(st.tuples(line, separator), min_size=2, max_size=8).map(
        lambda pairs: "".join(text + sep for text, sep in pairs)
    )


# One source in four is traditional script (converted page plus a 繁体原文 dropdown).
source_text = st.one_of(
    source_texts(CJK_WORDS), source_texts(CJK_WORDS), source_texts(CJK_WORDS), source_texts(TRADITIONAL_WORDS)
)
batch = st.lists(source_text, min_size=20, max_size=20)

# ----------------------------------------------------------------- site and checks


@dataclass
class Page:
    text: str
    conversion: Conversion
    article: Tag  # the page's <article class="bd-article">
    html: str  # the whole page


def build_site(texts: list[str]) -> tuple[list[Page], list[str]]:
    """Convert and build ``texts`` with the project's Sphinx config: the parsed pages and the warnings."""
    with TemporaryDirectory() as tmp:
        srcdir = Path(tmp) / "docs"
        (srcdir / "articles").mkdir(parents=True)
        (srcdir / "glossary").mkdir()
        # The site's own config, toctree pages and glossary page; a glossary of the
        # generated words, so auto-linking runs over hostile text too.
        for name in ("conf.py", "articles/index.md", "glossary/index.md"):
            shutil.copy(DOCS / name, srcdir / name)
        # The site's root page links regions and topics made from the seeds; this one does not.
        (srcdir / "index.md").write_text(
            "# 首页\n\n```{toctree}\n\narticles/index\nglossary/index\n```\n", encoding="utf-8"
        )
        (srcdir / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
        conversions = []
        for i, text in enumerate(texts):
            conversion = convert(text.encode("utf-8"), f"sources/p{i:03d}.txt")
            (srcdir / "articles" / f"p{i:03d}.md").write_text(conversion.page, encoding="utf-8")
            conversions.append(conversion)
        outdir = Path(tmp) / "_build" / "html"
        warnings = io.StringIO()
        # As sphinx-build does: a private docutils registry, so builds in one process don't clash.
        with patch_docutils(srcdir), docutils_namespace():
            app = Sphinx(
                str(srcdir),
                str(srcdir),
                str(outdir),
                str(Path(tmp) / "_build" / "doctrees"),
                "html",
                confoverrides={"nitpicky": True},
                warningiserror=False,
                freshenv=True,
                status=None,
                warning=warnings,
            )
            app.build()
        emitted = [ln for ln in warnings.getvalue().splitlines() if ln.strip() and "jieba" not in ln.lower()]
        pages = []
        for i, (text, conversion) in enumerate(zip(texts, conversions, strict=True)):
            html = (outdir / "articles" / f"p{i:03d}.html").read_text("utf-8")
            soup = BeautifulSoup(html, "html.parser")
            article = soup.select_one("article.bd-article")
            assert article is not None, f"p{i:03d}.html has no <article class='bd-article'>"
            pages.append(Page(text, conversion, article, html))
        return pages, emitted


def check_page(index: int, page: Page) -> None:
    """Assert that ``page`` shows its source's text and nothing its source tried to create."""
    header = (
        f"--- source p{index:03d}.txt ---\n{page.text}\n"
        f"--- dropped: {[(d.lineno, d.kind) for d in page.conversion.article.dropped]}\n"
        f"--- MyST page body ---\n{page.conversion.page.split(chr(10) + '---' + chr(10), 1)[-1]}"
    )
    shown = article_text(page.article)
    dropped = {d.lineno for d in page.conversion.article.dropped}
    lost = []
    for lineno, raw in enumerate(page.text.split("\n"), start=1):
        want = _squeeze(raw)
        if not want or lineno in dropped:
            continue
        if want not in shown and _squeeze(to_simplified(raw)) not in shown:
            lost.append(f"line {lineno}: {raw!r}")
    assert not lost, (
        f"{header}\n--- text not shown in the article ---\n"
        + "\n".join(lost)
        + f"\n--- article text (whitespace removed) ---\n{shown}"
    )
    problems = foreign_elements(page.article, glossary_forms=_GLOSSARY_FORMS, article_pages=_ARTICLE_PAGES)
    assert not problems, f"{header}\n--- elements the text created ---\n" + "\n".join(problems)
    # Outside the article too (title, navigation, sidebars): no hostile tag arrives unescaped.
    for marker in RAW_HTML_MARKERS:
        at = page.html.find(marker)
        context = page.html[max(0, at - 300) : at + 300]
        assert at < 0, f"{header}\n--- raw HTML {marker!r} in the page ---\n{context}"


def check_site(texts: list[str]) -> None:
    pages, warnings = build_site(texts)
    for index, page in enumerate(pages):
        check_page(index, page)
    assert not warnings, "the build emitted warnings:\n" + "\n".join(warnings)


# -------------------------------------------------------------------------- tests


@settings(
    max_examples=int(os.environ.get("ESCAPE_EXAMPLES", "5")),
    deadline=None,
    derandomize=True,
    database=None,
    # A failing batch names its page and line; shrinking would cost a build per step.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(batch)
def test_arbitrary_text_survives_convert_and_build(texts: list[str]) -> None:
    check_site(texts)


def _fixed_sources() -> list[str]:
    """One source per hostile snippet, the snippet in every position the pipeline has."""
    sources = []
    for snippet in HOSTILE:
        sources.append(
            "\n".join(
                [
                    snippet,  # the first line: a title when it looks like one
                    f"—— {snippet}",  # subtitle under the title
                    f"□ 文/摄 {snippet}",  # byline
                    "",
                    snippet,  # alone: block syntax at the start of a line
                    "",
                    f"网格党支部 {snippet} 驻村干部。",  # mid-line
                    "",
                    f"{snippet} 书记领办，abc {snippet}。",  # opening and closing a paragraph
                    "",
                    f"驻村干部 {snippet}",  # short, no punctuation: a section heading
                    "",
                    "编者按",
                    "",
                    f"{snippet} 编者的说明。",  # editor's note body
                    "",
                    f"{snippet}照片。 图：{snippet}",  # photo caption with a credit option
                    "",
                    f"党员 {snippet}",  # a heading that opens a new piece …
                    f"本报讯（记者 {snippet}）",  # … because a dateline follows
                    "",
                    f"结尾 {snippet}",
                ]
            )
            + "\n"
        )
    # The same snippets in a traditional-script source: simplified page + 繁体原文 dropdown.
    sources.append("\n\n".join(f"網格黨支部 {s} 駐村幹部。\n\n{s} 黨員隊伍" for s in HOSTILE) + "\n")
    return sources


def test_hostile_snippets_in_every_position() -> None:
    check_site(_fixed_sources())


# ------------------------------------------------------------- known failures


def test_second_page_photo_credit_is_shown() -> None:
    """Two page-wide photo credits are both kept (found by this suite)."""
    check_site(
        [
            "网格党支部建设\n\n正文第一段。\n\n本版图片由网格党支部提供\n\n正文第二段。\n\n本组图片：驻村干部 <b>x</b>\n"
        ]
    )


@pytest.mark.xfail(
    strict=True,
    reason="pydata-sphinx-theme 0.24 builds the header navbar from page titles with node.astext() and "
    "no HTML escaping (toctree.py), so a title listed in the ROOT toctree is injected as raw HTML.  The "
    "site is safe only because docs/index.md lists articles/index, not the articles themselves",
)
def test_article_title_in_root_toctree_navbar_is_escaped() -> None:
    with TemporaryDirectory() as tmp:
        srcdir = Path(tmp) / "docs"
        srcdir.mkdir()
        shutil.copy(DOCS / "conf.py", srcdir / "conf.py")
        (srcdir / "index.md").write_text("# 首页\n\n```{toctree}\n\np000\n```\n", encoding="utf-8")
        page = convert(
            "<script>alert(1)</script>\n\n网格党支部 驻村干部。\n".encode(), "sources/p000.txt"
        ).page
        (srcdir / "p000.md").write_text(page, encoding="utf-8")
        outdir = Path(tmp) / "_build" / "html"
        with patch_docutils(srcdir), docutils_namespace():
            Sphinx(
                str(srcdir),
                str(srcdir),
                str(outdir),
                str(Path(tmp) / "_build" / "doctrees"),
                "html",
                freshenv=True,
                status=None,
                warning=io.StringIO(),
            ).build()
        html = (outdir / "p000.html").read_text("utf-8")
    assert "<script>alert(1)" not in html, html[html.find("<script>alert(1)") - 300 :][:600]

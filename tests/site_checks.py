"""Checks on a built article page: its visible text, and no element its source text created.

Shared by tests/test_escape_property.py (generated sources) and tests/test_hostile.py (the
hostile corpus).  An article page may hold only the elements the pipeline's own page
structure makes (sections, headings, paragraphs, the metadata panel, captions, editor
notes, the original-script dropdown, headerlinks), the glossary auto-linker's markup and
the 关键数字 / 相关文章 sections the site appends; anything else came from source text.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bs4 import BeautifulSoup, Tag

from dangjian.convert.anchors import ANCHOR

#: Hostile HTML that must never appear unescaped anywhere in a built page.
RAW_HTML_MARKERS = [
    "<script>alert(1)",
    "<img src=x",
    "<iframe src=x",
    "<style>p{color:red}",
    '<a href="http://evil.example"',
    "<b>x</b>",
    "<!-- c -->",
    "<?php",
    "<![CDATA[",
]

#: A glossary link made by auto-linking: to an entry's pinyin anchor, showing the term.
_GLOSSARY_HREF = re.compile(r"^(\.\./)?glossary/index\.html#term-[a-z0-9-]+$")

_WS = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _WS.sub("", text)


def without_headerlinks(article: Tag) -> BeautifulSoup:
    """A copy of ``article`` without the ``#`` links headings carry."""
    copy = BeautifulSoup(str(article), "html.parser")
    for link in copy.select("a.headerlink"):
        link.decompose()
    return copy


def article_plain_text(article: Tag) -> str:
    """The article's visible text as the browser has it, headerlink ``#`` marks removed."""
    return without_headerlinks(article).get_text()


def article_text(article: Tag) -> str:
    """The article's visible text without whitespace, headerlink ``#`` marks removed."""
    return _squeeze(article_plain_text(article))


# What the page structure itself puts into <article>: tag → the exact class sets allowed.
_ALLOWED: dict[str, set[frozenset[str]]] = {
    "section": {frozenset()},
    "h1": {frozenset()},
    "h2": {frozenset()},
    "h3": {frozenset()},
    "p": {
        frozenset(),
        frozenset({"piece-kicker"}),
        frozenset({"piece-subtitle"}),
        frozenset({"piece-byline"}),
        frozenset({"photo-credit"}),
        frozenset({"admonition-title"}),
        frozenset({"sd-card-text"}),
        frozenset({"continued-note"}),
    },
    "div": {
        frozenset({"article-meta", "docutils", "container"}),
        frozenset({"piece-meta", "docutils", "container"}),
        frozenset({"photo-caption", "docutils", "container"}),
        frozenset({"editor-note", "admonition"}),
        frozenset({"sd-summary-content", "sd-card-body", "docutils"}),
    },
    # the metadata panel
    "dl": {frozenset({"article-facts", "field-list", "simple"})},
    "dt": {frozenset({"field-odd"}), frozenset({"field-even"})},
    "dd": {frozenset({"field-odd"}), frozenset({"field-even"})},
    "span": {
        frozenset({"colon"}),
        frozenset({"unknown"}),
        frozenset({"editor-mark"}),
        frozenset({"piece-title"}),
        frozenset({"sd-summary-text"}),
        frozenset({"sd-summary-state-marker", "sd-summary-chevron-right"}),
    },
    # the sphinx-design 繁体原文 dropdown
    "details": {frozenset({"sd-sphinx-override", "sd-dropdown", "sd-card", "sd-mb-3", "original-script"})},
    "summary": {frozenset({"sd-summary-title", "sd-card-header"})},
    "svg": {frozenset({"sd-octicon", "sd-octicon-chevron-right"})},
    "path": {frozenset()},
    "a": {frozenset({"headerlink"}), frozenset({"reference", "internal"})},
}
#: The editor's marks the converter writes, by class: the only text each may show.
_EDITOR_MARKS = {"editor-mark": "〔原文至此中断〕"}
#: Elements a source tried to create, named in failure messages.
_FORBIDDEN = {
    "script",
    "img",
    "iframe",
    "style",
    "em",
    "strong",
    "code",
    "pre",
    "table",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "sup",
    "sub",
    "math",
    "b",
    "i",
    "u",
    "s",
    "del",
    "br",
    "link",
    "meta",
    "object",
    "embed",
    "form",
    "input",
    "h4",
    "h5",
    "h6",
    "kbd",
    "tt",
    "figure",
    "aside",
    "nav",
}
_FORBIDDEN_CLASSES = {
    "math",
    "footnote",
    "footnote-reference",
    "footnote-list",
    "highlight",
    "literal",
    "literal-block",
    "reference",
    "external",
    "internal",
    "xref",
    "std",
    "raw",
    "citation",
    "rubric",
    "topic",
    "toctree-wrapper",
    "line-block",
    "note",
    "warning",
    "substitution-reference",
}
_EVENT_OR_SOURCE_ATTR = re.compile(r"^(on.*|src|srcset|srcdoc|style|action|formaction|data)$", re.IGNORECASE)


def _context(el: Tag) -> str:
    parent = el.parent if isinstance(el.parent, Tag) else el
    return str(parent)[:600]


#: Sections the site appends to every article, and the markup they may hold.
_GENERATED_SECTIONS = {"article-figures": "figure", "article-related": "related", "cite-this": "reference"}
_GENERATED_TAGS = {
    "section",
    "div",
    "h2",
    "a",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "p",
    "ul",
    "li",
    "span",
    "button",
}


def _generated_href(article_pages: str) -> re.Pattern[str]:
    """Links of the appended sections: a figure's paragraph, a related article (a page of ``article_pages``)."""
    return re.compile(
        rf"^(#figure-\d+|#{ANCHOR.pattern}|(?:{article_pages})\.html|#(article-figures|article-related|cite-this)"
        r"|(?:\.\./)*cite/[A-Za-z0-9-]+\.(?:bib|ris|json))$"
    )


def _in_generated_section(el: Tag, generated_href: re.Pattern[str]) -> bool:
    """Inside 关键数字, 相关文章 or 引用本文: our own tables, lists and buttons; every link stays on the site."""
    section = el if el.name == "section" else el.find_parent("section")
    while section is not None:
        ids = section.get("id", "")
        if ids in _GENERATED_SECTIONS and set(section.get("class") or ()) == {ids}:
            break
        section = section.find_parent("section")
    if section is None:
        return False
    if el.name not in _GENERATED_TAGS:
        return False
    if el.name == "a":
        return bool(generated_href.match(el.get("href", "")))
    return True


def _is_glossary_markup(el: Tag, classes: frozenset[str], glossary_forms: Collection[str]) -> bool:
    """Auto-linking's own markup: a term link, its label, the 本文术语 section and counts."""
    if el.name == "a" and classes == {"reference", "internal"}:
        label = el.find("span", class_="glossary-term")
        return (
            bool(_GLOSSARY_HREF.match(el.get("href", "")))
            and label is not None
            and el.get_text() in glossary_forms
        )
    if el.name == "span" and classes == {"glossary-term"}:
        return el.parent.name == "a" and el.get_text() in glossary_forms
    if el.name == "section" and classes == {"article-terms"}:
        return el.get("id") == "article-terms"
    if el.name == "span" and classes == {"term-count"}:
        return (
            el.find_parent("section", class_="article-terms") is not None
            and re.fullmatch(r"（\d+）", el.get_text()) is not None
        )
    return False


def foreign_elements(article: Tag, *, glossary_forms: Collection[str], article_pages: str) -> list[str]:
    """Every element of ``article`` the page structure does not account for, with context.

    ``glossary_forms``: the glossary's terms (and other forms) the auto-linker may link;
    ``article_pages``: a regular expression matching the site's article page names, which
    相关文章 may link to.
    """
    generated_href = _generated_href(article_pages)
    problems = []
    for el in article.find_all(True):
        classes = frozenset(el.get("class") or ())
        if _is_glossary_markup(el, classes, glossary_forms) or _in_generated_section(el, generated_href):
            continue
        found = _problems(el, classes)
        if found:
            # The context only once there is a problem: a parent may be a page-long section.
            where = f"<{el.name} class={sorted(classes)}> in: {_context(el)}"
            problems += [f"{problem} {where}" for problem in found]
    return problems


def _problems(el: Tag, classes: frozenset[str]) -> list[str]:
    """What is wrong with one element, each as the start of a message."""
    if el.name in _FORBIDDEN:
        return ["forbidden element"]
    if classes & _FORBIDDEN_CLASSES:
        return [f"forbidden class {sorted(classes & _FORBIDDEN_CLASSES)} on"]
    if classes not in _ALLOWED.get(el.name, set()):
        return ["unexpected element"]
    problems = []
    bad_attrs = [a for a in el.attrs if _EVENT_OR_SOURCE_ATTR.match(a)]
    if bad_attrs:
        problems.append(f"attribute {bad_attrs} on")
    in_heading = el.parent is not None and el.parent.name in ("h1", "h2", "h3")
    in_note = el.find_parent("p", class_="continued-note") is not None
    if el.name == "a" and not (str(el.get("href", "")).startswith("#") and in_heading) and not in_note:
        problems.append("link that is not a heading's headerlink or a continuation note's:")
    if "piece-title" in classes and not in_note:
        problems.append("piece title outside a continuation note:")
    for mark, text in _EDITOR_MARKS.items():
        if mark in classes and el.get_text() != text:
            problems.append(f"editor's mark that does not read {text}:")
    if el.name in ("dt", "dd") and "article-facts" not in (el.parent.get("class") or ()):
        problems.append("field-list item outside the metadata panel:")
    if el.name in ("svg", "path") and el.find_parent("summary") is None:
        problems.append("svg outside the dropdown summary:")
    return problems

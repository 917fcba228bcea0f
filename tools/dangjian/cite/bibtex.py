"""BibTeX for LaTeX users (biblatex and BibTeX styles alike), one entry per item.

A newspaper article is biblatex's ``@article`` with ``entrysubtype = {newspaper}`` (the GB/T 7714
biblatex and BibTeX styles print it as ``[N]``); a web page is ``@online`` with its ``url`` and
``urldate``.  Values are TeX-escaped, each name is braced whole (as printed: never split at a
comma or an ``and``), and URLs are written as URLs, since biblatex reads them verbatim.
"""

from __future__ import annotations

import re

from .fields import date_iso, is_newspaper, names, one_line

#: TeX's special characters in text, and how a value writes them.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile("|".join(re.escape(ch) for ch in _TEX))
#: Characters a braced URL cannot hold as they are, percent-encoded (the URL stays the same).
_URL = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "\n": "%0A"}


def tex_escape(text: str) -> str:
    """``text`` as TeX prints it: specials escaped, line breaks as spaces (TeX reads one as a
    space, and two would end a paragraph inside a title)."""
    return _SPECIAL.sub(lambda match: _TEX[match.group()], one_line(text))


def url_value(url: str) -> str:
    """``url`` safe inside a braced field (braces, backslashes and spaces percent-encoded)."""
    return "".join(_URL.get(ch, ch) for ch in url)


def _fields(item: dict) -> list[tuple[str, str]]:
    """(field, value as written) of one entry, in the order a reader expects them."""
    out = []
    authors = names(item)
    if authors:
        out.append(("author", " and ".join("{" + tex_escape(name) + "}" for name in authors)))
    out.append(("title", tex_escape(str(item.get("title", "")))))
    container = tex_escape(str(item.get("container-title", "")))
    if is_newspaper(item):
        out += [("entrysubtype", "newspaper"), ("journaltitle", container), ("journal", container)]
    elif container:
        out.append(("organization", container))
    issued = date_iso(item, "issued")
    if issued:
        out += [("date", issued), ("year", issued[:4])]
    out += [
        (name, tex_escape(str(item[key])))
        for name, key in (("pages", "page"), ("note", "note"))
        if item.get(key)
    ]
    if item.get("URL"):
        out.append(("url", url_value(str(item["URL"]))))
    accessed = date_iso(item, "accessed")
    if accessed:
        out.append(("urldate", accessed))
    if str(item.get("language", "")).startswith("zh"):
        out.append(("langid", "chinese"))
    return out


def to_bibtex(items: list[dict]) -> str:
    """The items as one ``.bib`` file; each entry's key is the item's id."""
    entries = []
    for item in items:
        kind = "article" if is_newspaper(item) else "online"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in _fields(item))
        entries.append(f"@{kind}{{{item['id']},\n{body}\n}}\n")
    return "\n".join(entries)

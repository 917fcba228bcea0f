"""The PDF: a cover with live counts, and an index sorted and grouped by pinyin.

LaTeX sorts index entries by their key; Sphinx's key is the term itself, so
makeindex would order Chinese by byte value.  Before writing LaTeX, each
glossary index entry becomes a raw ``\\index{pinyin@term}``, so makeindex sorts
by pinyin and groups under its first letter.
"""

from __future__ import annotations

import datetime as dt
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...glossary import pinyin as py
from ..pages.domain import article_facts
from ..site.home import counts
from ..terms.domain import terms_domain

COVER = r"""
\begin{titlepage}
\centering
\vspace*{4cm}
{\Huge\bfseries %(title)s\par}
\vspace{1.2cm}
{\Large 东北地区基层党建实践资料库\par}
\vspace{2.5cm}
{\large %(counts)s\par}
\vfill
{\large 构建日期：%(date)s\par}
\end{titlepage}
"""


_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def _latex(text: str) -> str:
    """Plain text for LaTeX: every special character escaped, so data never becomes markup."""
    return "".join(_TEX_SPECIALS.get(c, c) for c in text)


def _index_text(text: str) -> str:
    """Text inside ``\\index{…}``: LaTeX-escaped, then makeindex's specials quoted as Sphinx does."""
    value = (
        _latex(text).replace(r"\{", r"\sphinxleftcurlybrace{}").replace(r"\}", r"\sphinxrightcurlybrace{}")
    )
    return value.replace('"', '""').replace("@", '"@').replace("!", '"!').replace("|", r"\textbar{}")


def cover_with_counts(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: the counts are known; put them on the cover."""
    if app.builder.format != "latex":
        return
    shown = "　".join(f"{value} {label}" for label, value in counts(env).items())
    app.builder.context["maketitle"] = COVER % {  # type: ignore[attr-defined]
        "title": _latex(app.config.project),
        "counts": _latex(shown),
        "date": dt.date.today().isoformat(),
    }


#: The PDF's subject (its cover's subtitle) and the keywords every edition shares.
SUBJECT = "东北地区基层党建实践资料库"
KEYWORDS = ("基层党建", "党建引领", "地方报纸")


def pdf_metadata(app: Sphinx, env: BuildEnvironment) -> None:
    """Title, author, subject, keywords (with the provinces the articles are from) and language
    in the PDF's document information, where readers' PDF software and catalogues look."""
    if app.builder.format != "latex":
        return
    provinces = sorted({f["province"] for f in article_facts(env).values() if f["province"]})
    fields = {
        "pdftitle": app.config.project,
        "pdfauthor": app.config.author,
        "pdfsubject": SUBJECT,
        "pdfkeywords": ", ".join((*KEYWORDS, *provinces)),
        "pdflang": "zh-CN",
    }
    setup = ",".join(f"{key}={{{_latex(value)}}}" for key, value in fields.items())
    context = app.builder.context  # type: ignore[attr-defined]
    context["hyperref"] = context.get("hyperref", "") + f"\n\\hypersetup{{{setup}}}\n"


#: Photo captions set as captions (smaller, sans-serif, indented, grey), not as body paragraphs:
#: the writer wraps each ``photo-caption`` container in ``sphinxuseclass``, which opens this.
CAPTION_STYLE = r"""
\newenvironment{sphinxclassphoto-caption}%
  {\par\addvspace{0.3\baselineskip}\begingroup\small\sffamily\color{black!75}%
   \leftskip=2em\rightskip=2em\relax}%
  {\par\endgroup\addvspace{0.3\baselineskip}}
"""


def caption_style(app: Sphinx) -> None:
    """At ``builder-inited``: the caption environment joins the LaTeX preamble."""
    if app.builder.format == "latex":
        context = app.builder.context  # type: ignore[attr-defined]
        context["preamble"] = context.get("preamble", "") + CAPTION_STYLE


def _sort_key(reading: str) -> str:
    return "".join(py.sort_key(reading)[:2]).replace(" ", "")


class PinyinIndexEntries(SphinxPostTransform):
    """Glossary index entries → ``\\index{pinyin key@\\spxentry{term}}`` for makeindex."""

    builders = ("latex",)
    # Before the LaTeX writer; index nodes are not touched by reference resolving (10).
    default_priority = 200

    def run(self, **kwargs: object) -> None:
        domain = terms_domain(self.env)
        readings = {e.term: e.pinyin for e in domain.glossary.entries}
        for e in domain.glossary.entries:
            for alias in e.aliases:
                readings.setdefault(alias, py.reading(alias))
        for node in list(self.document.findall(addnodes.index)):
            if not node.get("dangjian_glossary"):
                continue
            raw = []
            for _type, name, _target, main, _key in node["entries"]:
                key = _sort_key(readings.get(name) or py.reading(name))
                page = "|spxpagem" if main else ""
                raw.append(rf"\index{{{key}{_index_text(name)}@\spxentry{{{_index_text(name)}}}{page}}}")
            node.replace_self(nodes.raw("", "".join(raw), format="latex"))


class LabelAnchoredBlocks(SphinxPostTransform):
    """Give LaTeX a label for every anchor a link can land on.

    Sphinx's LaTeX writer labels sections, figures and tables, but not the
    containers and paragraphs that carry glossary anchors (``term-…``) and key
    figures (``figure-N``); without a label those links go nowhere in the PDF.
    """

    builders = ("latex",)
    # Any time before writing; independent of reference resolving.
    default_priority = 210

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if (
                isinstance(node, (nodes.container, nodes.paragraph))
                and node["ids"]
                and node.parent is not None
            ):
                target = nodes.target("", "", ids=list(node["ids"]))
                node["ids"] = []
                node.parent.insert(node.parent.index(node), target)


#: A space the newspaper set between two Chinese parts of a title, heading or byline (同江 党建引领…,
#: 本报记者 刘大泳): xeCJK drops an ASCII space between CJK characters, so it becomes U+3000.
_CJK_SEPARATOR = re.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’])[ \t]+(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’□])"
)
#: Text set as printed, never respaced: code, literals, raw output, math.
_VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block)


def _verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _VERBATIM):
            return True
        parent = parent.parent
    return False


def keep_separators(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The spaces the source sets between Chinese parts of a title, heading, byline or link survive
    in the PDF (in HTML a space shows as it is): one rule for every text but code.  Run after every
    other ``doctree-resolved`` handler, so the listings they fill in are covered too."""
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        if _CJK_SEPARATOR.search(text) and not _verbatim(text):
            text.parent.replace(text, nodes.Text(_CJK_SEPARATOR.sub("\u3000", text)))


def setup_latex(app: Sphinx) -> None:
    app.connect("env-updated", cover_with_counts)
    app.connect("env-updated", pdf_metadata)
    app.connect("builder-inited", caption_style)
    app.add_post_transform(PinyinIndexEntries)
    app.add_post_transform(LabelAnchoredBlocks)
    app.connect("doctree-resolved", keep_separators, priority=900)

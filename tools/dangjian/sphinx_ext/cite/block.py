"""引用本文 / 引用此条: the GB/T 7714 reference with a copy button and the downloads of one item.

A section is added to every article page at read time (so the page's table of contents lists
it) and a placeholder to every glossary entry; both are filled on ``doctree-resolved`` from the
references rendered at ``env-updated``.  The PDF keeps an article's reference as a paragraph when
it is complete without the site (a newspaper citation, or a known site address) and drops it
otherwise; the buttons and downloads are the HTML site's.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..pages.domain import is_article
from ..placeholders import add_placeholder_node
from ..terms.domain import ENTRY_ATTRIBUTE
from .downloads import FORMATS, download_path, whole_path
from .references import UNKNOWN_SITE, Reference, accessed_of, references_of

SECTION_ID = "cite-this"


class reference_block(nodes.General, nodes.Element):
    """Placeholder: the reference of the item at (docname, ``anchor``)."""


class AddReferenceBlocks(SphinxTransform):
    """A 引用本文 section at the end of each article; a placeholder in each glossary entry."""

    # After the article extras (846) and the glossary entries (directives), before collecting (850).
    default_priority = 847

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        for entry in list(self.document.findall(nodes.container)):
            if entry.get(ENTRY_ATTRIBUTE):
                entry += reference_block(docname=docname, anchor=entry["ids"][0], term=True)
        if not is_article(self.env, docname):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        section = nodes.section(ids=[SECTION_ID], classes=[SECTION_ID])
        section += nodes.title("引用本文", "引用本文")
        section += reference_block(docname=docname, anchor="", term=False)
        top += section


def _text_html(reference: Reference, accessed: str) -> str:
    """The reference as HTML: the site address and 引用日期 marked for the page's script to complete."""
    out = html.escape(reference.text)
    url = str(reference.item.get("URL", ""))
    if url.startswith(UNKNOWN_SITE):
        path = html.escape(url[len(UNKNOWN_SITE) :])
        out = out.replace(html.escape(url), f'<span class="dj-ref-url" data-path="{path}">{path}</span>')
    if accessed:
        mark = f"[{accessed}]"
        out = out.replace(mark, f'[<span class="dj-ref-accessed">{accessed}</span>]', 1)
    return out


def _links_html(reference: Reference, prefix: str, heading: str) -> str:
    """The item's downloads, then the whole knowledge base's."""
    mine = " ".join(
        f'<a class="dj-ref-download" href="{prefix}{download_path(reference.key, fmt)}" download>{label}</a>'
        for fmt, label in FORMATS
    )
    whole = " ".join(f'<a href="{prefix}{whole_path(fmt)}" download>{label}</a>' for fmt, label in FORMATS)
    return (
        f'<p class="dj-ref-links">下载{heading}：{mine}<span class="dj-ref-sep" aria-hidden="true">｜</span>'
        f"全库引文：{whole}</p>"
    )


def block_html(reference: Reference, prefix: str, accessed: str, term: bool) -> str:
    """The whole block: reference, copy button with its status, downloads."""
    ident = html.escape(f"ref-{reference.key}")
    heading = "此条" if term else "本文"
    reference_p = f'<p class="dj-ref-text" id="{ident}" lang="zh-CN">{_text_html(reference, accessed)}</p>'
    button = (
        f'<p class="dj-ref-actions"><button type="button" class="dj-ref-copy" data-target="{ident}">'
        f'复制引文</button> <span class="dj-ref-status" role="status" aria-live="polite"></span></p>'
    )
    body = reference_p + button + _links_html(reference, prefix, heading)
    if term:
        return f'<details class="dj-ref dj-ref-term"><summary>引用此条（GB/T 7714—2015）</summary>{body}</details>'
    return f'<div class="dj-ref"><p class="dj-ref-style">GB/T 7714—2015 著录格式：</p>{body}</div>'


def _complete_without_site(reference: Reference) -> bool:
    return not str(reference.item.get("URL", "")).startswith(UNKNOWN_SITE)


def fill_reference_blocks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    prefix = "../" * docname.count("/")
    accessed = accessed_of(app.env)
    for node in list(doctree.findall(reference_block)):
        found = references_of(app.env, node["docname"], node["anchor"])
        if not found:
            node.parent.remove(node)
            continue
        reference = found[0]
        if app.builder.format == "html":
            node.replace_self(
                nodes.raw("", block_html(reference, prefix, accessed, node["term"]), format="html")
            )
        elif not node["term"] and _complete_without_site(reference):
            node.replace_self(nodes.paragraph(reference.text, reference.text, classes=["dj-ref-text"]))
        else:
            section = node.parent
            section.parent.remove(section) if not node["term"] else section.remove(node)


def setup_block(app: Sphinx) -> None:
    add_placeholder_node(app, reference_block)
    app.add_transform(AddReferenceBlocks)
    app.connect("doctree-resolved", fill_reference_blocks)

"""Practice comparison (各地做法): how each place runs the practice a glossary term names.

A reader asks "how do different places run 网格党支部?".  The answer is one row per place,
each resting on the paragraphs it quotes:

- *where*: the finest gazetteer place that the paragraph names (inside its article's stated
  region) before or in the sentences that use the term — the leaves of those places, and their
  lowest common ancestor when they are several (林荫街道 and 滨河街道 → 海勃湾区); else the
  place of the paragraph's piece (:func:`dangjian.regions.locate.locate_pieces`, the common
  ancestor of its places); else unknown (不详).  Nothing is guessed past the gazetteer.
- *what is done*: the sentences of the paragraph that use the term, quoted, never rewritten;
- *structure*: tier phrases (三级组织架构), enumerated organisation chains (…、…、…的组织架构),
  the organisation terms of the glossary and the grassroots roles (网格长, 楼长 …) the
  paragraph names, each as written;
- *figures*: the clauses of the paragraph that report a figure (:func:`find_figures`).

Structure and figures are read from the paragraph's sentences about the row's place: a
sentence naming a place off that place's line (滨河街道's, in a paragraph about 林荫街道) is
left out of them.

Rows of one place merge (several links).  Unknown places never merge across articles: two
articles that do not say where are not known to speak of one place.  A comparison needs
two rows: a term used at one place only gets none (two paragraphs of one article about two
counties compare; two articles about one county do not, they are one row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary
from ..model import REGION_KEYS
from ..pages.figures import find_figures
from ..pages.frontmatter import front_matter_data
from ..pages.paragraphs import Paragraph, page_paragraphs
from ..regions.divisions import Divisions
from ..regions.gazetteer import Gazetteer
from ..regions.infer import stated_place
from ..regions.locate import PieceLocation, locate_pieces
from ..regions.match import named_places

#: Fewest rows (places) that make a comparison.
MIN_ROWS = 2
#: A sentence ends at 。！？ (and the ! ? these sources type for them), closing quotes included.
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’）)」』]*|$)")
#: A tier phrase: 三级组织架构, 五级书记, 三级智慧化服务网络 (the numeral and what follows, as written).
_TIER = re.compile(r"(?<![第\d])[二三四五六七八九十两]级[^，。、；,;：:！？!?“”\"（）()]{0,10}")
#: An enumerated chain of units ending in what it forms: 社区党组织、网格党支部、楼栋党小组的三级组织架构.
_CHAIN = re.compile(
    r"(?:[^，。、；,;：:！？!?“”]{2,16}、){2,}[^，。、；,;：:！？!?“”]{2,16}?的"
    r"[^，。、；,;：:！？!?“”]{0,8}?(?:架构|体系|格局|网络)"
)
#: Verbs that open a chain's clause; the chain is shown from the first unit on.
_LEAD_VERB = re.compile(r"^.*?(?:构建起|构建|形成了|形成|建立起|建立|调整优化|健全|完善)")
#: Grassroots roles the articles name (the organisation terms come from the glossary).
ROLES = tuple(
    sorted(
        """网格长 网格员 专兼职网格员 座席网格员 网格指导员 楼长 党员楼长 楼栋长 红色楼栋长 单元长
        红色单元长 党员中心户 第一书记 驻村第一书记 驻村干部 包村干部 村干部 社区工作者 书记助理
        兼职委员 志愿者 党员志愿者 联络员 信息员""".split(),
        key=len,
        reverse=True,
    )
)
_ROLE = re.compile("|".join(map(re.escape, ROLES)))


@dataclass(frozen=True)
class Use:
    """One paragraph's use of ``term``: where, what it says, the structure and figures it gives."""

    term: str
    article: str
    target: str  # article#anchor
    key: str  # the gazetteer key of the place, "" if unknown
    place: tuple[str, ...]  # its chain of names, province first; () if unknown
    sentences: tuple[str, ...]
    structure: tuple[str, ...]
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One place of a comparison: its quotes per paragraph, merged structure and figures."""

    key: str
    place: tuple[str, ...]
    quotes: tuple[tuple[str, tuple[str, ...]], ...]  # (target, sentences), in corpus order
    structure: tuple[str, ...] = field(default=())
    figures: tuple[str, ...] = field(default=())

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(target for target, _ in self.quotes)


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing punctuation, as written."""
    return [s for s in (m.group().strip() for m in _SENTENCE.finditer(text)) if s]


def _ordered(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def organisations(glossary: Glossary) -> frozenset[str]:
    """The glossary's organisation terms: what a structure names besides tiers and roles."""
    return frozenset(e.term for e in glossary.entries if e.category == "organisation")


def structure_spans(text: str, matcher: TermMatcher, units: frozenset[str]) -> list[tuple[int, int, str]]:
    """Every structure item of ``text``: (start, end, the term it is a form of, or "")."""
    spans = [(*m.span(), "") for m in _TIER.finditer(text)]
    for chain in _CHAIN.finditer(text):
        spans.append((chain.end() - len(_LEAD_VERB.sub("", chain.group())), chain.end(), ""))
    spans += [(m.start, m.end, m.term) for m in matcher.find(text) if m.term in units]
    spans += [(*m.span(), matcher.forms.get(m.group(), "")) for m in _ROLE.finditer(text)]
    return spans


def shown_structure(text: str, spans: list[tuple[int, int, str]], term: str) -> tuple[str, ...]:
    """The items of ``spans`` other than ``term`` itself, as written, in text order.

    An item inside a longer one (三级组织架构 inside its chain) is left out; 网格员 beside
    座席网格员 is kept, each being its own mention.
    """
    own = [(start, end) for start, end, owner in spans if owner != term]
    kept = [(a, b) for a, b in own if not any(s <= a and b <= e and (s, e) != (a, b) for s, e in own)]
    return _ordered(text[start:end] for start, end in sorted(kept))


def structure_of(text: str, term: str, matcher: TermMatcher, glossary: Glossary) -> tuple[str, ...]:
    """Tiers, unit chains, organisation terms and roles that ``text`` names (``term`` aside)."""
    return shown_structure(text, structure_spans(text, matcher, organisations(glossary)), term)


def figures_of(text: str) -> tuple[str, ...]:
    """The clauses of ``text`` that report a figure, each once, in text order."""
    return _ordered(figure.clause for figure in find_figures(text))


def finest_place(keys: Iterable[str], line: Callable[[str], tuple[str, ...]]) -> str:
    """The finest place ``keys`` name: the one leaf, or the lowest common ancestor of the leaves.

    ``line(key)`` is the key's chain of ancestors, province first, ending with the key.
    """
    keys = list(dict.fromkeys(keys))
    leaves = [k for k in keys if not any(k != o and k in line(o) for o in keys)]
    if not leaves:
        return ""
    common = line(leaves[0])
    for leaf in leaves[1:]:
        other = line(leaf)
        size = next(
            (i for i, (a, b) in enumerate(zip(common, other, strict=False)) if a != b),
            min(len(common), len(other)),
        )
        common = common[:size]
    return common[-1] if common else ""


@dataclass
class _Article:
    """What locating a paragraph needs of its article, computed once per page.

    The places are read once for the whole page (:func:`named_places`, which tells namesakes
    apart by the whole article); each sentence is then scanned for those places' forms only.
    """

    gazetteer: Gazetteer
    forms: dict[str, str]  # form → the key it means in this article
    pattern: re.Pattern[str] | None  # the forms, longest first
    pieces: dict[int, str]  # piece number → its place key
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → its ancestors, province first
    shown: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → their names
    named: dict[str, list[str]] = field(default_factory=dict)  # sentence → the keys it names

    def line(self, key: str) -> tuple[str, ...]:
        if key not in self.lines:
            self.lines[key] = tuple(reversed(self.gazetteer.ancestors(key)))
        return self.lines[key]

    def chain(self, key: str) -> tuple[str, ...]:
        """The names of ``key``'s line, province first (read once per key)."""
        if key not in self.shown:
            self.shown[key] = tuple(_name(self.gazetteer, k) for k in self.line(key))
        return self.shown[key]

    def names(self, sentence: str) -> list[str]:
        """The keys of the places ``sentence`` names, in order of first mention (scanned once)."""
        if sentence not in self.named:
            found = self.pattern.finditer(sentence) if self.pattern is not None else ()
            self.named[sentence] = list(dict.fromkeys(self.forms[m.group()] for m in found))
        return self.named[sentence]

    def place(self, sentences: list[str], piece: int) -> str:
        """The finest place ``sentences`` name, else their piece's place ("" if neither)."""
        keys = [key for sentence in sentences for key in self.names(sentence)]
        return finest_place(keys, self.line) or self.pieces.get(piece, "")

    def about(self, sentence: str, key: str) -> bool:
        """Whether ``sentence`` names no place off ``key``'s line (滨河街道 is not about 林荫街道)."""
        own = self.line(key) if key else ()
        return all(k in own or key in self.line(k) for k in self.names(sentence)) if key else True


def _article(
    page: str,
    paragraphs: list[Paragraph],
    gazetteer: Gazetteer,
    divisions: Divisions | None,
    pieces: list[PieceLocation],
) -> _Article:
    meta = front_matter_data(page).get("article")
    region = {key: str(meta.get(key) or "") for key in REGION_KEYS} if isinstance(meta, dict) else {}
    whole = "\n".join(p.text for p in paragraphs)
    stated = stated_place(gazetteer, region, whole, divisions) if region else ""
    keys = named_places(gazetteer, whole, stated)  # the whole page: its own context
    forms = {
        form: key
        for key in reversed(keys)
        if (place := gazetteer.get(key)) is not None
        for form in (place.name, *place.aliases)
    }
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    where = _Article(gazetteer, forms, pattern, {})
    for loc in pieces:
        where.pieces[loc.index] = finest_place(loc.places, where.line)
    return where


def _uses_in(paragraph: Paragraph, where: _Article, matcher: TermMatcher, units: frozenset[str]) -> list[Use]:
    """Every term ``paragraph`` uses, each with its sentences, place, structure and figures.

    Structure and figures come from the paragraph's sentences that are about the row's place.
    """
    sentences = split_sentences(paragraph.text)
    by_term: dict[str, list[int]] = {}
    for index, sentence in enumerate(sentences):
        for match in matcher.find(sentence):
            if index not in by_term.setdefault(match.term, []):
                by_term[match.term].append(index)
    out = []
    figures: dict[str, tuple[str, ...]] = {}  # by the text they come from: several terms share it
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for term, indexes in by_term.items():
        key = where.place(sentences[: indexes[-1] + 1], paragraph.piece)
        about = "".join(s for s in sentences if where.about(s, key))
        if about not in figures:
            figures[about] = figures_of(about)
            spans[about] = structure_spans(about, matcher, units)
        out.append(
            Use(
                term=term,
                article=paragraph.article,
                target=paragraph.target,
                key=key,
                place=where.chain(key) if key else (),
                sentences=tuple(sentences[i] for i in indexes),
                structure=shown_structure(about, spans[about], term),
                figures=figures[about],
            )
        )
    return out


def _name(gazetteer: Gazetteer, key: str) -> str:
    place = gazetteer.get(key)
    return place.name if place is not None else key


def article_uses(
    article: str,
    page: str,
    matcher: TermMatcher,
    glossary: Glossary,
    gazetteer: Gazetteer,
    divisions: Divisions | None = None,
    pieces: list[PieceLocation] | None = None,
) -> list[Use]:
    """Every use of every glossary term in the anchored paragraphs of one article page, in page order.

    ``pieces`` are the page's located pieces, when the caller has them already (the site's
    region pages keep them per page); else they are located here.
    """
    every = page_paragraphs(article, page)
    if not any(p.anchor for p in every):
        return []
    if pieces is None:
        pieces = locate_pieces(article, page, gazetteer, divisions)
    where = _article(page, every, gazetteer, divisions, pieces)
    units = organisations(glossary)
    uses = [_uses_in(p, where, matcher, units) for p in every if p.anchor]
    return [use for found in uses for use in found]


def comparison(term: str, uses: Iterable[Use]) -> list[Row]:
    """The rows of ``term``'s comparison, one per place in order of first use; [] below two places."""
    groups: dict[tuple[str, str], list[Use]] = {}
    for use in uses:
        if use.term == term:
            groups.setdefault((use.key, "" if use.key else use.article), []).append(use)
    if len(groups) < MIN_ROWS:
        return []
    return [
        Row(
            key=group[0].key,
            place=group[0].place,
            quotes=tuple((use.target, use.sentences) for use in group),
            structure=_ordered(item for use in group for item in use.structure),
            figures=_ordered(item for use in group for item in use.figures),
        )
        for group in groups.values()
    ]

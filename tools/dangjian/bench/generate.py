"""A deterministic benchmark corpus: N newspaper sources recombined from the seed articles.

Why: five seeds say little about how the converter and the site scale to 1,000 articles, and
real articles cannot be invented.  So the seeds are cut into titles, bylines, paragraphs and
captions, and each generated source recombines them the way a newspaper page is laid out:
places swapped for other gazetteer places of the same level, bylines rebuilt from the seeds'
author names, glossary terms and their aliases in most paragraphs, photo captions, several
stories on one page, section headings, and paragraphs the layout split mid-sentence (sometimes
around a caption).  About one source in five is in traditional script and about half have a
sidecar naming the region the text was written for.  Nothing states a newspaper or a date:
the seeds do not give them, so neither does the benchmark.

Everything is a pure function of ``(material, seed, index)``: source ``index`` comes from its
own ``random.Random``, so ``generate(m, 200, s)`` is the first 200 of ``generate(m, 1000, s)``.
Only :func:`read_material` and :func:`write_corpus`, at the bottom, touch files.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..convert.script import to_simplified, to_traditional
from ..convert.segment import MAX_HEADING, ends_sentence
from ..glossary.load import parse_glossary
from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary
from ..layout import CHECKOUT, GAZETTEER, GLOSSARY, SOURCES
from ..regions.gazetteer import Gazetteer, Place, parse_gazetteer, slug
from ..sources.files import sidecar_path

#: Share of sources written in traditional script, and of sources with a sidecar.
TRADITIONAL_SHARE = 0.2
SIDECAR_SHARE = 0.5
#: Size a source aims for, in UTF-8 bytes (low, mode, high); every file stays within 3–25 KB.
TARGET_BYTES = (3_400, 9_000, 23_500)
#: No paragraph is added once a source reaches this size.
HARD_CAP_BYTES = 23_800
#: Chance that a paragraph is split mid-sentence, and that a caption sits between the halves.
BREAK_SHARE = 0.12
CAPTION_IN_BREAK = 0.4
#: Chance that a glossary form is written as one of its interchangeable forms instead.
TERM_SWAP = 0.25
#: Shortest pool paragraph, in characters: shorter ones read as headings or captions.
MIN_PARAGRAPH = 30
#: The longest first-line title the converter accepts: twice its longest heading (``MAX_HEADING``,
#: imported above), as ``convert.segment._looks_like_title`` rules.
MAX_TITLE = 2 * MAX_HEADING

_SEED_NAME = re.compile(r"^\d{3}-[\w-]+\.txt$")

# --- cutting a seed into parts: simple rules of our own, not the converter's -----------------

_NAV_BAR = re.compile(r"\S\s*[|｜]\s*\S.*[|｜].*[|｜]")
_IMAGE_LINE = re.compile(r"_fororder_|\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
_WEB_DATELINE = re.compile(r"^\d{4}-\d{2}-\d{2}\b")
_ORIGINAL_TITLE = re.compile(r"^原标题[:：]")
_LEGAL_HEADING = re.compile(r"(?:版权|著作权).{0,16}(?:声明|所有)")
# Same shape as convert.segment's patterns, other rules (cutting seeds, not reading pages): a deliberate look-alike.
_KICKER = re.compile(r"^[■▲◆●★]\s*\S")
_COLUMN = re.compile(r"^[\u4e00-\u9fff]{2,10}\s+[A-Z]{3,}$")
_BYLINE = re.compile(r"^(?:□|本报记者|特约记者|本报通讯员|通讯员)")
_SUBTITLE = re.compile(r"^(?:——|—|──)")
_NOTE_LABEL = re.compile(r"^(?:核心提示|编者按|编者的话|导读)\s*[:：]?$")
_PAGE_CREDIT = re.compile(r"^(?:本版|本组)?图片(?:均)?由.{2,30}提供$")
_CAPTION_CREDIT = re.compile(r"^(?P<text>.{4,60}?。)\s*(?P<credit>供图\s*\S.*|[\u4e00-\u9fff]{2,4}\s*摄)$")
_DATELINE = re.compile(
    r"^本报讯\s*(?:[(（](?P<names>[^()（）]{1,40})[)）]|(?P<names2>记者\s*[\u4e00-\u9fff·]{2,5})报道)?\s*"
)
_HEADLINE_BAD = re.compile(r"[。，,；;！!？?、.…]")
_HEADING_BAD = re.compile(r"[。，,；;：:！!？?、()（）.…]")
_ROLE_WORDS = re.compile(r"□|文/摄|本报记者|特约记者|本报通讯员|通讯员|记者|报道|摄影|摄|[()（）/]")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_NOT_NAMES = frozenset({"本报讯", "实习生"})
#: Traits that would make the converter read a paragraph as something else (a caption with a
#: credit, a byline): such paragraphs stay out of the pool.
_PARAGRAPH_BAD_START = re.compile(r"^(?:□|■|——|本报|记者|通讯员|核心提示|编者按|导读)")
_LOOKS_CREDITED = re.compile(r"[。.!！]\s*(?:供图|图片提供|图)|摄(?:影)?$")

#: Kinds of the parts a seed is cut into.
TITLE = "title"
HEADING = "heading"
BYLINE = "byline"
PARAGRAPH = "paragraph"
CAPTION = "caption"
KICKER = "kicker"


# Same shape as pages.write.PagePlan (a frozen record): a deliberate look-alike.
@dataclass(frozen=True)
class SeedPart:
    """One unit of a seed article, in simplified script; ``piece`` counts the seed's stories."""

    kind: str
    text: str
    piece: int
    credit: str = ""


def _is_traditional(text: str) -> bool:
    """A cheap look at the first lines: traditional text changes a lot under t2s, simplified barely."""
    sample = "".join(ch for ch in text[:3000] if "\u4e00" <= ch <= "\u9fff")
    if not sample:
        return False
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=False) if a != b)
    return changed / len(sample) >= 0.05


def _content_lines(text: str) -> list[tuple[str, int]]:
    """(line, blank lines before it), without website chrome (navigation, image lines, notices)."""
    lines = [" ".join(line.replace("\u3000", " ").split()) for line in text.splitlines()]
    out: list[tuple[str, int]] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        if _LEGAL_HEADING.search(line) and len(line) <= 40:
            break  # a copyright notice runs to the end of a web copy
        if _NAV_BAR.search(line) or _IMAGE_LINE.search(line) or _WEB_DATELINE.match(line):
            continue
        if _ORIGINAL_TITLE.match(line) or _COLUMN.match(line):
            continue
        out.append((line, gap))
        gap = 0
    return out


def _headline_ok(text: str, limit: int) -> bool:
    return 4 <= len(text) <= limit and not _HEADLINE_BAD.search(text) and not ends_sentence(text)


def _plain_caption(line: str, gap: int, before: SeedPart) -> bool:
    """A caption without credit: one sentence after an image's gap, or one short sentence after a
    finished paragraph (no gap marks it, but it cannot be the rest of that paragraph)."""
    if not line.endswith("。"):
        return False
    if gap >= 2 and len(line) <= 60:
        return True
    finished = before.kind == PARAGRAPH and ends_sentence(before.text)
    return finished and len(line) <= 20 and line.count("。") == 1 and "," not in line


def split_seed(text: str) -> list[SeedPart]:
    """Cut one seed article into titles, bylines, paragraphs, captions and kickers.

    Paragraphs the layout split mid-sentence are joined again (over captions), so that every
    pool paragraph ends a sentence and the generator decides where the breaks go.
    """
    if _is_traditional(text):
        text = to_simplified(text)
    raw: list[SeedPart] = []
    piece = 0
    for line, gap in _content_lines(text):
        if _KICKER.match(line):
            piece += 1
            raw.append(SeedPart(KICKER, re.sub(r"^[■▲◆●★]\s*", "", line), piece))
        elif _BYLINE.match(line) and len(line) <= 40:
            # A headline just before a byline (photos may sit between) opens a new story.
            at = next((i for i in range(len(raw) - 1, -1, -1) if raw[i].kind != CAPTION), None)
            if at is not None and raw[at].kind == HEADING:
                piece += 1
                raw[at:] = [
                    SeedPart(TITLE if p is raw[at] else p.kind, p.text, piece, p.credit) for p in raw[at:]
                ]
            raw.append(SeedPart(BYLINE, line, piece))
        elif _SUBTITLE.match(line) or _NOTE_LABEL.match(line) or _PAGE_CREDIT.match(line):
            continue
        elif (m := _CAPTION_CREDIT.match(line)) and len(line) <= 80:
            raw.append(SeedPart(CAPTION, m["text"], piece, m["credit"]))
        elif raw and _plain_caption(line, gap, raw[-1]):
            raw.append(SeedPart(CAPTION, line, piece))
        elif _headline_ok(line, MAX_HEADING) and not line.startswith("本报讯"):
            kind = TITLE if not raw or raw[-1].kind == KICKER else HEADING
            raw.append(SeedPart(kind, line, piece))
        else:
            if (m := _DATELINE.match(line)) and line.startswith("本报讯"):
                if raw and raw[-1].kind == HEADING:
                    piece += 1
                    raw[-1] = SeedPart(TITLE, raw[-1].text, piece)
                names = m["names"] or m["names2"] or ""
                raw.append(SeedPart(BYLINE, names, piece))
                line = line[m.end() :]
            raw.append(SeedPart(PARAGRAPH, line, piece))
    return _join_broken(raw)


def _join_broken(parts: list[SeedPart]) -> list[SeedPart]:
    """Join paragraphs that stop mid-sentence with the next paragraph, past captions only."""
    headlines = sorted(
        {p.text for p in parts if p.kind in (TITLE, HEADING) and len(p.text) >= 6}, key=lambda h: (len(h), h)
    )
    out: list[SeedPart] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        i += 1
        if part.kind != PARAGRAPH:
            out.append(part)
            continue
        text, held = part.text, []
        while not ends_sentence(text):
            j = i
            while j < len(parts) and parts[j].kind == CAPTION:
                j += 1
            if j >= len(parts) or parts[j].kind != PARAGRAPH:
                text = ""  # unfinished at a heading or at the end: leave it out
                break
            # A heading the layout glued onto the broken line (seed 004) is not part of the text.
            glued = next((h for h in reversed(headlines) if text.endswith(h)), "")
            text = text[: len(text) - len(glued)] + parts[j].text
            held += parts[i:j]
            i = j + 1
        if text:
            out.append(SeedPart(PARAGRAPH, text, part.piece))
        out += held
    return out


def byline_names(text: str) -> list[str]:
    """Person names in a byline or a dateline's brackets (roles removed)."""
    names = []
    for token in _ROLE_WORDS.sub(" ", text).split():
        if _NAME.fullmatch(token) and token not in _NOT_NAMES and token not in names:
            names.append(token)
    return names


# --- the material: seeds cut at places and glossary forms, ready to be swapped ---------------

#: A run of text: (kind, surface, ref) with kind "" (literal), "place" (ref: place) or "term" (ref: term).
Part = tuple[str, str, str]


@dataclass(frozen=True)
class Fragment:
    """Seed text cut at every place name and swappable glossary form.

    ``home`` is the prefecture the seed story is about: its mentions become the generated
    source's prefecture, while places elsewhere stay passing mentions.
    """

    parts: tuple[Part, ...]
    home: str
    terms: tuple[str, ...]
    seed: str
    text: str


@dataclass(frozen=True)
class Caption:
    """A seed photo caption and the credit printed after it (may be empty)."""

    text: Fragment
    credit: Fragment | None


@dataclass(frozen=True)
class Material:
    """Everything the generator draws from: prepared once (about 1 s, mostly the glossary)."""

    gazetteer: Gazetteer
    paragraphs: tuple[Fragment, ...]
    rich: tuple[int, ...]  # paragraphs naming at least three glossary terms
    titles: tuple[Fragment, ...]  # headlines usable as a first-line title
    headings: tuple[Fragment, ...]  # headlines short enough for a later story or a section
    captions: tuple[Caption, ...]
    names: tuple[str, ...]
    kickers: tuple[str, ...]
    swaps: dict[str, tuple[str, ...]]  # term → its interchangeable surface forms
    slogans: tuple[str, ...]  # glossary terms fit for a subtitle in quotes
    prefectures: tuple[Place, ...]
    counties: dict[str, tuple[Place, ...]]  # prefecture → its counties
    siblings: dict[str, tuple[Place, ...]]  # province → its prefectures
    short: dict[str, str]  # place → the short form an article writes (鸡西, 延边)
    office: dict[str, str]  # place → the form before 委 (鸡西市委, 延边州委)


def _forms_pattern(forms: list[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _swap_forms(glossary_forms: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Forms of one entry that can stand in for each other in running text.

    Quoted forms (“大串门”走访活动) would nest quotes, and forms sharing few characters
    (防止返贫监测员 / 第一哨所) are not the same phrase, so both are left out.
    """
    swaps: dict[str, tuple[str, ...]] = {}
    for term, forms in glossary_forms.items():
        plain = [f for f in dict.fromkeys(forms) if len(f) >= 2 and not re.search('[“”"]', f)]
        close = [f for f in plain if len(set(f) & set(term)) * 2 >= min(len(f), len(term))]
        if len(close) >= 2:
            swaps[term] = tuple(close)
    return swaps


def _short_form(place: Place) -> str:
    """How an article names a place in passing: 鸡西, 延边, 北镇 (a city's 市 dropped)."""
    if place.aliases:
        return min(place.aliases, key=len)
    if place.name.endswith("市") and len(place.name) >= 3:
        return place.name[:-1]
    return place.name


def _office_form(place: Place) -> str:
    forms = sorted((place.name, *place.aliases), key=len)
    return next((f for f in forms if f[-1] in "市州盟县旗区" and len(f) >= 3), place.name)


@dataclass(frozen=True)
class _Index:
    """The gazetteer and glossary forms seed text is cut at: built once, used for every part."""

    gazetteer: Gazetteer
    place_forms: dict[str, str]  # surface form → place name
    place_pattern: re.Pattern[str] | None
    matcher: TermMatcher
    swaps: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, gazetteer: Gazetteer, glossary: Glossary) -> _Index:
        """Compile the place pattern and the term matcher once: every seed part is cut with them."""
        place_forms = gazetteer.forms()
        return cls(
            gazetteer=gazetteer,
            place_forms=place_forms,
            place_pattern=_forms_pattern(list(place_forms)),
            matcher=TermMatcher.from_glossary(glossary),
            swaps=_swap_forms({e.term: [e.term, *e.aliases] for e in glossary.entries}),
        )

    def _places(self, text: str) -> list[re.Match[str]]:
        """Every place form in ``text`` (none if the gazetteer names no place)."""
        return list(self.place_pattern.finditer(text)) if self.place_pattern else []

    def fragment(self, text: str, home: str, seed: str) -> Fragment:
        """``text`` cut at its places, and at the glossary forms that do not overlap one."""
        spans = [(m.start(), m.end(), "place", self.place_forms[m.group()]) for m in self._places(text)]
        taken = [(s, e) for s, e, _k, _r in spans]
        terms: list[str] = []
        for match in self.matcher.find(text):
            terms.append(match.term)
            clear = all(match.end <= s or match.start >= e for s, e in taken)
            if clear and match.term in self.swaps and text[match.start : match.end] in self.swaps[match.term]:
                spans.append((match.start, match.end, "term", match.term))
        return Fragment(_cut_at(text, spans), home, tuple(dict.fromkeys(terms)), seed, text)

    def home_of(self, parts: list[SeedPart]) -> str:
        """The prefecture these parts name most (a county counts for its prefecture), or ""."""
        found: Counter[str] = Counter()
        for part in parts:
            for m in self._places(part.text):
                place = self.gazetteer.get(self.place_forms[m.group()])
                if place and place.level == "county":
                    place = self.gazetteer.get(place.parent)
                if place and place.level == "prefecture":
                    found[place.name] += 1
        return found.most_common(1)[0][0] if found else ""

    def piece_homes(self, parts: list[SeedPart]) -> dict[int, str]:
        """Each story's home: the one it names most, else the whole seed's."""
        seed_home = self.home_of(parts)
        pieces = sorted({p.piece for p in parts})
        return {piece: self.home_of([p for p in parts if p.piece == piece]) or seed_home for piece in pieces}


def _cut_at(text: str, spans: list[tuple[int, int, str, str]]) -> tuple[Part, ...]:
    """``text`` as literal runs between the spans (start, end, kind, ref); overlapping spans are dropped."""
    parts: list[Part] = []
    at = 0
    for start, end, kind, ref in sorted(spans):
        if start < at:
            continue
        if start > at:
            parts.append(("", text[at:start], ""))
        parts.append((kind, text[start:end], ref))
        at = end
    if at < len(text):
        parts.append(("", text[at:], ""))
    return tuple(parts)


def _pool_paragraph(text: str) -> bool:
    """A paragraph the generator may reuse: long, finished, and not readable as a byline or a caption."""
    return (
        len(text) >= MIN_PARAGRAPH
        and ends_sentence(text)
        and not _PARAGRAPH_BAD_START.match(text)
        and not (len(text) <= 80 and _LOOKS_CREDITED.search(text))
    )


def _pool_title(text: str) -> bool:
    """A headline the converter would take as a first-line title (and not a byline)."""
    return _headline_ok(text, MAX_TITLE) and not re.match(r"^(?:记者|通讯员)", text)


def _pool_heading(text: str) -> bool:
    """A pool title also short and plain enough for a section heading."""
    return len(text) <= MAX_HEADING and not _HEADING_BAD.search(text)


@dataclass
class _Pools:
    """The parts collected from the seeds, in seed order, while :func:`prepare` runs."""

    paragraphs: list[Fragment] = field(default_factory=list)
    titles: list[Fragment] = field(default_factory=list)
    headings: list[Fragment] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kickers: list[str] = field(default_factory=list)

    def add_seed(self, index: _Index, seed_name: str, parts: list[SeedPart]) -> None:
        """One seed's parts, each with the home of the story it belongs to."""
        homes = index.piece_homes(parts)
        for part in parts:
            self.add(index, part, homes[part.piece], seed_name)

    def add(self, index: _Index, part: SeedPart, home: str, seed_name: str) -> None:
        """File one seed part under its kind, if it is fit to be reused."""
        if part.kind == PARAGRAPH:
            if _pool_paragraph(part.text):
                self.paragraphs.append(index.fragment(part.text, home, seed_name))
        elif part.kind in (TITLE, HEADING):
            if _pool_title(part.text):
                self.titles.append(index.fragment(part.text, home, seed_name))
                if _pool_heading(part.text):
                    self.headings.append(index.fragment(part.text, home, seed_name))
        elif part.kind == CAPTION:
            credit = index.fragment(part.credit, home, seed_name) if part.credit else None
            self.captions.append(Caption(index.fragment(part.text, home, seed_name), credit))
        elif part.kind == BYLINE:
            self.names += [n for n in byline_names(part.text) if n not in self.names]
        elif part.kind == KICKER and part.text not in self.kickers:
            self.kickers.append(part.text)


def _slogans(glossary: Glossary) -> tuple[str, ...]:
    """Campaign and mechanism terms short and plain enough to quote in a subtitle."""
    return tuple(
        e.term
        for e in glossary.entries
        if e.category in ("campaign", "mechanism")
        and 3 <= len(e.term) <= 8
        and not re.search(r"[“”、·]", e.term)
    )


def _children(gazetteer: Gazetteer, parents: Iterable[Place], level: str) -> dict[str, tuple[Place, ...]]:
    """Parent name → its children of ``level`` (a prefecture's counties, a province's prefectures)."""
    return {p.name: tuple(c for c in gazetteer.children(p.name) if c.level == level) for p in parents}


def prepare(seeds: dict[str, str], glossary_text: str, gazetteer_text: str) -> Material:
    """Cut the seeds (name → text) and index them against the glossary and the gazetteer."""
    gazetteer = parse_gazetteer(gazetteer_text, GAZETTEER)
    glossary, _problems = parse_glossary(glossary_text, GLOSSARY)
    index = _Index.build(gazetteer, glossary)
    pools = _Pools()
    for seed_name in sorted(seeds):
        pools.add_seed(index, seed_name, split_seed(seeds[seed_name]))
    rich = tuple(i for i, p in enumerate(pools.paragraphs) if len(p.terms) >= 3)
    prefectures = tuple(p for p in gazetteer.places if p.level == "prefecture")
    return Material(
        gazetteer=gazetteer,
        paragraphs=tuple(pools.paragraphs),
        rich=rich or tuple(range(len(pools.paragraphs))),
        titles=tuple(pools.titles),
        headings=tuple(pools.headings),
        captions=tuple(pools.captions),
        names=tuple(pools.names),
        kickers=tuple(pools.kickers) or ("视点",),
        swaps=index.swaps,
        slogans=_slogans(glossary),
        prefectures=prefectures,
        counties=_children(gazetteer, prefectures, "county"),
        siblings=_children(gazetteer, (p for p in gazetteer.places if p.level == "province"), "prefecture"),
        short={p.name: _short_form(p) for p in gazetteer.places},
        office={p.name: _office_form(p) for p in gazetteer.places},
    )


# --- traditional script ----------------------------------------------------------------------

# Separators OpenCC (opencc-python-reimplemented) itself splits text at before converting, so
# converting clause by clause gives exactly what converting the whole text gives — and the
# same clauses recur across a corpus, so a cache makes 200 traditional sources take 0.2 s, not 5.
_CLAUSE_SPLIT = re.compile(r"([\s,.?!，。、；：？！…“”‘’（）《》—]+)")


@lru_cache(maxsize=65536)
def _clause_to_traditional(clause: str) -> str:
    return to_traditional(clause)


def traditional_text(text: str) -> str:
    """``to_traditional(text)`` (OpenCC s2t), computed clause by clause with a cache."""
    pieces = _CLAUSE_SPLIT.split(text)
    return "".join(p if i % 2 else _clause_to_traditional(p) for i, p in enumerate(pieces))


# --- one generated source --------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedSource:
    """A source file to write: ``name`` (``b00001-jixi-shi.txt``), its text, and its sidecar or ``None``."""

    name: str
    text: str
    sidecar: str | None

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


_BYLINE_FORMS = (
    "□本报记者 {a}",
    "本报记者 {a}",
    "□文/摄 {a}\n本报记者 {b}",
    "□{a} 本报记者 {b}",
    "□文/摄 {a} 本报记者 {b}",
    "□本报记者 {a} 通讯员 {b}",
    "本报记者 {a} {b}",
)
_DATELINE_FORMS = (
    "本报讯({a} 记者{b})",
    "本报讯 记者{a}报道 ",
    "本报讯(记者{a})",
    "本报讯(记者{a} 通讯员{b})",
)
_SUBTITLE_FORMS = ("——{place}实施“{term}”侧记", "——{place}推进“{term}”工作走笔", "——{place}“{term}”工作纪实")
_NOTE_LABELS = ("核心提示", "编者按")


class _Writer:
    """Builds one source line by line, keeping its size and the article's place mapping."""

    def __init__(self, material: Material, rng: random.Random, prefecture: Place, county: Place | None):
        self.m = material
        self.rng = rng
        self.prefecture = prefecture
        self.county = county
        self.province = material.gazetteer.get(prefecture.parent) or prefecture
        self.mapping: dict[str, Place] = {}
        self.lines: list[str] = []
        self.size = 0
        self.used: set[int] = set()
        self.next_index = -1
        self.run_left = 0
        self.headlines_used: set[str] = set()
        self.page_credit = False

    # places -----------------------------------------------------------------------------
    def _target(self, name: str, home: str) -> Place:
        """The place that stands for seed place ``name`` in this source (same level)."""
        gz = self.m.gazetteer
        place = gz.get(name)
        if place is None:
            raise KeyError(name)
        if name == home:
            self.mapping[name] = self.prefecture
            return self.prefecture
        if name in self.mapping:
            return self.mapping[name]
        home_place = gz.get(home)
        home_province = home_place.parent if home_place else ""
        target = place
        taken = set(self.mapping.values()) | {self.prefecture}
        if place.level == "province":
            if name == home_province:
                target = self.province
        elif place.level == "prefecture":
            if place.parent == home_province:  # a neighbour of the story's city: a neighbour here too
                spare = [p for p in self.m.siblings.get(self.province.name, ()) if p not in taken]
                if spare:
                    target = self.rng.choice(spare)
        elif place.parent == home:  # a county of the story's city: a county of this source's city
            counties = self.m.counties.get(self.prefecture.name, ())
            if not counties:
                target = self.prefecture
            elif self.county is not None and self.county not in taken:
                target = self.county
            else:
                free = [c for c in counties if c not in taken and c != self.county]
                target = self.rng.choice(free or list(counties))
        self.mapping[name] = target
        return target

    def render(self, fragment: Fragment) -> str:
        """The fragment with its places mapped and some glossary forms swapped."""
        out: list[str] = []
        parts = fragment.parts
        for i, (kind, surface, ref) in enumerate(parts):
            if kind == "place":
                source = self.m.gazetteer.get(ref)
                target = self._target(ref, fragment.home)
                if target == source:
                    out.append(surface)
                elif i + 1 < len(parts) and parts[i + 1][1].startswith("委"):
                    out.append(self.m.office[target.name])  # 延边州委, not 延边朝鲜族自治州委
                elif source is not None and surface == source.name:
                    out.append(target.name)
                else:
                    out.append(self.m.short[target.name])
            elif kind == "term" and self.rng.random() < TERM_SWAP:
                out.append(self.rng.choice(self.m.swaps[ref]))
            else:
                out.append(surface)
        return "".join(out)

    def here(self) -> Place:
        return self.county or self.prefecture

    # lines -------------------------------------------------------------------------------
    def emit(self, line: str, blank_before: int = 1) -> None:
        self.lines += [""] * blank_before
        self.lines.append(line)
        self.size += len(line.encode("utf-8")) + blank_before + 1

    def fits(self, text: str) -> bool:
        return self.size + len(text.encode("utf-8")) + 200 <= HARD_CAP_BYTES

    def name(self) -> str:
        """An author: a seed name, or a seed surname with another seed name's given name."""
        names = self.m.names
        first = self.rng.choice(names)
        if self.rng.random() < 0.5:
            return first
        other = self.rng.choice(names)
        return first[0] + other[1:]

    def two_names(self) -> tuple[str, str]:
        a = self.name()
        b = self.name()
        for _ in range(10):
            if b != a:
                break
            b = self.name()
        return a, b

    # parts -------------------------------------------------------------------------------
    def paragraph_fragment(self, rich: bool = False) -> Fragment:
        """The next pool paragraph: often the seed's next one (stories read in runs), else a fresh one."""
        pool = self.m.paragraphs
        if rich:
            free = [i for i in self.m.rich if i not in self.used] or list(self.m.rich)
            index = self.rng.choice(free)
            self.run_left = self.rng.randint(0, 3)
        elif self.run_left > 0 and 0 <= self.next_index < len(pool) and self.next_index not in self.used:
            index = self.next_index
            self.run_left -= 1
        else:
            index = self.rng.randrange(len(pool))
            for _ in range(len(pool)):
                if index not in self.used:
                    break
                index = (index + 1) % len(pool)
            self.run_left = self.rng.randint(0, 3)
        self.used.add(index)
        self.next_index = index + 1
        if len(self.used) >= len(pool):
            self.used.clear()  # a long corpus reuses the pool rather than running dry
        return pool[index]

    def headline(self, limit: int) -> str:
        """A headline not used yet in this source; sometimes two seed half-headlines recombined."""
        pool = self.m.headings if limit <= MAX_HEADING else self.m.titles
        for _ in range(20):
            if self.rng.random() < 0.3:
                left = self.rng.choice(self.m.headings).text.split(" ")
                right = self.rng.choice(self.m.headings).text.split(" ")
                text = f"{left[0]} {right[-1]}" if len(left) == 2 and len(right) == 2 else ""
                text = text if text and left[0] != right[-1] else ""
            else:
                text = self.render(self.rng.choice(pool))
            bad = _HEADING_BAD if limit <= MAX_HEADING else _HEADLINE_BAD
            if (
                text
                and _headline_ok(text, limit)
                and not bad.search(text)
                and text not in self.headlines_used
            ):
                self.headlines_used.add(text)
                return text
        return self.render(pool[0])

    def caption(self, plain: bool = False) -> None:
        """A photo caption, after the gap an image leaves; with a credit unless ``plain``."""
        caption = self.rng.choice(self.m.captions)
        text = self.render(caption.text)
        if not plain:
            roll = self.rng.random()
            if caption.credit is not None and roll < 0.7:
                text = f"{text} {self.render(caption.credit)}"
            elif roll < 0.2:
                text = f"{text} 供图 {self.m.office[self.here().name]}委宣传部"
            elif roll < 0.35:
                text = f"{text} {self.name()} 摄"
        self.emit(text, 3)
        if not plain and not self.page_credit and self.rng.random() < 0.15:
            self.page_credit = True
            self.emit(f"本版图片由{self.m.office[self.here().name]}委组织部提供", 1)

    def paragraph(self, text: str) -> None:
        """A body paragraph; sometimes split mid-sentence as the layout does, a caption between."""
        if len(text) >= 60 and self.rng.random() < BREAK_SHARE:
            with_caption = len(text) >= 130 and self.rng.random() < CAPTION_IN_BREAK
            cut = self._cut(text, 40, 81 if with_caption else 12)
            if cut:
                self.emit(text[:cut], 1)
                if with_caption:
                    self.caption(plain=True)
                    self.emit(text[cut:], 1)
                else:
                    self.emit(text[cut:], self.rng.choice((0, 1, 1)))
                return
        self.emit(text, 1)
        if self.rng.random() < 0.1:
            self.caption()

    def _cut(self, text: str, min_left: int, min_right: int) -> int:
        """A mid-sentence position to break ``text`` at, or 0 if none is safe."""
        if len(text) < min_left + min_right:
            return 0
        for _ in range(8):
            cut = self.rng.randint(min_left, len(text) - min_right)
            left = text[:cut]
            if not ends_sentence(left) and not _LOOKS_CREDITED.search(left):
                return cut
        return 0


def _byline(w: _Writer) -> list[str]:
    a, b = w.two_names()
    return w.rng.choice(_BYLINE_FORMS).format(a=a, b=b).split("\n")


def _dateline(w: _Writer) -> str:
    a, b = w.two_names()
    return w.rng.choice(_DATELINE_FORMS).format(a=a, b=b)


def _lead_title(w: _Writer) -> str:
    """The page's first line: a headline, sometimes after the place (同江 党建引领促发展 …)."""
    roll = w.rng.random()
    if roll < 0.25:
        title = f"{w.m.short[w.here().name]} {w.headline(MAX_HEADING)}"
    elif roll < 0.35:
        title = f"{w.m.office[w.prefecture.name]}:{w.headline(MAX_HEADING)}"
    else:
        title = w.headline(MAX_TITLE)
    return title if len(title) <= MAX_TITLE else w.headline(MAX_HEADING)


def _write_piece(w: _Writer, budget: int, lead: bool, brief: bool) -> None:
    """One story of about ``budget`` bytes: headlines, opening, then body paragraphs."""
    start = w.size
    _write_headlines(w, lead, brief)
    _write_opening(w, lead, brief)
    _write_body(w, start, budget, brief)


def _write_headlines(w: _Writer, lead: bool, brief: bool) -> None:
    """Kicker or title, sometimes a subtitle, sometimes a photo before the byline."""
    kicker = w.rng.random() < (0.15 if lead else 0.3)
    if kicker:
        w.emit(f"■ {w.rng.choice(w.m.kickers)}", 1 if w.lines else 0)
    if lead and not kicker:
        w.emit(_lead_title(w), w.rng.choice((0, 2, 2)))
    else:
        w.emit(w.headline(MAX_HEADING), 1)
    if not brief and lead and w.rng.random() < 0.25 and w.m.slogans:
        place = w.m.office[w.here().name]
        term = w.rng.choice(w.m.slogans)
        w.emit(w.rng.choice(_SUBTITLE_FORMS).format(place=place, term=term), 1)
    if w.rng.random() < (0.1 if lead else 0.05):
        w.caption()  # a photo between a story's title and its byline, as in seed 000


def _write_opening(w: _Writer, lead: bool, brief: bool) -> None:
    """A brief's dateline run into its first paragraph; else a byline, perhaps a note, the first paragraph."""
    first = w.paragraph_fragment(rich=lead)
    if brief:
        w.paragraph(_dateline(w) + w.render(first))
        return
    for number, line in enumerate(_byline(w)):
        w.emit(line, 0 if number else 1)  # a two-line byline has no gap inside
    if lead and w.rng.random() < 0.15:
        w.emit(w.rng.choice(_NOTE_LABELS), 1)
        w.emit(w.render(first), 1)
        first = w.paragraph_fragment()
    w.paragraph(w.render(first))


def _write_body(w: _Writer, start: int, budget: int, brief: bool) -> None:
    """Paragraphs until the story (begun at size ``start``) fills ``budget``; some sections headed."""
    sectioned = not brief and budget >= 4_000 and w.rng.random() < 0.55
    since_heading = 1
    written = 1
    while w.size - start < budget or written < 2:
        text = w.render(w.paragraph_fragment())
        if not w.fits(text):
            return
        if (
            sectioned
            and since_heading >= 2
            and (w.rng.random() < 0.3 or (written >= 3 and since_heading == written))
        ):
            w.emit(w.headline(MAX_HEADING), 1)
            since_heading = 0
        w.paragraph(text)
        since_heading += 1
        written += 1
        if brief and written >= 4:
            return


def _pick_region(m: Material, rng: random.Random) -> tuple[Place, Place | None]:
    """The prefecture (and sometimes the county) the source is written for."""
    weights = [1 + min(len(m.counties[p.name]), 4) for p in m.prefectures]
    prefecture = rng.choices(m.prefectures, weights=weights)[0]
    counties = m.counties[prefecture.name]
    county = rng.choice(counties) if counties and rng.random() < 0.4 else None
    return prefecture, county


def _sidecar(w: _Writer, seed: int) -> str:
    county = w.county.name if w.county else ""
    return (
        "# Generated by dangjian.bench.generate for benchmarks; not a real source.\n"
        "# The text is recombined from the seed articles, so no newspaper or date is stated.\n"
        'publication: ""\n'
        'date: ""\n'
        'url: ""\n'
        "region:\n"
        f"  province: {w.province.name}\n"
        f"  city: {w.prefecture.name}\n"
        f'  county: "{county}"\n'
        "notes: >-\n"
        f"  基准测试语料（seed {seed}）：由创始语料的段落、标题和图片说明重组，地名替换为{w.here().name}，"
        "非真实报道；报纸名称与刊发日期不详。\n"
    )


def generate_source(material: Material, seed: int, index: int) -> GeneratedSource:
    """Source number ``index`` (1-based) of the corpus for ``seed``; depends on nothing else."""
    rng = random.Random(f"dangjian-bench:{seed}:{index}")
    prefecture, county = _pick_region(material, rng)
    w = _Writer(material, rng, prefecture, county)
    target = int(rng.triangular(*TARGET_BYTES[::2], TARGET_BYTES[1]))
    pieces = rng.choices((1, 2, 3, 4, 5), weights=(45, 20, 15, 12, 8))[0]
    if target < 6_000:
        pieces = min(pieces, 2)
    lead_share = 1.0 if pieces == 1 else rng.uniform(0.35, 0.7)
    for piece in range(pieces):
        share = lead_share if piece == 0 else (1 - lead_share) / (pieces - 1)
        brief = piece > 0 and rng.random() < 0.5
        _write_piece(w, int(target * share), lead=piece == 0, brief=brief)
        if w.size + 600 > HARD_CAP_BYTES:
            break
    while w.size < target and w.size + 1_500 <= HARD_CAP_BYTES:
        w.paragraph(w.render(w.paragraph_fragment()))
    text = "\n".join(w.lines) + "\n"
    if rng.random() < TRADITIONAL_SHARE:
        text = traditional_text(text)
    name = f"b{index:05d}-{slug(w.here())}.txt"
    sidecar = _sidecar(w, seed) if rng.random() < SIDECAR_SHARE else None
    return GeneratedSource(name, text, sidecar)


def generate(material: Material, n: int, seed: int = 0) -> list[GeneratedSource]:
    """Sources ``b00001`` … ``bNNNNN`` for ``seed``; the same arguments give the same bytes."""
    return [generate_source(material, seed, index) for index in range(1, n + 1)]


# --- files -----------------------------------------------------------------------------------

#: The checkout this package runs from: its seeds, glossary and gazetteer are the default material.
REPOSITORY = CHECKOUT


def read_material(root: Path = REPOSITORY) -> Material:
    """The seeds (``sources/NNN-*.txt``), the glossary and the gazetteer of a repository."""
    seeds = {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted((root / SOURCES).glob("*.txt"))
        if _SEED_NAME.match(p.name)
    }
    return prepare(
        seeds,
        (root / GLOSSARY).read_text(encoding="utf-8"),
        (root / GAZETTEER).read_text(encoding="utf-8"),
    )


def write_corpus(folder: Path, n: int, seed: int = 0, root: Path = REPOSITORY) -> list[Path]:
    """Write ``n`` generated sources (and their sidecars) into ``folder``; returns the source paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in generate(read_material(root), n, seed):
        path = folder / source.name
        path.write_text(source.text, encoding="utf-8", newline="\n")
        if source.sidecar is not None:
            sidecar_path(path).write_text(source.sidecar, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m dangjian.bench.generate FOLDER N [--seed S]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dangjian.bench.generate", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_corpus(args.folder, args.n, args.seed)
    print(f"wrote {len(paths)} source(s) to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the national divisions say about an article's text: its region, and the places below
the county it names.

Unambiguous only.  A county name that exists in two provinces (朝阳区: 北京 and 长春; 西湖区:
杭州 and 南昌) is decided by the other places the text names; if they do not decide it, it
is left out.  A text naming counties of two provinces (or prefectures) gets no province (or
prefecture): nothing is guessed.  Below the county, names are looked for only inside a
stated region.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..model import REGION_KEYS, Article
from .divisions import TABLES, Division, Divisions
from .gazetteer import Gazetteer
from .match import scan

#: Code lengths of the levels that tell namesakes apart: province, prefecture, county, town.
_DEPTHS = (2, 4, 6, 9)


def _support(division: Division, context: set[str]) -> int:
    """The longest code in ``context`` that ``division`` shares at a level boundary (0: none)."""
    return max(
        (d for d in _DEPTHS if d < len(division.code) and division.code[:d] in context),
        default=0,
    )


def _allowed(division: Division, context: set[str], before: Division | None) -> bool:
    """A town counts where its county is known; a village where its town is, or where its
    county is written just before it (太和区和乐社区)."""
    if division.level == "town":
        return division.code[:6] in context
    if division.level == "village":
        return division.code[:9] in context or (before is not None and before.code == division.code[:6])
    return True


def _pick(
    candidates: tuple[Division, ...], context: set[str], gated: bool = False, before: Division | None = None
) -> Division | None:
    """The one division a mention means: the only candidate, or the one the context supports
    best; a tie, or namesakes none of which the context supports, mean neither.  ``gated``:
    towns and villages only where :func:`_allowed` says their context is known."""
    allowed = [d for d in candidates if not gated or _allowed(d, context, before)]
    scored = sorted(((_support(d, context), d.code, d) for d in allowed), reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    if len(candidates) > 1 and scored[0][0] == 0:
        return None
    return scored[0][2]


def _with_parents(codes: set[str]) -> set[str]:
    """The codes and their parents' codes: a named place supports its prefecture and province."""
    return codes | {code[:d] for code in codes for d in _DEPTHS if d < len(code)}


@dataclass(frozen=True)
class Inference:
    """An article's province, prefecture and county as its text gives them ("" where unsure)."""

    region: dict[str, str]
    evidence: tuple[str, ...] = ()  # the division names the region was read from
    conflict: tuple[str, ...] = ()  # the provinces or prefectures the text names places in, if several


def infer_region(text: str, divisions: Divisions) -> Inference:
    """The province / city / county the text's prefecture and county names agree on."""
    mentions = scan(text, divisions.index("", ("province", "prefecture", "county")))
    # A named place supports its own prefecture and province: 长春市 decides 朝阳区.
    context = _with_parents({f.value[0].code for f in mentions if len(f.value) == 1})
    picked = [d for d in (_pick(f.value, context) for f in mentions) if d is not None]
    named = list(dict.fromkeys(picked))
    lower = [d for d in named if d.level in ("prefecture", "county")]
    provinces = sorted({d.code[:2] for d in lower or named})
    if len(provinces) != 1:
        shown = tuple(divisions.get(code).name for code in provinces if divisions.get(code))  # type: ignore[union-attr]
        return Inference(dict.fromkeys(REGION_KEYS, ""), conflict=shown if len(provinces) > 1 else ())
    region = dict.fromkeys(REGION_KEYS, "")
    region["province"] = divisions.get(provinces[0]).name  # type: ignore[union-attr]
    prefectures = sorted({d.code[:4] for d in lower})
    real = [p for p in prefectures if divisions.get(p) is not None]
    if len(prefectures) == 1 and real:
        region["city"] = divisions.get(real[0]).name  # type: ignore[union-attr]
    counties = sorted({d.code for d in lower if d.level == "county"})
    # A county is the article's only if the text is about it more than about its prefecture:
    # an article on 鸡西市 that names 虎林市 once, in a caption, is not about 虎林市.
    times = Counter(d.code for d in picked)
    if len(counties) == 1 and len(prefectures) == 1 and times[counties[0]] >= times[prefectures[0]]:
        region["county"] = divisions.get(counties[0]).name  # type: ignore[union-attr]
    conflict = tuple(divisions.get(p).name for p in real) if len(prefectures) > 1 else ()  # type: ignore[union-attr]
    return Inference(region, tuple(d.name for d in lower or named), conflict)


def region_code(region: dict[str, str], divisions: Divisions) -> str:
    """The code of the most specific place a province / city / county triple names, read down
    the divisions (a name that is not inside the one above stops the walk)."""
    code = ""
    for key, level in zip(REGION_KEYS, ("province", "prefecture", "county"), strict=True):
        name = region.get(key) or ""
        if not name:
            continue
        found = [d for d in divisions.within(code, level) if name in d.forms]
        if len(found) != 1:
            break
        code = found[0].code
    return code


def named_divisions(text: str, divisions: Divisions, within: str) -> list[Division]:
    """Towns and villages of the division ``within`` (a code) that ``text`` names.

    Known means stated (``within``) or named in the text; so a phrase that is also some
    village's name (幸福社区) is not taken for one.  Nothing is looked for without ``within``.
    """
    if not within:
        return []
    levels = tuple(lv for lv, (_t, n) in TABLES.items() if n >= len(within))  # its own name too
    mentions = scan(text, divisions.index(within, levels))
    # Counties and prefectures named once are context; a town or village is context only once
    # resolved (a name that is its own evidence would let 幸福社区 vouch for itself).
    named = {f.value[0].code for f in mentions if len(f.value) == 1 and len(f.value[0].code) <= 6}
    context = _with_parents({within} | named)
    picked: list[Division | None] = []
    for _round in range(2):  # towns resolved in the first round are context for the second
        picked = []
        for found in mentions:
            before = picked[-1] if picked and mentions[len(picked) - 1].end == found.start else None
            picked.append(_pick(found.value, context, gated=True, before=before))
        context |= {d.code for d in picked if d is not None}
    return list(dict.fromkeys(d for d in picked if d is not None and d.level in ("town", "village")))


def stated_place(gazetteer: Gazetteer, region: dict[str, str], text: str, divisions: Divisions | None) -> str:
    """The key of the most specific place an article is about: its metadata's, else (with the
    divisions) the one its text gives, if the gazetteer has it; "" if neither says."""
    for key in ("county", "city", "province"):
        place = gazetteer.get(region.get(key) or "")
        if place is not None:
            return place.key
    if divisions is None:
        return ""
    inferred = infer_region(text, divisions).region
    return next((p.key for k in ("county", "city", "province") if (p := gazetteer.get(inferred[k]))), "")


#: The note an article page carries when its region was read from its text, not stated.
INFERRED_PREFIX = "地区据正文所列地名推定"
INFERRED_NOTE = INFERRED_PREFIX + "（{names}），来源未注明。"


def with_region_from_text(article: Article, divisions: Divisions) -> tuple[Article, Inference | None]:
    """The article with the region its text gives filled in, when neither the source nor its
    sidecar states one; the note says so, so a reader knows the region is read, not stated.

    Unchanged (and ``None``) when a region is stated or the text does not decide one."""
    meta = article.metadata
    if any(getattr(meta, key) for key in REGION_KEYS):
        return article, None
    text = "\n".join(block.text for section in article.sections for block in section.blocks)
    inferred = infer_region(text, divisions)
    if not any(inferred.region.values()):
        return article, None
    note = INFERRED_NOTE.format(names="、".join(inferred.evidence))
    notes = f"{meta.notes} {note}" if meta.notes else note
    return replace(article, metadata=replace(meta, **inferred.region, notes=notes)), inferred

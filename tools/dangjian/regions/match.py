"""Which gazetteer places a text names, read in its article's context.

Below the county a name is not a place on its own: 太兴村 is a village of 延吉市 and one of
和龙市, 解放村 one of 珲春市 and one of 敦化市.  Such a name counts only inside the article's
stated region and only where its county or prefecture is that region or is named in the text
too; when it could still be two places, the other places named decide, and if they do not,
it counts as neither.  Pure functions over a :class:`Gazetteer`; no dataset is read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from .gazetteer import LEVELS, SUB_COUNTY, Gazetteer

V = TypeVar("V")


@dataclass(frozen=True)
class Found(Generic[V]):
    """One mention: where it is in the text, the form written, and what the form may mean."""

    start: int
    end: int
    form: str
    value: V


@dataclass(frozen=True)
class FormIndex(Generic[V]):
    """Forms, and for each first character the lengths of the forms that begin with it, longest
    first: a position is tried only against those (a few), not against every length."""

    forms: Mapping[str, V]
    starts: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, forms: Mapping[str, V], shortest: int = 1) -> FormIndex[V]:
        kept = {form: value for form, value in forms.items() if len(form) >= shortest}
        lengths: dict[str, set[int]] = {}
        for form in kept:
            lengths.setdefault(form[0], set()).add(len(form))
        return cls(kept, {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()})


def scan(text: str, forms: Mapping[str, V] | FormIndex[V]) -> list[Found[V]]:
    """Every form in ``text``, the longest at each position, left to right, never overlapping.

    What a regular expression of the forms longest first finds, without one: a pattern of
    the 15,000 town and village names of a province would try each at every position.
    """
    index = forms if isinstance(forms, FormIndex) else FormIndex.of(forms)
    found: list[Found[V]] = []
    at = 0
    while at < len(text):
        for length in index.starts.get(text[at], ()):
            form = text[at : at + length]
            if form in index.forms:
                found.append(Found(at, at + length, form, index.forms[form]))
                at += length
                break
        else:
            at += 1
    return found


#: A place below the county counts only if its county or prefecture is known from context.
_CONTEXT_LEVEL = LEVELS.index("prefecture")


def _support(gazetteer: Gazetteer, key: str, context: set[str]) -> int:
    """How specific the context that holds ``key`` is: the level of its deepest ancestor in it
    (the place itself does not count: 太兴村 is no evidence for 太兴村)."""
    held = [gazetteer.get(a) for a in gazetteer.ancestors(key)[1:] if a in context]
    return max((LEVELS.index(p.level) for p in held if p is not None), default=-1)


def _choose(gazetteer: Gazetteer, keys: tuple[str, ...], context: set[str]) -> str:
    """The one key the context points to ("" if none or a tie); county and above need none."""
    scored = []
    for key in keys:
        place = gazetteer.get(key)
        if place is None:
            continue
        need = _CONTEXT_LEVEL if place.level in SUB_COUNTY else -1
        score = _support(gazetteer, key, context)
        if score >= need:
            scored.append((score, key))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return ""
    return scored[0][1]


def named_places(gazetteer: Gazetteer, text: str, stated: str, around: str = "") -> list[str]:
    """Keys of the places ``text`` names inside ``stated`` (a key), in order of first mention.

    ``around`` is more of the article (the whole page for one piece): the places it names
    help tell namesakes apart but are not located.  Nothing is found without a stated region.
    """
    if not stated or gazetteer.get(stated) is None:
        return []
    forms = {
        form: inside
        for form, keys in gazetteer.all_forms().items()
        if (inside := tuple(k for k in keys if stated in gazetteer.ancestors(k)))
    }
    mentions = scan(text, forms)
    context = set(gazetteer.ancestors(stated))
    for found in [*mentions, *scan(around, forms)]:
        if len(found.value) == 1:
            context.add(found.value[0])
    out: list[str] = []
    for found in mentions:
        key = _choose(gazetteer, found.value, context)
        if key and key not in out:
            out.append(key)
    return out

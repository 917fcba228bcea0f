"""``dangjian data``: write the data package (CSV + datapackage.json, JSON, SQLite) and count its rows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..dataset.package import write_dataset
from ..errors import SourceError

#: Where ``make`` publishes the package: inside the HTML site, beside the 数据下载 page.
DEFAULT_OUT = "docs/_build/html/data"


def cmd_data(args: argparse.Namespace) -> int:
    root = Path(args.root)
    out = Path(args.out) if args.out else root / DEFAULT_OUT
    try:
        data = write_dataset(root, out)
    except SourceError as exc:
        print(f"{exc}", file=sys.stderr)
        print("dangjian data: nothing written", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or out}: {exc.strerror or exc}", file=sys.stderr)
        print("dangjian data: nothing written", file=sys.stderr)
        return 1
    for name, count in data.counts().items():
        print(f"{name}\t{count}")
    if data.unanchored_paragraphs:
        print(f"left out {data.unanchored_paragraphs} paragraph(s) without an anchor (they cannot be cited)")
    print(f"dangjian data: wrote {out}")
    return 0


def add_data_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    data = sub.add_parser("data", help="write the data package: CSV tables, JSON and SQLite")
    data.add_argument("--root", default=".", help="repository root (default: current folder)")
    data.add_argument("--out", help=f"output folder, replaced whole (default: ROOT/{DEFAULT_OUT})")
    data.set_defaults(func=cmd_data)

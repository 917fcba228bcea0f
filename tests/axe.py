"""axe-core, the accessibility engine, run on a page of the built site (WCAG 2.1 A and AA rules).

axe-core is an npm package pinned in ``tools/node`` (``make setup`` installs it); the script is
injected from there, nothing is fetched.  A missing axe fails the test: a skipped check would
let a page ship unchecked.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, exclude: tuple[str, ...] = ()) -> list[dict]:  # noqa: ANN001 (a Playwright page)
    """The WCAG 2.1 AA violations axe finds on ``page`` (id, and the first five elements of each)."""
    assert AXE.is_file(), f"axe-core is not installed at {AXE}: run make setup"
    page.add_script_tag(path=str(AXE))
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]}
    result = page.evaluate(
        "([ctx, tags]) => axe.run(ctx, {runOnly: {type: 'tag', values: tags}})", [context, WCAG_21_AA]
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in result["violations"]]

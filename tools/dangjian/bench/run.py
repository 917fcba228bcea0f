"""``make bench``: how the knowledge base's costs grow with the number of articles.

For each size N, a fresh work folder gets the seeds plus N generated articles
(:mod:`.corpus`), and every step runs as its own process (:mod:`.measure`):
conversion, full HTML builds with ``-j 1`` and ``-j 2``, the same pages with our
extensions off, incremental rebuilds after editing one article and after adding one
glossary entry, the search index's size, the first search result in Chromium, and the
PDF at the smallest size.  Results go to ``benchmarks/results.json`` and ``results.md``.
Ratios are taken within one run; machines are too noisy to compare runs by seconds.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import sys
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path, PurePosixPath

from ..layout import ARTICLES, CHECKOUT, DOCS, GLOSSARY, PDF, REGIONS, SOURCES
from .generate import write_corpus
from .measure import Measured, run_step

#: The repository measured: its seeds and docs are copied into every work folder.
ROOT = CHECKOUT
#: One megabyte, the unit of every MB figure of the benchmarks (``sizes.py`` too).
MB = 1_000_000
CHROMIUM = Path("/usr/bin/chromium")
#: Targets from the benchmark issue, at N = 1,000 on a 2-core machine.
TARGETS = {
    "convert_s": 20.0,
    "html_j2_s": 30.0,
    "extensions_ratio": 1.25,
    "edit_one_s": 5.0,
    "parallel_speedup": 1.5,
    "searchindex_gzip_mb": 3.0,
    "first_result_ms": 150.0,
}
#: The edit made to one article for the incremental rebuild.
EDIT = "\n本段为基准测试所加。\n"
NEW_TERM = """
- term: 基准测试术语
  traditional: 基準測試術語
  pinyin: jīzhǔn cèshì shùyǔ
  english: benchmark term
  category: mechanism
  definition: 基准测试加入的词条。
  sources: [001-jixi]
  aliases: []
  related: []
"""
#: Sphinx options for every build: the project's own (warnings are shown, not fatal, so a
#: generated corpus that trips a check is still measured).
SPHINX = ["-m", "sphinx", "-b", "html", "-q", "-n", "--keep-going", "--no-color"]
#: The same project without our extensions: docs/conf.py, minus dangjian.sphinx_ext, its settings and
#: its sidebar template (Sphinx's own zh search, Python jieba, indexes the text).
CONF_OFF = """
import runpy
_conf = runpy.run_path({conf!r})
globals().update({{k: v for k, v in _conf.items() if not k.startswith(("dangjian_", "__"))}})
extensions = [e for e in extensions if not e.startswith("dangjian")]
html_sidebars = {{k: [s for s in v if s != "pdf-link"] for k, v in html_sidebars.items()}}
"""


def prepare(work: Path, n: int, seed: int) -> Path:
    """A repository copy with the seeds and ``n`` generated sources, nothing converted yet."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / SOURCES, work / SOURCES)
    # Build output is left behind, and the region pages the build writes again.
    build_only = shutil.ignore_patterns("_build", PurePosixPath(REGIONS).name)
    shutil.copytree(ROOT / DOCS, work / DOCS, ignore=build_only)
    write_corpus(work / SOURCES, n, seed)
    return work


def _written(output: str) -> int:
    """How many pages a quiet-less Sphinx run wrote (its ``writing output…`` lines)."""
    return len(re.findall(r"^writing output\.\.\. \[\s*\d+%\] ", output, re.MULTILINE))


def html_build(work: Path, out: str, *extra: str, clean: bool = True) -> Measured:
    target = work / "_build" / out
    if clean and target.exists():
        shutil.rmtree(target)
    cmd = [sys.executable, *SPHINX, *extra, DOCS, str(target)]
    return run_step(cmd, work)


def incremental(work: Path, out: str) -> Measured:
    """An incremental build with Sphinx's progress lines kept, to count pages written."""
    cmd = [sys.executable, *[a for a in SPHINX if a != "-q"], DOCS, str(work / "_build" / out)]
    return run_step(cmd, work)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def first_search_result_ms(html: Path, query: str) -> float | None:
    """Milliseconds from navigation to the first result on the search page (Chromium, local server)."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    handler = partial(_QuietHandler, directory=str(html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    watch = """
      new MutationObserver((_, observer) => {
        if (document.querySelector('#search-results ul.search li')) {
          window.__firstResult = performance.now(); observer.disconnect();
        }
      }).observe(document, {childList: true, subtree: true});
    """
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            timings = []
            for _ in range(3):
                page = browser.new_page()
                page.add_init_script(watch)
                page.goto(f"http://127.0.0.1:{httpd.server_port}/search.html?q={query}")
                page.wait_for_function("window.__firstResult !== undefined", timeout=60_000)
                timings.append(page.evaluate("window.__firstResult"))
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return min(timings)


STEPS = ("convert", "html", "off", "incremental", "search", "data", "pdf")
#: 网格党支部, URL-encoded: the query the first-result timing runs.
QUERY = "%E7%BD%91%E6%A0%BC%E5%85%9A%E6%94%AF%E9%83%A8"


def bench_size(n: int, seed: int, base: Path, pdf: bool, steps: set[str]) -> dict[str, object]:
    """The chosen steps at one corpus size (conversion always runs: the others need its pages)."""
    work = prepare(base / f"n{n}", n, seed)
    row: dict[str, object] = {"n": n}
    dangjian = str(Path(sys.executable).with_name("dangjian"))
    convert = run_step([dangjian, "convert", "--quiet", "--root", "."], work)
    articles = len(list((work / ARTICLES).glob("*.md"))) - 1
    mb = sum(p.stat().st_size for p in (work / SOURCES).glob("*.txt")) / MB
    row |= {"articles": articles, "source_mb": round(mb, 2), "convert_s": convert.seconds}
    row |= {"convert_per_s": articles / convert.seconds, "convert_mb": convert.peak_mb}
    print(f"N={n}: converted {articles} articles in {convert.seconds:.1f} s", file=sys.stderr)
    if steps & {"html", "incremental", "search"}:
        j1 = html_build(work, "html-j1", "-j", "1")
        j2 = html_build(work, "html", "-j", "2")
        row |= {"html_j1_s": j1.seconds, "html_j1_mb": j1.peak_mb, "html_j2_s": j2.seconds}
        row |= {"html_j2_mb": j2.peak_mb, "parallel_speedup": j1.seconds / j2.seconds}
        print(f"N={n}: html -j1 {j1.seconds:.1f} s, -j2 {j2.seconds:.1f} s", file=sys.stderr)
    if "off" in steps and "html_j1_s" in row:
        conf_off = work / "conf-off"
        conf_off.mkdir(exist_ok=True)
        (conf_off / "conf.py").write_text(
            CONF_OFF.format(conf=str(work / DOCS / "conf.py")), encoding="utf-8"
        )
        off = html_build(work, "html-off", "-j", "1", "-c", str(conf_off))
        row |= {"html_off_s": off.seconds, "extensions_ratio": row["html_j1_s"] / off.seconds}
        print(f"N={n}: extensions off {off.seconds:.1f} s", file=sys.stderr)
    if "incremental" in steps:
        row |= incremental_steps(work)
        print(
            f"N={n}: edit one {row['edit_one_s']:.1f} s, add term {row['add_term_s']:.1f} s", file=sys.stderr
        )
    if "search" in steps:
        index = (work / "_build" / "html" / "searchindex.js").read_bytes()
        row |= {"searchindex_mb": len(index) / MB, "searchindex_gzip_mb": len(gzip.compress(index, 6)) / MB}
        row["first_result_ms"] = first_search_result_ms(work / "_build" / "html", QUERY)
    if "data" in steps:
        row |= data_step(work, dangjian)
        print(f"N={n}: data package in {row['data_s']:.1f} s", file=sys.stderr)
    if pdf and "pdf" in steps:
        row |= pdf_step(work)
        print(f"N={n}: PDF in {row['pdf_s']:.1f} s", file=sys.stderr)
    return row


def incremental_steps(work: Path) -> dict[str, object]:
    """A no-op rebuild, then one after editing one article, then one after adding a glossary entry."""
    noop = incremental(work, "html")
    page = sorted((work / ARTICLES).glob("b*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    edit = incremental(work, "html")
    glossary = work / GLOSSARY
    glossary.write_text(glossary.read_text(encoding="utf-8") + NEW_TERM, encoding="utf-8")
    term = incremental(work, "html")
    return {
        "noop_s": noop.seconds,
        "noop_written": _written(noop.output),
        "edit_one_s": edit.seconds,
        "edit_one_written": _written(edit.output),
        "edit_one_mb": edit.peak_mb,
        "add_term_s": term.seconds,
        "add_term_written": _written(term.output),
        "add_term_mb": term.peak_mb,
    }


def data_step(work: Path, dangjian: str) -> dict[str, object]:
    """``dangjian data``: the data package (CSV, JSON, SQLite with its index) from the converted pages."""
    out = work / "_build" / "data"
    step = run_step([dangjian, "data", "--root", ".", "--out", str(out)], work)
    sizes: Counter[str] = Counter()
    for path in out.iterdir():
        sizes[path.suffix] += path.stat().st_size
    return {
        "data_s": step.seconds,
        "data_mb": step.peak_mb,
        "data_csv_mb": sizes.get(".csv", 0) / MB,
        "data_sqlite_mb": sizes.get(".sqlite", 0) / MB,
    }


def pdf_step(work: Path) -> dict[str, object]:
    """``make pdf``'s two halves: the LaTeX build (diagrams included) and latexmk."""
    latex = work / "_build" / "latex"
    sphinx = run_step([sys.executable, "-m", "sphinx", "-b", "latex", "-q", DOCS, str(latex)], work)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    tex = run_step(
        ["make", "-C", str(latex), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -quiet"], work, env
    )
    return {
        "pdf_s": sphinx.seconds + tex.seconds,
        "pdf_latex_s": sphinx.seconds,
        "pdf_tex_s": tex.seconds,
        "pdf_mb": max(sphinx.peak_mb, tex.peak_mb),
        "pdf_size_mb": (latex / PurePosixPath(PDF).name).stat().st_size / MB,
    }


def _fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


COLUMNS = [
    ("n", "N (generated)"),
    ("articles", "article pages"),
    ("source_mb", "sources MB"),
    ("convert_s", "convert s"),
    ("convert_per_s", "articles/s"),
    ("html_j1_s", "HTML -j1 s"),
    ("html_j2_s", "HTML -j2 s"),
    ("parallel_speedup", "-j2 speed-up"),
    ("html_off_s", "extensions off s"),
    ("extensions_ratio", "extensions ratio"),
    ("noop_s", "no-op s"),
    ("edit_one_s", "edit one s"),
    ("edit_one_written", "pages written"),
    ("add_term_s", "add term s"),
    ("add_term_written", "pages written"),
    ("searchindex_mb", "searchindex MB"),
    ("searchindex_gzip_mb", "gzipped MB"),
    ("first_result_ms", "first result ms"),
    ("data_s", "data package s"),
    ("data_csv_mb", "CSV MB"),
    ("data_sqlite_mb", "SQLite MB"),
    ("pdf_s", "PDF s"),
    ("convert_mb", "convert peak MB"),
    ("html_j1_mb", "HTML -j1 peak MB"),
    ("html_j2_mb", "HTML -j2 peak MB"),
    ("edit_one_mb", "edit one peak MB"),
    ("pdf_mb", "PDF peak MB"),
    ("data_mb", "data peak MB"),
]


def _target_mark(key: str) -> str:
    """The target column's cell: ``≥`` for the speed-up (more is better), ``≤`` for the rest."""
    target = TARGETS.get(key)
    return "" if target is None else (f"≥ {target}" if key == "parallel_speedup" else f"≤ {target}")


def markdown(rows: list[dict[str, object]]) -> str:
    """The results as a table, one column per size (steps down the side)."""
    head = "| step | " + " | ".join(f"N = {r['n']}" for r in rows) + " | target at 1,000 |"
    lines = [head, "|---|" + "---|" * len(rows) + "---|"]
    for key, label in COLUMNS[1:]:
        lines.append(
            f"| {label} | " + " | ".join(_fmt(r.get(key)) for r in rows) + f" | {_target_mark(key)} |"
        )
    return "\n".join(lines) + "\n"


def markdown_compare(before: list[dict[str, object]], after: list[dict[str, object]]) -> str:
    """Before → after for each size both runs have, one column per size."""
    sizes = [r["n"] for r in after if any(b["n"] == r["n"] for b in before)]
    by_n = {(label, r["n"]): r for label, rows in (("b", before), ("a", after)) for r in rows}
    head = "| step | " + " | ".join(f"N = {n}: before → after" for n in sizes) + " | target at 1,000 |"
    lines = [head, "|---|" + "---|" * len(sizes) + "---|"]
    for key, label in COLUMNS[1:]:
        cells = [f"{_fmt(by_n[('b', n)].get(key))} → {_fmt(by_n[('a', n)].get(key))}" for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {_target_mark(key)} |")
    return "\n".join(lines) + "\n"


def machine() -> dict[str, object]:
    """When and on what a benchmark ran: the head of every results file's ``meta``."""
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": len(os.sched_getaffinity(0)),
    }


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m dangjian.bench.run``."""
    parser = argparse.ArgumentParser(prog="python -m dangjian.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (default 100 1000)"
    )
    parser.add_argument("--pdf-size", type=int, default=100, help="build the PDF at this size only")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}"
    )
    parser.add_argument("--label", default="", help="this run's name in the results (before, after …)")
    parser.add_argument("--work", default=str(ROOT / "benchmarks" / "_work"), help="scratch folder")
    parser.add_argument("--out", default=str(ROOT / "benchmarks"), help="where results.json/.md go")
    parser.add_argument(
        "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print two results files side by side"
    )
    return parser


def write_results(out: Path, meta: dict[str, object], rows: list[dict[str, object]]) -> str:
    """``results[-LABEL].json`` and ``.md`` in ``out``; returns the table."""
    label = meta["label"]
    out.mkdir(parents=True, exist_ok=True)
    name = f"results-{label}" if label else "results"
    (out / f"{name}.json").write_text(
        json.dumps({"meta": meta, "targets": TARGETS, "rows": rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    table = markdown(rows)
    heading = f"{meta['date']}, Python {meta['python']}, {meta['cpus']} CPUs, seed {meta['seed']}"
    (out / f"{name}.md").write_text(f"# Benchmark results {label}\n\n{heading}.\n\n{table}", encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.compare:
        before, after = (json.loads(Path(f).read_text(encoding="utf-8"))["rows"] for f in args.compare)
        print(markdown_compare(before, after), end="")
        return 0
    steps = set(args.steps.split(","))
    rows = [bench_size(n, args.seed, Path(args.work), n == args.pdf_size, steps) for n in args.sizes]
    meta = {"label": args.label} | machine() | {"seed": args.seed, "steps": sorted(steps)}
    print(write_results(Path(args.out), meta, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

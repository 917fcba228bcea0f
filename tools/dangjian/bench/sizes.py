"""``make bench-sizes``: the converter's time grows linearly with the size of one source.

The command line refuses sources over 2 MiB, but a converter that is quadratic somewhere
is a trap waiting for that limit to be raised (or for a 2 MiB source of the wrong shape:
a paragraph broken into thousands of layout lines once took minutes).  So each input
shape is repeated to 1, 5 and 20 MB and converted with the limit lifted, each in a fresh
process (:func:`.measure.run_step`): seconds, peak memory, page size, and per shape the
growth ``t(20)/t(1)`` divided by 20 (≈ 1 is linear; quadratic would give ≈ 20).  The real
CLI is also timed refusing a 20 MB source, to show it does not read it.  Results go to
``benchmarks/sizes.json`` and ``sizes.md``.  Timings are never asserted in tests.

Peak memory is :func:`.run_step`'s: the converting process's own, not this runner's
(which holds a 20 MB source while writing it; see :mod:`.measure`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..convert.decode import MAX_SOURCE_BYTES
from ..layout import ARTICLES, SOURCES
from .measure import Measured, StepFailed, run_step
from .run import MB, ROOT, _fmt, machine

#: Growth (÷ linear) above which a shape is reported as superlinear.
SUPERLINEAR = 2.0
#: Seconds one conversion may take; a larger size projected past it is skipped, a run past it stopped.
BUDGET_S = 300.0
#: Seconds the child process may take beyond its conversion: start-up, imports, warm-up.
SLACK_S = 30.0
#: Bytes of each source converted once before timing, so lazy loading (OpenCC, tables) is not timed.
WARM_UP_BYTES = 20_000
#: The seed in traditional script.
TRADITIONAL_SEED = "003-yanbian.txt"
#: Where the command line's tracing wrapper lives (it records every file a run opens).
AUDITED = ROOT / "tests" / "audited.py"


def _seeds(pattern: str = "0*.txt") -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / SOURCES).glob(pattern))]
    return "\n\n".join(t.rstrip("\n") for t in texts) + "\n\n"


@dataclass(frozen=True)
class Shape:
    """An input shape: a unit of text repeated to size, and what the converter should make of it."""

    unit: Callable[[], str]
    about: str
    #: ``None`` when the source should convert; else a phrase of the expected refusal.
    refused: str | None = None
    #: Text once before the repeated unit, for a shape where every unit continues what it opened.
    head: str = ""
    #: The unit holds ``{n}``, replaced by 0, 1, 2, … so that no two repeats are equal.
    numbered: bool = False


SHAPES: dict[str, Shape] = {
    "articles": Shape(_seeds, "the five seed articles, concatenated"),
    "one-paragraph": Shape(
        lambda: "网格党支部书记领办\n驻村干部的工作，\n",
        "one paragraph broken every 9 characters by layout newlines (repair joins it)",
    ),
    "one-line": Shape(
        lambda: "网格党支部书记领办驻村干部的工作，推动乡村振兴。", "a single line, no newline"
    ),
    "markup": Shape(
        lambda: "<script>x</script> {raw}`html` $x$ [a](b) **c** # h。\n",
        "markup-dense lines, every character escaped",
    ),
    "headings": Shape(lambda: "网格党建引领\n\n", "short lines between blank lines: a heading each"),
    "captions": Shape(
        lambda: "图为网格党支部书记在工作。 新华社记者张三 摄\n",
        "photo captions with credits (one photo-caption block each)",
    ),
    "briefs": Shape(
        lambda: (
            "网格党建引领\n\n本报讯 网格党支部书记领办驻村干部的工作。\n\n驻村工作\n\n网格党支部书记领办驻村干部的工作。\n\n"
        ),
        "news briefs (本报讯), each followed by a section heading",
    ),
    "credits": Shape(
        lambda: (
            "网格党支部书记领办驻村干部的工作。\n图为网格党支部书记在工作。 新华社记者张三 摄\n本版图片由新华社提供\n"
        ),
        "a paragraph, a photo caption and a page credit line (本版图片由…提供), repeated",
    ),
    "page-credits": Shape(
        lambda: "网格党支部书记领办驻村干部的工作。\n本版图片由新华社第{n}组提供\n",
        "a paragraph and a page credit line, every credit different (the page's credit list grows)",
        numbered=True,
    ),
    "notes": Shape(
        lambda: "编者按：网格党支部书记领办驻村干部的工作。\n",
        "editor's notes (编者按：…) one after another, no paragraph in their section",
    ),
    "closing-marks": Shape(
        lambda: "”）」』》" * 6 + "\n",
        "a paragraph left open, then lines holding only closing quotes and brackets (repair joins them)",
        head="网格党支部书记领办驻村干部的工作，\n",
    ),
    "byline-words": Shape(
        lambda: "记者 张三" + " 记者张三" * 20 + "。\n",
        "lines of twenty reporter credits (记者 张三 记者张三 …。), each too long for a byline "
        "(the byline pattern backtracked exponentially on them)",
    ),
    "open-credits": Shape(
        lambda: "记者：网格党支部书记领办驻村干部的工作。",
        "a single line that opens end credits （采访 and never closes them, full of colons",
        head="（采访",
    ),
    "blank": Shape(lambda: "\n", "newlines only", refused="no text"),
    "traditional": Shape(lambda: _seeds(TRADITIONAL_SEED), f"the traditional-script seed {TRADITIONAL_SEED}"),
}


def cut(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes of ``data``, ending at a line end (or a whole character if no line)."""
    head = data[:size]
    end = head.rfind(b"\n")
    if end >= 0:
        return head[: end + 1]
    return head.decode("utf-8", "ignore").encode("utf-8")


def make_source(shape: str, size: int) -> bytes:
    """``shape``'s head, then its unit repeated (or numbered), to at most ``size`` bytes, valid UTF-8."""
    spec = SHAPES[shape]
    head, unit = spec.head.encode("utf-8"), spec.unit()
    if not spec.numbered:
        data = unit.encode("utf-8")
        return cut(head + data * (size // len(data) + 1), size)
    # Numbers only lengthen the unit, so the count for the unit numbered 0 is enough.
    count = size // len(unit.format(n=0).encode("utf-8")) + 1
    return cut(head + "".join(unit.format(n=n) for n in range(count)).encode("utf-8"), size)


def measure_one(path: Path, name: str) -> dict[str, object]:
    """Convert one source in this process (the child side of :func:`bench_one`)."""
    from ..convert.pipeline import convert
    from ..errors import SourceError

    data = path.read_bytes()
    try:
        convert(cut(data, WARM_UP_BYTES), name, max_bytes=len(data))
    except SourceError:
        pass  # the blank shape is refused at any size; the warm-up still loaded the stages
    start, cpu = time.perf_counter(), time.process_time()
    try:
        conversion, refusal = convert(data, name, max_bytes=len(data)), ""
    except SourceError as exc:
        conversion, refusal = None, str(exc)
    # CPU seconds too: on a shared machine they vary far less than wall seconds.
    cost = {"convert_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}
    if conversion is None:
        return cost | {"outcome": "refused", "message": refusal}
    article = conversion.article
    blocks = Counter(b.kind.value for s in article.sections for b in s.blocks)
    return cost | {
        "outcome": "page",
        "page_mb": len(conversion.page.encode("utf-8")) / MB,
        "script": article.metadata.script,
        "sections": len(article.sections),
        "blocks": dict(blocks.most_common()),
    }


def run_with_status(
    cmd: list[str], cwd: Path, timeout_s: float | None = None
) -> tuple[Measured, int, list[str]]:
    """:func:`.run_step` for a command that may fail: its cost, its exit status and its output lines.

    ``run_step`` refuses a non-zero exit, so a shell runs ``cmd`` and prints the status last;
    ``timeout_s`` stops it (exit 124).  Its ``peak_mb`` is the command's (the shell and ``timeout`` are smaller).
    """
    if timeout_s is not None:
        cmd = ["timeout", f"{timeout_s:g}", *cmd]
    step = run_step(["sh", "-c", '"$@"; echo "exit $?"', "sh", *cmd], cwd)
    *lines, status = step.output.strip().splitlines()
    return step, int(status.removeprefix("exit ")), lines


#: Exit status of ``timeout`` when it stopped the command.
TIMED_OUT = 124


def bench_one(shape: str, mb: float, work: Path, budget_s: float) -> dict[str, object]:
    """One shape at one size, converted in a fresh process stopped past ``budget_s`` (plus start-up)."""
    data = make_source(shape, round(mb * MB))
    path = work / f"{shape}-{mb:g}MB.txt"
    path.write_bytes(data)
    cmd = [sys.executable, "-m", "dangjian.bench.sizes", "--one", str(path), f"{SOURCES}/{shape}.txt"]
    try:
        step, status, lines = run_with_status(cmd, work, budget_s + SLACK_S)
    finally:
        path.unlink()
    input_mb = len(data) / MB
    row: dict[str, object] = {"shape": shape, "mb": mb, "input_mb": input_mb}
    row["wall_s"] = step.seconds
    if status == TIMED_OUT:
        row |= {"outcome": "timeout", "convert_s": None, "at_least_s": budget_s, "as_expected": None}
        print(f"{shape} {mb:g} MB: stopped after {step.seconds:.0f} s", file=sys.stderr)
        return row
    if status != 0:
        tail = "\n".join(lines[-20:])
        raise StepFailed(f"{' '.join(cmd)} exited {status}:\n{tail}")
    child = json.loads(lines[-1])
    expected = SHAPES[shape].refused
    row |= child | {"peak_mb": step.peak_mb}
    row |= {"s_per_mb": child["convert_s"] / input_mb, "cpu_s_per_mb": child["cpu_s"] / input_mb}
    row["as_expected"] = (
        child["outcome"] == "page"
        if expected is None
        else (child["outcome"] == "refused" and expected in child["message"])
    )
    print(
        f"{shape} {mb:g} MB: {child['outcome']} in {child['convert_s']:.2f} s, peak {step.peak_mb:.0f} MB",
        file=sys.stderr,
    )
    return row


def projected_s(rows: list[dict[str, object]], mb: float) -> float | None:
    """Seconds ``mb`` would take, extrapolated from the two largest sizes run (at least linearly).

    A size stopped for time counts with the budget it exceeded, so the projection is a lower bound.
    """
    points = [(r["mb"], r["convert_s"] or r.get("at_least_s")) for r in rows]
    points = [(size, s) for size, s in points if s]
    if not points:
        return None
    last_mb, last_s = points[-1]
    power = 1.0
    if len(points) > 1:
        prev_mb, prev_s = points[-2]
        power = max(1.0, math.log(last_s / prev_s) / math.log(last_mb / prev_mb))
    return last_s * (mb / last_mb) ** power


def bench_shape(shape: str, sizes: list[float], work: Path, budget_s: float) -> list[dict[str, object]]:
    """Every size of one shape, smallest first; a size projected to exceed the budget is skipped."""
    rows: list[dict[str, object]] = []
    for mb in sizes:
        projected = projected_s(rows, mb)
        if (projected is not None and projected > budget_s) or any(r["outcome"] == "timeout" for r in rows):
            rows.append(
                {"shape": shape, "mb": mb, "input_mb": mb, "outcome": "skipped", "convert_s": None}
                | {"projected_s": projected, "as_expected": None}
                # After a size ran out of time, the projection is a lower bound.
                | {"projected_at_least": any(r["outcome"] == "timeout" for r in rows)}
            )
            print(f"{shape} {mb:g} MB: skipped, projected {projected or 0:.0f} s", file=sys.stderr)
            continue
        rows.append(bench_one(shape, mb, work, budget_s))
    return rows


def growth(rows: list[dict[str, object]], limit: float) -> dict[str, object]:
    """The smallest and largest size measured: time growth ÷ size growth, and memory per input MB.

    ``growth`` is taken on CPU seconds (other processes on the machine barely move them),
    ``growth_wall`` on wall seconds.  A shape is superlinear when the growth exceeds ``limit``,
    or, when a size was stopped for time, the least wall growth that explains it does
    (``growth_at_least``).
    Sizes skipped or stopped are listed as unfinished.
    """
    done = [r for r in rows if r["convert_s"] is not None]
    unfinished = [r["mb"] for r in rows if r["convert_s"] is None]
    result: dict[str, object] = {"shape": rows[0]["shape"], "unfinished_mb": unfinished}
    ratio = None
    if len(done) > 1:
        small, large = done[0], done[-1]
        extra_mb = large["input_mb"] - small["input_mb"]
        size_ratio = large["input_mb"] / small["input_mb"]
        if small["cpu_s"] > 0 and small["convert_s"] > 0:
            ratio = (large["cpu_s"] / small["cpu_s"]) / size_ratio
            result["growth_wall"] = (large["convert_s"] / small["convert_s"]) / size_ratio
        result |= {"from_mb": small["mb"], "to_mb": large["mb"], "growth": ratio}
        result["rss_per_input_mb"] = (large["peak_mb"] - small["peak_mb"]) / extra_mb
    timed_out = [r for r in rows if r["outcome"] == "timeout"]
    bound = None
    if timed_out and done and done[0]["convert_s"] > 0:
        small, stopped = done[0], timed_out[0]
        bound = (stopped["at_least_s"] / small["convert_s"]) / (stopped["mb"] / small["mb"])
        result |= {"growth_at_least": bound, "at_least_from_mb": small["mb"], "at_least_to_mb": stopped["mb"]}
    result["superlinear"] = any(g is not None and g > limit for g in (ratio, bound))
    return result


def cli_refusal(work: Path, size: int) -> dict[str, object]:
    """The real ``dangjian convert`` on a repository holding one oversized source.

    Measured as is (seconds, peak memory, exit status, message), then run again under
    ``tests/audited.py``, which records every file the process opens, to show the source is
    refused unread.
    """
    repo = work / "cli-repo"
    if repo.exists():
        shutil.rmtree(repo)
    (repo / SOURCES).mkdir(parents=True)
    (repo / ARTICLES).mkdir(parents=True)
    big = repo / SOURCES / "big.txt"
    big.write_bytes(make_source("articles", size))
    dangjian = str(Path(sys.executable).with_name("dangjian"))
    args = ["convert", "--root", ".", f"{SOURCES}/big.txt"]
    step, status, lines = run_with_status([dangjian, *args], repo)
    opened = None
    if AUDITED.exists():
        log = work / "cli-opened.log"
        log.unlink(missing_ok=True)
        run_with_status([sys.executable, str(AUDITED), str(log), "-m", "dangjian", *args], repo)
        opened = f"open\t{big.resolve()}" in log.read_text(encoding="utf-8").splitlines()
        log.unlink()
    file_mb = big.stat().st_size / MB
    shutil.rmtree(repo)
    message = "\n".join(lines)
    return {
        "file_mb": file_mb,
        "seconds": step.seconds,
        "peak_mb": step.peak_mb,
        "exit": status,
        "message": message,
        "refused_for_size": "the limit is" in message,
        "opened": opened,
    }


def _load() -> float:
    """The machine's one-minute load: timings on a busy machine say less."""
    return round(os.getloadavg()[0], 2)


def _speed_cell(row: dict[str, object]) -> str:
    """s/MB, or why there is none."""
    if row["outcome"] == "timeout":
        return f"stopped at {_fmt(row['wall_s'])} s wall"
    if row["outcome"] == "skipped":
        return f"skipped ({'≥ ' if row['projected_at_least'] else '~'}{_fmt(row['projected_s'])} s projected)"
    return _fmt(row["cpu_s_per_mb"])


def _span(g: dict[str, object], prefix: str, sizes: list[float]) -> str:
    """`` (1→5 MB)`` when a growth figure covers less than the whole range of sizes."""
    first, last = g[f"{prefix}from_mb"], g[f"{prefix}to_mb"]
    return "" if (first, last) == (sizes[0], sizes[-1]) else f" ({first:g}→{last:g} MB)"


def markdown(data: dict[str, object]) -> str:
    """A summary per shape (s/MB at each size, growth), then every measurement."""
    meta, rows = data["meta"], data["rows"]
    per = {(r["shape"], r["mb"]): r for r in rows}
    out = _intro(meta)
    out += [_summary_row(g, per, meta["sizes"]) for g in data["growth"]]
    out += _measurements(rows)
    out += _cli_section(data["cli_refusal"])
    out += ["", "Shapes:", "", *(f"- `{name}`: {SHAPES[name].about}." for name in meta["shapes"])]
    return "\n".join(out) + "\n"


def _intro(meta: dict[str, object]) -> list[str]:
    """The title, how the figures were taken, and the summary table's head."""
    sizes = meta["sizes"]
    span = sizes[-1] / sizes[0]
    return [
        "# Conversion cost by source size\n",
        f"{meta['date']}, Python {meta['python']}, {meta['cpus']} CPUs, load {meta['load']} → "
        f"{meta['load_end']}. One source per process, `convert()` with the size limit lifted; seconds "
        "are `convert()` alone after a warm-up (CPU seconds in the summary: other processes on the "
        "machine barely move them; wall seconds below), peak memory is the converting process's own "
        f"(its `ru_maxrss`, started from a small spawner). A size projected past {meta['budget_s']:g} s is skipped; a run past it is stopped.\n",
        f"Growth is t({sizes[-1]:g} MB) / t({sizes[0]:g} MB) ÷ {span:g} in CPU seconds (wall in brackets), "
        "or over the sizes measured, or a lower bound (≥, wall) when a size ran out of time: "
        f"≈ 1 is linear, ≈ {span:g} would be quadratic; above {meta['max_growth']:g} it is flagged.\n",
        "| shape | " + " | ".join(f"CPU s/MB at {mb:g} MB" for mb in sizes) + " | growth ÷ linear "
        "| peak MB at largest | peak MB per input MB | result |",
        "|---|" + "---|" * len(sizes) + "---|---|---|---|",
    ]


def _growth_cell(g: dict[str, object], sizes: list[float]) -> str:
    """The growth measured and its lower bound, bold when superlinear."""
    parts = []
    if g.get("growth") is not None:
        parts.append(f"{_fmt(g['growth'])} ({_fmt(g['growth_wall'])})" + _span(g, "", sizes))
    if g.get("growth_at_least") is not None:
        parts.append(f"≥ {_fmt(g['growth_at_least'])}" + _span(g, "at_least_", sizes))
    ratio = "; ".join(parts) or "—"
    return f"**{ratio} superlinear**" if g["superlinear"] else ratio


def _summary_row(
    g: dict[str, object], per: dict[tuple[str, float], dict[str, object]], sizes: list[float]
) -> str:
    """One shape: s/MB at each size, growth, and the peak and outcome at the largest size it finished."""
    name = g["shape"]
    done = [per[(name, mb)] for mb in sizes if per[(name, mb)]["convert_s"] is not None]
    largest = done[-1] if done else per[(name, sizes[-1])]
    result = largest["outcome"] + ("" if largest["as_expected"] is not False else " (unexpected)")
    cells = [_speed_cell(per[(name, mb)]) for mb in sizes]
    return (
        f"| {name} | " + " | ".join(cells) + f" | {_growth_cell(g, sizes)} | {_fmt(largest.get('peak_mb'))} "
        f"| {_fmt(g.get('rss_per_input_mb'))} | {result} |"
    )


def _measurements(rows: list[dict[str, object]]) -> list[str]:
    """Every measurement, one table row each."""
    out = [
        "",
        "| shape | MB | convert s | CPU s | s/MB | process wall s | peak MB | page MB | sections "
        "| blocks or outcome |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        blocks = ", ".join(f"{k} {v}" for k, v in r.get("blocks", {}).items())
        blocks = blocks or r.get("message") or ("" if r["outcome"] == "page" else r["outcome"])
        out.append(
            f"| {r['shape']} | {r['input_mb']:.2f} | {_fmt(r['convert_s'])} | {_fmt(r.get('cpu_s'))} "
            f"| {_fmt(r.get('s_per_mb'))} | {_fmt(r.get('wall_s'))} "
            f"| {_fmt(r.get('peak_mb'))} | {_fmt(r.get('page_mb'))} | {_fmt(r.get('sections'))} | {blocks} |"
        )
    return out


def _cli_section(cli: dict[str, object]) -> list[str]:
    """What the real command line did with the oversized source, and its message."""
    opened = {None: "not traced", True: "yes", False: "no"}[cli["opened"]]
    return [
        "",
        f"`dangjian convert` on a {cli['file_mb']:.1f} MB source: exit {cli['exit']} in "
        f"{cli['seconds']:.2f} s, peak {cli['peak_mb']:.0f} MB, source file opened: {opened}.",
        "",
        "```text",
        cli["message"],
        "```",
    ]


def _floats(text: str) -> list[float]:
    return sorted(float(x) for x in text.split(",") if x.strip())


def _shapes(text: str) -> list[str]:
    names = [x.strip() for x in text.split(",") if x.strip()]
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    return names


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m dangjian.bench.sizes``."""
    parser = argparse.ArgumentParser(
        prog="python -m dangjian.bench.sizes", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes", type=_floats, default=[1.0, 5.0, 20.0], help="MB, comma-separated (1,5,20)"
    )
    parser.add_argument(
        "--shapes", type=_shapes, default=list(SHAPES), help=f"comma-separated: {','.join(SHAPES)}"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=BUDGET_S,
        help=f"seconds one conversion may take (default {BUDGET_S:g})",
    )
    parser.add_argument(
        "--max-growth",
        type=float,
        default=SUPERLINEAR,
        help=f"exit 1 when a shape's growth ÷ linear exceeds this (default {SUPERLINEAR:g})",
    )
    parser.add_argument("--work", default=str(ROOT / "benchmarks" / "_work" / "sizes"), help="scratch folder")
    parser.add_argument("--out", default=str(ROOT / "benchmarks"), help="where sizes.json/.md go")
    parser.add_argument("--one", nargs=2, metavar=("PATH", "NAME"), help=argparse.SUPPRESS)
    return parser


def measure_all(args: argparse.Namespace) -> dict[str, object]:
    """Every shape at every size, then the command line's refusal: what ``sizes.json`` holds."""
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    meta = machine() | {"load": _load(), "sizes": args.sizes, "shapes": args.shapes}
    meta |= {"budget_s": args.budget, "max_growth": args.max_growth}
    by_shape = [bench_shape(shape, args.sizes, work, args.budget) for shape in args.shapes]
    refuse_bytes = max(round(args.sizes[-1] * MB), 2 * MAX_SOURCE_BYTES)
    cli = cli_refusal(work, refuse_bytes)
    meta["load_end"] = _load()
    shapes = [growth(rows, args.max_growth) for rows in by_shape]
    rows = [r for shape_rows in by_shape for r in shape_rows]
    return {"meta": meta, "growth": shapes, "cli_refusal": cli, "rows": rows}


def problems(data: dict[str, object]) -> list[str]:
    """What makes the run fail: superlinear or unfinished shapes, surprises, a CLI that read the source."""
    shapes, rows, cli, budget = data["growth"], data["rows"], data["cli_refusal"], data["meta"]["budget_s"]
    found = [
        f"{g['shape']}: superlinear, growth {_fmt(g.get('growth'))}, at least {_fmt(g.get('growth_at_least'))}"
        for g in shapes
        if g["superlinear"]
    ]
    found += [
        f"{g['shape']}: {', '.join(f'{mb:g}' for mb in g['unfinished_mb'])} MB not finished in {budget:g} s"
        for g in shapes
        if g["unfinished_mb"]
    ]
    found += [f"{r['shape']} {r['mb']:g} MB: {r['outcome']}" for r in rows if r["as_expected"] is False]
    if not (cli["exit"] == 1 and cli["refused_for_size"] and cli["opened"] is not True):
        found.append("the CLI did not refuse the oversized source unread")
    return found


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(Path(args.one[0]), args.one[1]), ensure_ascii=False))
        return 0
    data = measure_all(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sizes.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(data)
    (out / "sizes.md").write_text(table, encoding="utf-8")
    print(table)
    found = problems(data)
    for problem in found:
        print(f"dangjian.bench.sizes: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Time whichever ``opencc`` package is importable, and compare its output with another one.

Two packages share the import name ``opencc``: the pure-Python
``opencc-python-reimplemented`` (the project's dependency) and the C++ binding
``OpenCC`` from PyPI.  They overwrite each other, so each lives in its own venv
and this script is run once under each interpreter::

    .venv/bin/python benchmarks/opencc_compare.py
    /tmp/venv-opencc-cpp/bin/python benchmarks/opencc_compare.py \\
        --compare-python .venv/bin/python

For the configs ``t2s`` and ``s2t`` it measures converter construction time and
conversion throughput (UTF-8 MB/s, 1 MB = 10**6 bytes) for one big string and
for the same text converted line by line, as ``dangjian.convert.script`` does;
``time.perf_counter``, best of ``--repeat`` runs.  Peak memory is
``ru_maxrss`` of this process, sampled after each stage (it only ever grows).

``--compare-python PY`` runs this script under ``PY`` with ``--emit-outputs``
and diffs that interpreter's conversions of the seed texts (t2s and s2t of every
seed in ``sources/``; a seed's script comes from the ``script:`` field of its
article's front matter) and its ``t2s_character_map`` against this one's.

Standard library only, besides ``opencc``; it does not import ``dangjian``.
One JSON object goes to stdout.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import inspect
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
ARTICLES = ROOT / "docs" / "articles"
CONFIGS = ("t2s", "s2t")
CONTEXT = 8  # characters either side of a difference in the examples
MAX_EXAMPLES = 10


# --- which opencc ---------------------------------------------------------------------------------


def implementation() -> dict:
    """Name, version and flavour of the importable ``opencc``."""
    import opencc

    dists = importlib.metadata.packages_distributions().get("opencc", [])
    name = dists[0] if dists else "unknown"
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        version = getattr(opencc, "__version__", "unknown")
    kind = "cpp" if hasattr(opencc, "CONFIGS") or name.lower() == "opencc" else "python"
    return {
        "name": name,
        "version": version,
        "kind": kind,
        "module": opencc.__file__,
        "python": sys.version.split()[0],
    }


def config_names() -> dict[str, str]:
    """Which spellings of the configs the constructor accepts ("ok" or the error)."""
    import opencc

    accepted = {}
    for name in ("t2s", "t2s.json", "s2t", "s2t.json"):
        try:
            opencc.OpenCC(name).convert("漢字")
            accepted[name] = "ok"
        except Exception as exc:  # any failure is the answer
            accepted[name] = f"{type(exc).__name__}: {exc}"
    return accepted


def constructor_options() -> list[str]:
    import opencc

    try:
        params = inspect.signature(opencc.OpenCC.__init__).parameters
    except (TypeError, ValueError):
        return []
    return [p for p in params if p != "self"]


# --- text -----------------------------------------------------------------------------------------


def seed_scripts(sources: Path, articles: Path) -> dict[str, str]:
    """``{seed stem: "traditional" | "simplified" | "unknown"}`` from the articles' front matter."""
    scripts = {}
    for seed in sorted(sources.glob("*.txt")):
        article = articles / f"{seed.stem}.md"
        script = "unknown"
        if article.is_file():
            head = article.read_text(encoding="utf-8").split("\n---", 1)[0]
            found = re.search(r"^\s*script:\s*(\w+)", head, re.MULTILINE)
            if found:
                script = found.group(1)
        scripts[seed.stem] = script
    return scripts


def seeds(sources: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(sources.glob("*.txt"))}


def repeat_to(text: str, megabytes: float) -> str:
    """Whole copies of ``text`` until it reaches ``megabytes`` MB of UTF-8."""
    size = len(text.encode("utf-8"))
    if not size:
        raise SystemExit("empty text")
    copies = max(1, -(-int(megabytes * 1_000_000) // size))
    return "\n".join([text] * copies)


def mbytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1_000_000


# --- measurement ----------------------------------------------------------------------------------


def maxrss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def best_of(repeat: int, func) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def construction(config: str, repeat: int) -> dict:
    import opencc

    start = time.perf_counter()
    opencc.OpenCC(config).convert("")
    first = time.perf_counter() - start
    best, _ = best_of(repeat, lambda: opencc.OpenCC(config).convert(""))
    return {"first_s": round(first, 4), "best_s": round(best, 4)}


def throughput(converter, text: str, repeat: int) -> dict:
    size = mbytes(text)
    lines = text.split("\n")
    big_s, _ = best_of(repeat, lambda: converter.convert(text))
    lines_s, _ = best_of(repeat, lambda: [converter.convert(line) for line in lines])
    return {
        "mb": round(size, 3),
        "lines": len(lines),
        "big_string_s": round(big_s, 4),
        "big_string_mb_s": round(size / big_s, 2),
        "line_by_line_s": round(lines_s, 4),
        "line_by_line_mb_s": round(size / lines_s, 2),
    }


# --- TSCharacters and the project's t2s_character_map ----------------------------------------------


def ts_characters_source(workdir: Path) -> dict:
    """Find TSCharacters as ``dangjian.convert.script.t2s_character_map`` reads it, or an equivalent.

    The project reads ``Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"``.
    The C++ wheel ships compiled ``.ocd2`` (marisa-trie) dictionaries instead, plus the
    ``opencc_dict`` tool, which can export one to the same tab-separated text format.
    """
    import opencc

    package = Path(opencc.__file__).parent
    project_path = package / "dictionary" / "TSCharacters.txt"
    info: dict = {"project_path": str(project_path), "project_path_exists": project_path.is_file()}
    if project_path.is_file():
        info["text_file"] = str(project_path)
        return info
    ocd2 = sorted(package.rglob("TSCharacters.ocd2"))
    tools = sorted(p for p in package.rglob("opencc_dict") if p.is_file())
    info["ocd2"] = [str(p) for p in ocd2]
    info["export_tool"] = [str(p) for p in tools]
    info["other_ts_ocd2"] = sorted(p.name for p in package.rglob("TS*.ocd2"))
    if ocd2 and tools:
        out = workdir / "TSCharacters.txt"
        cmd = [str(tools[0]), "-i", str(ocd2[0]), "-o", str(out), "-f", "ocd2", "-t", "text"]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode == 0 and out.is_file():
            info["text_file"] = str(out)
            info["exported_with"] = " ".join(cmd)
        else:
            info["export_error"] = done.stderr.strip()[-500:]
    return info


def character_map(table: Path, converter) -> dict[str, str]:
    """Same logic as ``dangjian.convert.script.t2s_character_map``."""
    found: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        source = line.split("\t", 1)[0]
        if len(source) == 1:
            simple = converter.convert(source)
            if len(simple) == 1 and simple != source:
                found[source] = simple
    return found


# --- outputs and their differences ----------------------------------------------------------------


def comparison_texts(sources: Path, extra: Path | None) -> dict[str, str]:
    """The seeds, plus the ``--text`` file if one was given."""
    texts = seeds(sources)
    if extra:
        texts[f"--text {extra.name}"] = extra.read_text(encoding="utf-8")
    return texts


def outputs(sources: Path, articles: Path, extra: Path | None = None) -> dict:
    """Conversions of every seed, and the t2s character map, for comparison across venvs."""
    import opencc

    converters = {config: opencc.OpenCC(config) for config in CONFIGS}
    result: dict = {
        "implementation": implementation(),
        "scripts": seed_scripts(sources, articles),
        "converted": {
            config: {
                stem: converters[config].convert(text)
                for stem, text in comparison_texts(sources, extra).items()
            }
            for config in CONFIGS
        },
    }
    with tempfile.TemporaryDirectory() as tmp:
        table = ts_characters_source(Path(tmp))
        result["charmap"] = (
            character_map(Path(table["text_file"]), converters["t2s"]) if "text_file" in table else None
        )
    return result


def _diff_span(source: str, mine: str, other: str, where: str) -> tuple[int, list[dict], Counter]:
    aligned = len(source) == len(mine)
    matcher = difflib.SequenceMatcher(None, mine, other, autojunk=False)
    count = 0
    examples = []
    pairs: Counter = Counter()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        count += max(i2 - i1, j2 - j1)
        pairs[(source[i1:i2] if aligned else "?", mine[i1:i2], other[j1:j2])] += 1
        example = {
            "at": f"{where}{i1}",
            "this": mine[max(0, i1 - CONTEXT) : i2 + CONTEXT],
            "other": other[max(0, j1 - CONTEXT) : j2 + CONTEXT],
            "this_chars": mine[i1:i2],
            "other_chars": other[j1:j2],
        }
        if aligned:
            example["source"] = source[max(0, i1 - CONTEXT) : i2 + CONTEXT]
            example["source_chars"] = source[i1:i2]
        examples.append(example)
    return count, examples, pairs


def diff_texts(source: str, mine: str, other: str) -> tuple[int, list[dict], Counter]:
    """Differing characters between two conversions of ``source``, with examples in context.

    Neither config touches line breaks, so lines are compared pairwise (fast on big
    texts); the whole text is diffed only if the line counts disagree.
    """
    if mine == other:
        return 0, [], Counter()
    lines = source.split("\n"), mine.split("\n"), other.split("\n")
    if not len(lines[0]) == len(lines[1]) == len(lines[2]):
        return _diff_span(source, mine, other, "char ")
    count = 0
    examples: list[dict] = []
    pairs: Counter = Counter()
    for number, (src, a, b) in enumerate(zip(*lines, strict=True), 1):
        if a != b:
            n, found, seen = _diff_span(src, a, b, f"line {number} col ")
            count += n
            examples.extend(found[: MAX_EXAMPLES - len(examples)])
            pairs.update(seen)
    return count, examples, pairs


def compare(mine: dict, other: dict, texts: dict[str, str]) -> dict:
    report: dict = {"other_implementation": other["implementation"], "configs": {}}
    for config in CONFIGS:
        per_seed = {}
        examples: list[dict] = []
        pairs: Counter = Counter()
        for stem, source in texts.items():
            count, found, seen = diff_texts(
                source, mine["converted"][config][stem], other["converted"][config][stem]
            )
            per_seed[stem] = {
                "script": mine["scripts"].get(stem, "unknown"),
                "chars": len(source),
                "differing_chars": count,
                "identical": count == 0,
            }
            pairs.update(seen)
            examples.extend({"seed": stem, **e} for e in found)
        report["configs"][config] = {
            "seeds": per_seed,
            "total_differing_chars": sum(s["differing_chars"] for s in per_seed.values()),
            "distinct_differences": [
                {"source": s, "this": a, "other": b, "times": n} for (s, a, b), n in pairs.most_common(30)
            ],
            "examples": examples[:MAX_EXAMPLES],
        }
    mine_map, other_map = mine["charmap"], other["charmap"]
    if mine_map is not None and other_map is not None:
        shared = mine_map.keys() & other_map.keys()
        differing = sorted(k for k in shared if mine_map[k] != other_map[k])
        report["t2s_character_map"] = {
            "this_size": len(mine_map),
            "other_size": len(other_map),
            "only_this": "".join(sorted(mine_map.keys() - other_map.keys())),
            "only_other": "".join(sorted(other_map.keys() - mine_map.keys())),
            "different_value": {k: [mine_map[k], other_map[k]] for k in differing},
        }
    else:
        report["t2s_character_map"] = "unavailable in one implementation"
    return report


# --- main -----------------------------------------------------------------------------------------


def benchmark(args: argparse.Namespace) -> dict:
    memory = {"start_mib": maxrss_mib()}
    import opencc

    memory["after_import_mib"] = maxrss_mib()
    report: dict = {"implementation": implementation()}
    report["config_names_accepted"] = config_names()
    report["constructor_parameters"] = constructor_options()

    report["construction"] = {config: construction(config, args.repeat) for config in CONFIGS}
    converters = {config: opencc.OpenCC(config) for config in CONFIGS}
    memory["after_construct_mib"] = maxrss_mib()

    if args.text:
        base = args.text.read_text(encoding="utf-8")
        origin = str(args.text)
    else:
        base = "\n".join(seeds(args.sources).values())
        origin = f"{args.sources}/*.txt"
    cases = {f"{size:g}MB": repeat_to(base, size) for size in args.sizes}
    traditional = [
        stem for stem, script in seed_scripts(args.sources, args.articles).items() if script == "traditional"
    ]
    if not args.text and traditional:
        trad_base = "\n".join(seeds(args.sources)[stem] for stem in traditional)
        cases["traditional_only_1MB"] = repeat_to(trad_base, 1)
    report["text"] = {"origin": origin, "base_mb": round(mbytes(base), 4), "traditional_seeds": traditional}
    memory["after_text_mib"] = maxrss_mib()

    timings: dict = {}
    for case, text in cases.items():
        configs = ("t2s",) if case.startswith("traditional_only") else CONFIGS
        timings[case] = {config: throughput(converters[config], text, args.repeat) for config in configs}
        memory[f"after_{case}_mib"] = maxrss_mib()
    report["throughput"] = timings

    with tempfile.TemporaryDirectory() as tmp:
        table = ts_characters_source(Path(tmp))
        if "text_file" in table:
            seconds, found = best_of(
                args.repeat, lambda: character_map(Path(table["text_file"]), converters["t2s"])
            )
            table["t2s_character_map_s"] = round(seconds, 4)
            table["t2s_character_map_size"] = len(found)
        table.pop("text_file", None)
    report["ts_characters"] = table

    memory["peak_mib"] = maxrss_mib()
    report["memory_ru_maxrss"] = memory
    report["repeat"] = args.repeat
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--text", type=Path, help="UTF-8 text to convert (default: the seeds in sources/)")
    parser.add_argument(
        "--sizes",
        type=float,
        nargs="+",
        default=[1.0, 8.0],
        metavar="MB",
        help="repeat the text to about these sizes (default: 1 8)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts (default: 3)")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="seed texts (default: %(default)s)")
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="articles with script: front matter")
    parser.add_argument(
        "--compare-python", metavar="PY", help="diff outputs against opencc under this interpreter"
    )
    parser.add_argument("--no-bench", action="store_true", help="skip the timings (with --compare-python)")
    parser.add_argument("--emit-outputs", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.emit_outputs:
        json.dump(outputs(args.sources, args.articles, args.text), sys.stdout, ensure_ascii=False)
        return 0
    report = {"implementation": implementation()} if args.no_bench else benchmark(args)
    if args.compare_python:
        cmd = [args.compare_python, str(Path(__file__).resolve()), "--emit-outputs"]
        cmd += ["--sources", str(args.sources), "--articles", str(args.articles)]
        if args.text:
            cmd += ["--text", str(args.text.resolve())]
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=True)
        mine = outputs(args.sources, args.articles, args.text)
        other = json.loads(done.stdout)
        report["comparison"] = compare(mine, other, comparison_texts(args.sources, args.text))
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The size benchmark (``make bench-sizes``) keeps working: tiny sizes, every figure it promises.

Speed is never asserted (machines are noisy): only that each source was made as
described, converted (or refused) as expected, and reported, so the benchmark cannot rot.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.bench.sizes import SHAPES, growth, make_source, projected_s
from dangjian.convert.pipeline import convert
from dangjian.errors import SourceError


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_sources_are_cut_to_size_at_a_line_end(shape: str) -> None:
    data = make_source(shape, 10_000)
    assert 0 < len(data) <= 10_000
    text = data.decode("utf-8")  # whole characters only
    spec = SHAPES[shape]
    assert text.startswith(spec.head)
    if "\n" not in spec.head + spec.unit():
        assert "\n" not in text and len(data) > 10_000 - 4
    else:
        assert text.endswith("\n")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_converts_as_described(shape: str) -> None:
    data = make_source(shape, 20_000)
    expected = SHAPES[shape].refused
    if expected is None:
        convert(data, f"sources/{shape}.txt")
    else:
        with pytest.raises(SourceError, match=expected):
            convert(data, f"sources/{shape}.txt")


def test_a_numbered_shape_never_repeats_its_unit() -> None:
    lines = make_source("page-credits", 20_000).decode("utf-8").splitlines()
    credits = [line for line in lines if line.startswith("本版图片")]
    assert len(credits) > 100 and len(set(credits)) == len(credits)


def _row(mb: float, seconds: float | None, outcome: str = "page") -> dict[str, object]:
    row = {"shape": "s", "mb": mb, "input_mb": mb, "outcome": outcome, "peak_mb": 50.0}
    return row | {"convert_s": seconds, "cpu_s": seconds, "at_least_s": 300.0}


def test_growth_flags_quadratic_time_and_lists_unfinished_sizes() -> None:
    linear = growth([_row(1, 2.0), _row(5, 10.0), _row(20, 40.0)], limit=2.0)
    assert linear["growth"] == pytest.approx(1.0) and not linear["superlinear"]
    quadratic = growth([_row(1, 2.0), _row(5, 50.0), _row(20, None, "skipped")], limit=2.0)
    assert quadratic["growth"] == pytest.approx(5.0) and quadratic["superlinear"]
    assert quadratic["unfinished_mb"] == [20]
    # Stopped after the 300 s budget at 5 MB: at least (300 / 2) / 5 = 30 times linear.
    stopped = growth([_row(1, 2.0), _row(5, None, "timeout"), _row(20, None, "skipped")], limit=2.0)
    assert stopped["growth_at_least"] == pytest.approx(30.0) and stopped["superlinear"]
    assert (stopped["at_least_from_mb"], stopped["at_least_to_mb"]) == (1, 5)
    assert stopped["unfinished_mb"] == [5, 20]


def test_projection_extrapolates_the_growth_seen_so_far() -> None:
    # 50 s × 4² for four times the size; a size stopped for time counts with its budget.
    assert projected_s([_row(1, 2.0), _row(5, 50.0)], 20) == pytest.approx(800.0)
    assert projected_s([_row(1, 2.0)], 5) == pytest.approx(10.0)
    assert projected_s([_row(1, 12.0), _row(5, None, "timeout")], 20) == pytest.approx(300 * 4**2)


def test_size_benchmark_converts_every_row(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "dangjian.bench.sizes", "--sizes", "0.01,0.05"]
    cmd += ["--shapes", "one-paragraph,blank", "--max-growth", "1e9"]
    cmd += ["--work", str(tmp_path / "work"), "--out", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((out / "sizes.json").read_text(encoding="utf-8"))
    assert data["meta"]["sizes"] == [0.01, 0.05] and data["meta"]["cpus"] >= 1
    rows = {(r["shape"], r["mb"]): r for r in data["rows"]}
    assert set(rows) == {(s, mb) for s in ("one-paragraph", "blank") for mb in (0.01, 0.05)}
    for row in rows.values():
        assert row["as_expected"] is True, row
        assert row["convert_s"] > 0 and row["wall_s"] > 0 and row["peak_mb"] > 0
        assert 0 < row["input_mb"] <= row["mb"]
    for mb in (0.01, 0.05):
        paragraph = rows[("one-paragraph", mb)]
        # The layout lines are repaired into a single paragraph.
        assert paragraph["outcome"] == "page" and paragraph["blocks"] == {"paragraph": 1}
        assert paragraph["page_mb"] > 0
        assert rows[("blank", mb)]["outcome"] == "refused"
    assert [g["shape"] for g in data["growth"]] == ["one-paragraph", "blank"]
    for g in data["growth"]:
        assert g["growth"] > 0 and g["unfinished_mb"] == []
    cli = data["cli_refusal"]
    assert cli["exit"] == 1 and cli["refused_for_size"] and cli["opened"] is False
    assert cli["file_mb"] > 2
    table = (out / "sizes.md").read_text(encoding="utf-8")
    assert "| one-paragraph |" in table and "s/MB at 0.05 MB" in table
    assert "the limit is" in table

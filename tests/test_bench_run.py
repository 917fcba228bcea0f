"""``make bench`` keeps working: the runner, on a tiny corpus, produces every figure it promises.

Speed itself is never asserted here (machines are noisy); only that each step ran and
reported sane values, so the benchmark cannot rot between the runs that use it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_bench_runner_reports_every_step(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "dangjian.bench.run", "--sizes", "3", "--pdf-size", "0"]
    cmd += ["--steps", "convert,html,off,incremental,search", "--label", "tiny"]
    cmd += ["--work", str(tmp_path / "work"), "--out", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((out / "results-tiny.json").read_text(encoding="utf-8"))
    [row] = data["rows"]
    assert row["n"] == 3 and row["articles"] == 8  # the five seeds and three generated
    for key in ("convert_s", "html_j1_s", "html_j2_s", "html_off_s", "edit_one_s", "add_term_s"):
        assert row[key] > 0, key
    assert row["noop_written"] < row["edit_one_written"] <= row["add_term_written"]
    assert 0 < row["searchindex_gzip_mb"] < row["searchindex_mb"]
    assert row["first_result_ms"] is None or row["first_result_ms"] > 0
    table = (out / "results-tiny.md").read_text(encoding="utf-8")
    assert "| convert s |" in table and "N = 3" in table

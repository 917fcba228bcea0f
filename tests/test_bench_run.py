"""``make bench`` keeps working: the runner, on a tiny corpus, produces every figure it promises.

Speed itself is never asserted here (machines are noisy); only that each step ran and
reported sane values, so the benchmark cannot rot between the runs that use it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian.bench.measure import StepFailed, run_step


def test_bench_runner_reports_every_step(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "dangjian.bench.run", "--sizes", "3", "--pdf-size", "0"]
    cmd += ["--steps", "convert,html,off,incremental,search,data", "--label", "tiny"]
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
    assert row["data_s"] > 0 and 0 < row["data_csv_mb"] and 0 < row["data_sqlite_mb"]
    table = (out / "results-tiny.md").read_text(encoding="utf-8")
    assert "| convert s |" in table and "N = 3" in table


#: A child that touches ``MB`` megabytes, one byte per page, so they are resident.
_ALLOCATE = "b = bytearray({mb} << 20)\nfor i in range(0, len(b), 4096):\n    b[i] = 1\n"


def test_each_step_reports_its_own_peak_memory(tmp_path: Path) -> None:
    # The runner holds 300 MB.  A child started straight from it (vfork) would report at least
    # that, whatever it used itself: Linux keeps the pre-exec memory's peak in ru_maxrss.
    held = bytearray(300 << 20)
    for i in range(0, len(held), 4096):
        held[i] = 1
    idle = run_step([sys.executable, "-c", "pass"], tmp_path)
    busy = run_step([sys.executable, "-c", _ALLOCATE.format(mb=200)], tmp_path)
    assert len(held) == 300 << 20  # still held while the steps ran
    assert idle.peak_mb < 100, idle
    assert 200 <= busy.peak_mb < 300, busy
    assert idle.seconds > 0 and busy.seconds > 0 and not list(tmp_path.iterdir())


def test_a_failing_step_is_reported_with_its_output(tmp_path: Path) -> None:
    with pytest.raises(StepFailed, match=r"exited 3 in .*\n.*oops"):
        run_step([sys.executable, "-c", "print('oops'); raise SystemExit(3)"], tmp_path)
    with pytest.raises(StepFailed, match="did not start"):
        run_step([str(tmp_path / "no-such-program")], tmp_path)

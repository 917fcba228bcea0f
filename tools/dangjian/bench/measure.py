"""Run one benchmark step as a child process: its wall time, its peak memory, its output.

``os.wait4`` gives the resource usage of that one child (and the children it waited
for, such as ``sphinx-build -j 2`` workers), so every step's peak memory is its own.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """What one step cost."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str


class StepFailed(RuntimeError):
    """A benchmark step exited non-zero; the message holds the end of its output."""


def run_step(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd`` to completion and measure it; raise :class:`StepFailed` if it fails."""
    log = cwd / ".bench-step.log"
    with log.open("w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    log.unlink(missing_ok=True)
    if proc.returncode != 0:
        tail = "\n".join(output.splitlines()[-20:])
        raise StepFailed(f"{' '.join(cmd)} exited {proc.returncode} in {cwd}:\n{tail}")
    return Measured(seconds, usage.ru_maxrss / 1024, proc.returncode, output)

"""Run one benchmark step as a child process: its wall time, its peak memory, its output.

A child's ``ru_maxrss`` is not only its own peak: at ``exec`` Linux records the peak of
the memory the child ran in until then.  ``subprocess`` starts children with ``vfork``,
which shares the parent's memory up to ``exec`` (``fork`` would copy its page counts),
so every step of a runner holding 600 MB reported a 600 MB peak, whatever it used.
``/proc/PID/status`` ``VmHWM`` is no way out: it is gone once the process has exited,
before it can be reaped.  So each step is started from a bare Python (:data:`SPAWNER`,
about 8 MB), which waits for it with ``os.wait4`` and reports what it cost: the step's
own peak (with the children it waited for, such as ``sphinx-build -j 2`` workers),
never below the spawner's 8 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Run as ``python -I -S -c SPAWNER REPORT CMD...``: starts CMD as ``subprocess`` would (ignored
#: signals restored, no file descriptor passed on), reaps it, writes "seconds maxrss_kB status" to REPORT.
SPAWNER = """import os, signal, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ, setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{seconds!r} {usage.ru_maxrss} {status}")
"""


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
    log, report = cwd / ".bench-step.log", cwd / ".bench-step.usage"
    report.unlink(missing_ok=True)
    spawner = [sys.executable, "-I", "-S", "-c", SPAWNER, str(report.resolve()), *cmd]
    with log.open("w+b") as out:
        subprocess.run(spawner, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    log.unlink(missing_ok=True)
    tail = "\n".join(output.splitlines()[-20:])
    if not report.exists():  # the spawner could not start the step
        raise StepFailed(f"{' '.join(cmd)} did not start in {cwd}:\n{tail}")
    seconds, maxrss_kb, status = report.read_text(encoding="utf-8").split()
    report.unlink()
    returncode = os.waitstatus_to_exitcode(int(status))
    if returncode != 0:
        raise StepFailed(f"{' '.join(cmd)} exited {returncode} in {cwd}:\n{tail}")
    return Measured(float(seconds), int(maxrss_kb) / 1024, returncode, output)

"""Keeping a run that writes pages safe from being stopped or run twice at once.

``dangjian convert`` plans every page before writing any, then writes each one
atomically (:func:`dangjian.pages.write_atomic`).  This module adds the rest:

* SIGTERM and SIGHUP stop a run the way Ctrl-C (SIGINT) does, by raising
  :class:`Interrupted`, so clean-up code runs instead of the process vanishing;
* while one page (and its backup) is written, those signals are held back and
  delivered just after, so a stop never falls between a backup and its page or
  leaves a temporary file behind;
* one run at a time per repository: a second run waits on a lock file for the
  first to finish, then plans afresh from what the first one wrote;
* every message is written whole (:func:`say`), so a stop never glues its own
  message onto half a progress line.
"""

from __future__ import annotations

import fcntl
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

#: Signals that stop a run; SIGINT already raises KeyboardInterrupt.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A run stopped by a signal; ``exit_code`` is the shell's 128 + signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`."""
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold stop signals back for the block; one that arrived meanwhile is delivered at its end."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def say(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` and its line break in one call.

    ``print`` writes the text and the line break separately, and a stop signal handled
    between the two put the stop message on the end of the cut-short line.  Signals are
    not held back here: a run blocked writing to a full pipe must still be stoppable.
    """
    (stream if stream is not None else sys.stdout).write(text + "\n")


def _running(pid: str) -> bool:
    """Whether ``pid`` (as read from the lock file) names a process that exists."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has ended, only its parent has not noticed (Linux; elsewhere trust kill)
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


@contextmanager
def exclusive_run(lock_file: Path, command: str) -> Iterator[None]:
    """Hold ``lock_file`` for the block, waiting (and saying so) while another run holds it.

    The lock is released by the kernel when the process ends, however it ends, so a
    killed run never leaves the repository locked.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    # Read-write without O_APPEND (which would put every write at the end, whatever the seek).
    with open(os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644), "r+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            # The holder writes its pid just after taking the lock: until then the file is
            # empty or names the run before it, which is over.  Name only a live process.
            who = f" (pid {holder})" if _running(holder) else ""
            say(f"{command}: waiting for another run{who} to finish", sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        # Overwrite, then cut: the file never reads as empty or as half a number.
        handle.seek(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        handle.truncate()
        yield

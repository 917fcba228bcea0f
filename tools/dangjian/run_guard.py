"""Keeping a run that writes pages safe from being stopped or run twice at once.

``dangjian convert`` plans every page before writing any, then writes each one
atomically (:func:`dangjian.pages.write_atomic`).  This module adds the rest:

* SIGTERM and SIGHUP stop a run the way Ctrl-C (SIGINT) does, by raising
  :class:`Interrupted`, so clean-up code runs instead of the process vanishing;
* while one page (and its backup) is written, those signals are held back and
  delivered just after, so a stop never falls between a backup and its page or
  leaves a temporary file behind;
* one run at a time per repository: a second run waits on a lock file for the
  first to finish, then plans afresh from what the first one wrote.
"""

from __future__ import annotations

import fcntl
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def exclusive_run(lock_file: Path, command: str) -> Iterator[None]:
    """Hold ``lock_file`` for the block, waiting (and saying so) while another run holds it.

    The lock is released by the kernel when the process ends, however it ends, so a
    killed run never leaves the repository locked.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(f"{command}: waiting for another run (pid {holder}) to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield

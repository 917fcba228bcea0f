"""Run a Python module with every file it opens recorded: ``python audited.py LOG -m MODULE ARGS…``.

Tests use it to prove that converting and building hostile sources never reads a
file outside the repository: an audit hook (PEP 578) sees every ``open`` the
interpreter makes (``open()``, ``os.open``, ``io.open``, C extensions going
through them) and every directory listing, and appends the path to LOG, one per
line, before the module runs.  Reads made by non-Python code (libyaml, OpenCC's
C++ core) are not seen; those libraries read only what Python hands them.
"""

from __future__ import annotations

import os
import runpy
import sys


def main() -> None:
    log_path, flag, module, *args = sys.argv[1:]
    if flag != "-m":
        raise SystemExit("usage: audited.py LOG -m MODULE [ARGS...]")
    log = open(log_path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115

    def hook(event: str, event_args: tuple) -> None:
        if event in ("open", "os.listdir", "os.scandir") and event_args and event_args[0] is not None:
            target = event_args[0]
            if isinstance(target, int):
                return  # an already open file descriptor
            if isinstance(target, bytes):
                target = os.fsdecode(target)
            log.write(f"{event}\t{os.path.abspath(str(target))}\n")
            log.flush()

    sys.addaudithook(hook)
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()

"""Stopping ``dangjian convert`` never leaves a half-written page, and two runs never mix.

Every test here runs the real command in a throw-away repository of about 200 generated
sources (:func:`dangjian.bench.generate.write_corpus`) plus the real seed sources, and stops
it with real signals; nothing is mocked.  The repository's pages are first converted once
("old"), then every source gains a paragraph, so that a run updates every page; the
expected "new" page of every source is taken from a complete run on a copy.  So both
possible texts of every page are known byte for byte, and the tests prove:

* SIGINT, SIGTERM and SIGHUP, whether they land while the run plans (early, or while it
  reads the very last source), while it writes pages, while it is held up printing, or
  while one page is half written: the run exits with 128 + the signal number (130 for
  Ctrl-C) and says that every page is either as it was or fully written; and so it is.
  Every page equals exactly its old or its new text, the new ones are exactly the first
  pages in the order the run writes them, the run's ``updated`` lines name exactly those
  (perhaps but one, when the signal came right after a page was written), no page is
  missing or extra, and no temporary file is left.  A signal that arrives while a page's
  temporary file exists is held back until that page is fully written.  A plain re-run
  then finishes the job: exit 0, every page new.
* SIGKILL cannot be held back: pages are still old or new, and a temporary file may be
  left (the test freezes the run while one exists, so one is); the next run deletes every
  leftover, in the pages folder and among the backups, says so, and writes every page.
* ``--force`` stopped between backing up a hand-edited page and overwriting it: every backup
  is exactly an edited text, an edited page is still the edited text or has such a backup,
  and the signal waits until the page the backup belongs to is written.  No edit is lost.
* Two runs at once on one repository: one waits for the other (and says so, naming it),
  then plans from what the first wrote, so it finds every page up to date.  A waiting run
  that is stopped just goes away.
* Sources are never modified.

How the timing is made deterministic rather than hoped for:

* the run's stdout is a pipe shrunk to one memory page (``F_SETPIPE_SZ``).  The run prints
  a line per page it writes and cannot exit before the test has read nearly all of them,
  so after the test has read N lines the run is provably still writing (and at most a
  pipe's worth of lines ahead); if the test stops reading, the run is held mid-writing;
* a moment of planning (the first source opened, or the last) or inside the writing of one
  page (text written into a page's temporary file, or a backup renamed into place before its
  page is overwritten) is caught, not hoped for: the test sleeps on inotify for that
  folder, sharing one CPU with the run, which is at idle priority; the run's own system call
  wakes the test, the kernel switches to it at once, and its SIGSTOP freezes the run before
  the run executes another instruction.  The test checks on disk that the moment is there
  (a catch too late lets the run go on to the next one); the signal under test is sent to
  the frozen run, and SIGCONT lets it go on.

Two flaws these tests once showed are fixed, and the tests hold them fixed: a run that waits
for another named "?" or a run that was over (it now names only a live process, or none), and
a signal handled between ``print``'s text and its newline glued the stop message onto a
cut-short progress line (every message is now written in one call, so the stop message is
always a line of its own).

Linux only (``F_SETPIPE_SZ``, ``/proc``).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import pytest

from conftest import child_env, dangjian_command, run_dangjian
from dangjian.bench.generate import write_corpus
from dangjian.layout import ARTICLES, BACKUPS, LOCK_FILE
from dangjian.pages.write import is_edited

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(fcntl, "F_SETPIPE_SZ"),
    reason="needs Linux pipes (F_SETPIPE_SZ) and /proc",
)

ROOT = Path(__file__).resolve().parents[1]
#: Generated sources (each run writes for a fraction of a second) and their corpus seed.
GENERATED = 200
CORPUS_SEED = 20240
#: Appended to every source, so that a second run updates every page.
NEW_PARAGRAPH = (
    "追加段落：第{n}网格党支部把居民议事会开到楼栋门口，驻村工作队逐户走访、当场解决群众急难愁盼问题。"
)
#: Appended to a page by hand: the page then counts as edited and only --force overwrites it.
EDIT = "\n编者补记：本页经人工校订，这段文字不能丢。\n"
#: A source sorted last: the run opens it when it has planned every other page.
PROBE = "zzz-probe"

TEMPORARY = ".*.tmp"
INTERRUPTED = "dangjian: interrupted by {}; every page is either as it was or fully written"
WAITING = "dangjian convert: waiting for another run (pid {}) to finish"
#: The pid is left out when the lock file does not (yet) name a live process.
WAITING_PATTERN = re.compile(r"^dangjian convert: waiting for another run(?: \(pid (\d+)\))? to finish$")
REMOVED = "removed {}, left by an interrupted run"
BACKUP_NAME = re.compile(r"^(?P<stem>.+)\.\d{8}T\d{6}(?:-\d+)?\.md$")
WRITTEN_LINE = re.compile(rf"^(?:updated|created) {ARTICLES}/(\S+)$|^overwrote {ARTICLES}/(\S+?): ")
SUMMARY = re.compile(r"^dangjian convert: (\d+) source\(s\): (.*)$")
#: Unbuffered, so that each line the run prints reaches the pipe as it prints it.
UNBUFFERED = {"PYTHONUNBUFFERED": "1"}
#: Longest the tests wait for any one thing before failing (a hang is a failure, not a stall).
PATIENCE = 120.0


def run_to_end(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A complete, undisturbed run; it must succeed."""
    result = run_dangjian("convert", "--root", str(repo), *args, cwd=repo, env=UNBUFFERED, timeout=PATIENCE)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def summary_counts(stdout: str) -> tuple[int, dict[str, int]]:
    """The run's last line, ``dangjian convert: N source(s): 3 updated, 2 unchanged``, as numbers."""
    match = SUMMARY.match(stdout.splitlines()[-1])
    assert match, stdout[-500:]
    counts = {what: int(n) for n, what in re.findall(r"(\d+) (\w+)", match.group(2))}
    return int(match.group(1)), counts


def wait_until(condition: Callable[[], object], what: str, timeout: float = PATIENCE) -> None:
    """Poll ``condition`` (a state of the world, not a guess at timing) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.002)


def temporaries(repo: Path) -> list[Path]:
    """Every temporary file of :func:`dangjian.pages.write.write_atomic` anywhere in the repository."""
    return sorted(
        Path(folder) / name
        for folder, _dirs, files in os.walk(repo)
        for name in files
        if fnmatch(name, TEMPORARY)
    )


def proc_state(pid: int) -> str:
    """The one-letter state of a process (``R``, ``S``, ``D``, ``T`` stopped, ``Z``), ``-`` if gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return "-"
    return stat.rsplit(")", 1)[1].split()[0]


# --- a run the test can read line by line and stop at a chosen moment ------------------------


class Run:
    """``dangjian convert`` with its stdout in a one-page pipe the test reads, stderr in a file."""

    def __init__(self, repo: Path, log_dir: Path, *args: str) -> None:
        read_end, write_end = os.pipe()
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
        self.pipe_size: int = fcntl.fcntl(read_end, fcntl.F_GETPIPE_SZ)
        log_dir.mkdir(parents=True, exist_ok=True)
        self.stderr_path = log_dir / f"convert-{time.monotonic_ns()}.stderr"
        with self.stderr_path.open("wb") as stderr:
            self.proc = subprocess.Popen(
                dangjian_command("convert", "--root", str(repo), *args),
                cwd=repo,
                env=child_env(**UNBUFFERED),
                stdin=subprocess.DEVNULL,
                stdout=write_end,
                stderr=stderr,
                process_group=0,  # its own group, but this session: see sharing_one_cpu
            )
        os.close(write_end)
        self.pid: int = self.proc.pid
        self.fd = read_end
        self.partial = b""
        self.lines: list[str] = []
        self.eof = False
        #: Freezes that came after the moment they were meant to catch.
        self.misses = 0

    def read_available(self, timeout: float = 0.0) -> None:
        """Take whatever the pipe holds (waiting up to ``timeout`` for something)."""
        if self.eof:
            return
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.eof = True
            return
        *complete, self.partial = (self.partial + chunk).split(b"\n")
        self.lines += [line.decode("utf-8") for line in complete]

    def read_until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while not condition():
            if self.eof:
                pytest.fail(f"the run ended before {what}: {self.stderr()}")
            if time.monotonic() > deadline:
                pytest.fail(f"gave up waiting for {what}")
            self.read_available(0.05)

    def written(self) -> list[str]:
        """Pages the run has reported written (complete lines only), in order."""
        names = []
        for line in self.lines:
            match = WRITTEN_LINE.match(line)
            if match:
                names.append(match.group(1) or match.group(2))
        return names

    def pipe_bytes(self) -> int:
        """How much the run has printed that the test has not read yet."""
        return int.from_bytes(fcntl.ioctl(self.fd, termios.FIONREAD, b"\0\0\0\0"), sys.byteorder)

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def send(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def freeze(self) -> bool:
        """SIGSTOP the run and wait until it is stopped; False if it has ended instead."""
        self.send(signal.SIGSTOP)
        deadline = time.monotonic() + PATIENCE
        while (state := proc_state(self.pid)) not in ("T", "t"):
            if state in ("Z", "X", "-"):
                return False
            if time.monotonic() > deadline:
                pytest.fail(f"run {self.pid} did not stop (state {state})")
            time.sleep(0.0001)  # a run at idle priority on this CPU needs it to take the signal
        return True

    def finish(self) -> int:
        """Read everything the run still prints, then its exit status (negative: killed by a signal)."""
        deadline = time.monotonic() + PATIENCE
        while not self.eof:
            if time.monotonic() > deadline:
                pytest.fail(f"run {self.pid} did not end: {self.stderr()}")
            self.read_available(0.1)
        if self.partial:
            self.lines.append(self.partial.decode("utf-8", errors="replace"))
            self.partial = b""
        try:
            return self.proc.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            pytest.fail(f"run {self.pid} closed its output but did not exit")

    def close(self) -> None:
        """End the run if a failed test left it going (this process started it), and free the pipe."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


# --- the repository: old pages, new pages, and how to tell them apart ------------------------


@dataclass
class Corpus:
    repo: Path
    log_dir: Path
    #: Page file names in the order a run writes them (the sorted order of the sources).
    order: list[str] = field(repr=False)
    old: dict[str, bytes] = field(repr=False)
    new: dict[str, bytes] = field(repr=False)
    sources: dict[str, bytes] = field(repr=False)

    @property
    def articles(self) -> Path:
        return self.repo / ARTICLES

    def reset(self) -> None:
        """Every page back to its old text; no backups, no temporary files."""
        shutil.rmtree(self.articles)
        self.articles.mkdir()
        for name, data in self.old.items():
            (self.articles / name).write_bytes(data)
        shutil.rmtree(self.repo / BACKUPS, ignore_errors=True)
        for leftover in temporaries(self.repo):
            leftover.unlink()

    def run(self, *args: str) -> Run:
        return Run(self.repo, self.log_dir, *args)

    def line_bytes(self, name: str) -> int:
        return len(f"updated {ARTICLES}/{name}\n".encode())

    def assert_sources_untouched(self) -> None:
        assert snapshot(self.repo / "sources") == self.sources, "a run modified sources/"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    base = tmp_path_factory.mktemp("interrupt")
    repo = base / "repo"
    write_corpus(repo / "sources", GENERATED, CORPUS_SEED)
    for seed in sorted((ROOT / "sources").iterdir()):
        if seed.is_file():
            shutil.copy2(seed, repo / "sources" / seed.name)
    first = run_to_end(repo)
    old = {p.name: p.read_bytes() for p in sorted((repo / ARTICLES).glob("*.md"))}
    for n, source in enumerate(sorted((repo / "sources").glob("*.txt")), start=1):
        with source.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write("\n\n" + NEW_PARAGRAPH.format(n=n) + "\n")
    expected = base / "expected"
    shutil.copytree(repo, expected)
    second = run_to_end(expected)
    new = {p.name: p.read_bytes() for p in sorted((expected / ARTICLES).glob("*.md"))}
    order = [match[1] for match in map(WRITTEN_LINE.match, second.stdout.splitlines()) if match]
    shutil.rmtree(expected)

    total = GENERATED + len(list((ROOT / "sources").glob("*.txt")))
    assert summary_counts(first.stdout) == (total, {"created": total})
    assert summary_counts(second.stdout) == (total, {"updated": total})
    assert sorted(order) == sorted(old) == sorted(new) and len(order) == total
    assert all(old[name] != new[name] for name in order), "every page must change on the second run"
    return Corpus(repo, base / "logs", order, old, new, snapshot(repo / "sources"))


@pytest.fixture
def repo(corpus: Corpus) -> Iterator[Corpus]:
    """The module's repository with every page old; the sources are checked afterwards too."""
    corpus.reset()
    yield corpus
    corpus.assert_sources_untouched()


@pytest.fixture
def runs(corpus: Corpus) -> Iterator[Callable[..., Run]]:
    """Start runs that are ended (by pid) however the test ends."""
    started: list[Run] = []

    def start(*args: str) -> Run:
        run = corpus.run(*args)
        started.append(run)
        return run

    yield start
    for run in started:
        if proc_state(run.pid) in ("T", "t"):
            os.kill(run.pid, signal.SIGCONT)
        run.close()


@contextmanager
def probe_source(repo: Path) -> Iterator[Path]:
    """Add a source sorted last: a run opens it when it has planned every other page."""
    source = repo / "sources" / f"{PROBE}.txt"
    shutil.copyfile(ROOT / "sources" / "000-tongjiang.txt", source)
    try:
        yield source
    finally:
        source.unlink()


def temporary_page(repo: Corpus) -> str | None:
    """The page whose temporary file exists right now (the run is inside ``write_atomic``)."""
    for path in repo.articles.iterdir():
        if fnmatch(path.name, TEMPORARY):
            return page_of_temporary(path.name)
    return None


def page_of_temporary(name: str) -> str:
    """``.b00001-x.md.k3j_9a.tmp`` → ``b00001-x.md``."""
    return name[1:].rsplit(".", 2)[0]


#: inotify event kinds (``<sys/inotify.h>``): a file written to, opened, renamed into the folder.
IN_MODIFY = 0x002
IN_OPEN = 0x020
IN_MOVED_TO = 0x080
_INOTIFY_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of name


class FolderWatch:
    """inotify on one folder: the test sleeps until the run writes or renames a file there.

    The standard library has no inotify; these are the three libc calls it takes.
    """

    def __init__(self, folder: Path, mask: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd: int = libc.inotify_init1(os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, os.fsencode(folder), mask) < 0:
            raise OSError(ctypes.get_errno(), f"inotify on {folder}")

    def names(self) -> list[str]:
        """The files named by the events waiting (call when :func:`select.select` says some are)."""
        data, names, offset = os.read(self.fd, 65536), [], 0
        while offset < len(data):
            _wd, _mask, _cookie, length = _INOTIFY_EVENT.unpack_from(data, offset)
            offset += _INOTIFY_EVENT.size
            names.append(os.fsdecode(data[offset : offset + length].rstrip(b"\0")))
            offset += length
        return names

    def close(self) -> None:
        os.close(self.fd)


@contextmanager
def sharing_one_cpu() -> Iterator[Callable[[int], None]]:
    """Yield a function that puts a process on this test's CPU, at idle priority.

    Both on one CPU, with the run at ``SCHED_IDLE``: the moment the run's system call wakes
    the test (an inotify event), the kernel lets the test run instead, and the run executes
    no further instruction of its own before the test's SIGSTOP reaches it.  On two CPUs the
    run would go on in parallel and be stopped tens of microseconds too late.  The run must
    stay in the test's session: with autogroup scheduling a new session is a scheduling group
    of its own, and groups are weighed against each other with the run's policy not counting.
    Where the policy does count, a CPU kept busy by others would starve an idle-priority run,
    so each run is put back to normal priority once it has been caught.
    """
    mine = os.sched_getaffinity(0)
    cpu = {min(mine)}
    os.sched_setaffinity(0, cpu)
    joined: list[int] = []

    def join(pid: int) -> None:
        os.sched_setaffinity(pid, cpu)
        os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
        joined.append(pid)

    try:
        yield join
    finally:
        os.sched_setaffinity(0, mine)
        for pid in joined:  # once caught, the run goes on at normal priority, on any CPU
            with suppress(ProcessLookupError, PermissionError):
                os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
                os.sched_setaffinity(pid, mine)


def page_half_written(repo: Corpus) -> tuple[Path, int, str]:
    """The moment :func:`dangjian.pages.write.write_atomic` has written text into a page's temporary file."""
    return repo.articles, IN_MODIFY, TEMPORARY


def catch(
    run: Run, watch: FolderWatch, pattern: str, caught: Callable[[], str | None], skip: int
) -> str | None:
    """Freeze the run the instant it touches a file matching ``pattern``, until ``caught()`` names a page.

    The first ``skip`` such events are let pass, so that some pages are written before.  The
    run is left frozen then; None when the run ended first.  The test keeps reading the run's
    output, so it is never held up printing meanwhile.
    """
    seen = 0
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        waiting = [watch.fd] + ([] if run.eof else [run.fd])
        ready, _, _ = select.select(waiting, [], [], 0.5)
        if watch.fd not in ready:
            run.read_available()
            if run.eof and run.proc.poll() is not None:
                return None
            continue
        seen += sum(fnmatch(name, pattern) for name in watch.names())
        if seen <= skip:
            continue
        if not run.freeze():
            return None
        found = caught()
        if found is not None:
            return found
        run.misses += 1
        run.send(signal.SIGCONT)
    pytest.fail(f"gave up after {PATIENCE:.0f} s catching run {run.pid} at {pattern}")


def catch_in_fresh_runs(
    repo: Corpus,
    runs: Callable[..., Run],
    moment: tuple[Path, int, str],
    caught: Callable[[], str | None],
    *args: str,
    skip: int,
    prepare: Callable[[], None] = lambda: None,
    tries: int = 3,
) -> tuple[Run, str]:
    """Start a run and :func:`catch` it at ``moment`` (folder, inotify mask, file pattern).

    The run is left frozen where ``caught`` names a page.  A catch that comes too late (the
    moment already past when the run stopped) lets the run go on to the next such event; a run
    that ends first is replaced by a fresh one, the repository reset (and ``prepare`` done
    again), up to ``tries`` runs.  What is asserted once a run is caught does not change.
    """
    folder, mask, pattern = moment
    misses = 0
    for attempt in range(tries):
        if attempt:
            repo.reset()
        prepare()
        watch = FolderWatch(folder, mask)
        try:
            with sharing_one_cpu() as join:
                run = runs(*args)
                join(run.pid)
                page = catch(run, watch, pattern, caught, skip)
        finally:
            watch.close()
        if page is not None:
            return run, page
        misses += run.misses
        run.finish()
    pytest.fail(f"never caught a run at the moment wanted ({tries} runs, {misses} freezes too late)")


# --- what must hold after any stop -----------------------------------------------------------


def page_states(repo: Corpus, edited: dict[str, bytes] | None = None) -> list[str]:
    """``old``, ``new`` or ``edited`` for every page in writing order; anything else fails."""
    edited = edited or {}
    present = sorted(p.name for p in repo.articles.iterdir() if not p.name.startswith("."))
    assert present == sorted(repo.order), (
        f"missing {sorted(set(repo.order) - set(present))}, extra {sorted(set(present) - set(repo.order))}"
    )
    states = []
    for name in repo.order:
        data = (repo.articles / name).read_bytes()
        if data == repo.new[name]:
            states.append("new")
        elif name in edited and data == edited[name]:
            states.append("edited")
        elif name not in edited and data == repo.old[name]:
            states.append("old")
        else:
            pytest.fail(f"{name} is neither its old nor its new text ({len(data)} bytes): a partial page")
    written = states.count("new")
    assert states[:written] == ["new"] * written, f"pages were not written in order: {states}"
    return states


def check_stopped(
    repo: Corpus, run: Run, status: int, signum: int, edited: dict[str, bytes] | None = None
) -> list[str]:
    """Everything a stopped run must leave true; returns the page states."""
    stderr = run.stderr()
    name = signal.Signals(signum).name
    assert status == 128 + signum, f"exit status {status} after {name}: {stderr}"
    # A line of its own, never glued onto a cut-short progress line.
    assert stderr.splitlines()[-1] == INTERRUPTED.format(name), stderr
    assert all(line == INTERRUPTED.format(name) or "interrupted" not in line for line in stderr.splitlines())
    assert "Traceback" not in stderr, stderr
    assert temporaries(repo.repo) == [], "a stopped run left temporary files"
    states = page_states(repo, edited)
    reported = run.written()
    written = states.count("new")
    assert reported == repo.order[: len(reported)], "the run reported pages out of order"
    # A page is written, then reported: a signal arriving in between leaves one page unreported.
    assert written - len(reported) in (0, 1), f"{written} pages new but {len(reported)} reported"
    repo.assert_sources_untouched()
    return states


def check_rerun(repo: Corpus, states: list[str], leftovers: list[Path] | None = None) -> None:
    """A plain run after a stop removes exactly the ``leftovers``, writes the pages still old, finds the rest done."""
    result = run_to_end(repo.repo)
    assert not any(WAITING_PATTERN.match(line) for line in result.stderr.splitlines()), result.stderr
    removed = sorted(line for line in result.stderr.splitlines() if line.startswith("removed "))
    assert removed == sorted(REMOVED.format(p.relative_to(repo.repo).as_posix()) for p in leftovers or [])
    expected = {"updated": states.count("old"), "unchanged": states.count("new")}
    assert summary_counts(result.stdout) == (len(repo.order), {k: n for k, n in expected.items() if n})
    assert page_states(repo) == ["new"] * len(repo.order)
    assert temporaries(repo.repo) == []
    repo.assert_sources_untouched()


def pages_ahead(repo: Corpus, read: int, pipe_size: int) -> int:
    """The most pages a run can have written when the test has read ``read`` of its lines.

    It cannot have printed more than a pipe's worth beyond them, plus the line it is
    printing and the page it wrote just before that line.
    """
    room, ahead = pipe_size, 0
    for name in repo.order[read:]:
        room -= repo.line_bytes(name)
        if room < 0:
            break
        ahead += 1
    return read + ahead + 2


#: Pages written before a run is caught, so that a stop leaves some pages new and some old.
PAGES_BEFORE = 8
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
signal_ids = [s.name for s in STOP_SIGNALS]


# --- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "signum"),
    [
        ("early", signal.SIGINT),
        ("early", signal.SIGTERM),
        ("early", signal.SIGHUP),
        ("last-source", signal.SIGTERM),
    ],
    ids=["early-SIGINT", "early-SIGTERM", "early-SIGHUP", "last-source-SIGTERM"],
)
def test_stop_while_planning_writes_nothing(
    repo: Corpus, runs: Callable[..., Run], signum: signal.Signals, moment: str
) -> None:
    """Planning is all reading: a stop there leaves every page as it was."""
    first_page = repo.articles / repo.order[0]

    def still_planning() -> str | None:
        """Nothing written yet (pages are written in order, each through a temporary file)."""
        return (
            PROBE
            if first_page.read_bytes() == repo.old[repo.order[0]] and not temporaries(repo.repo)
            else None
        )

    with probe_source(repo.repo) as probe:
        opened = "*.txt" if moment == "early" else probe.name  # the first source, or the last
        sources = (repo.repo / "sources", IN_OPEN, opened)
        run, _ = catch_in_fresh_runs(repo, runs, sources, still_planning, skip=0)
        if moment == "last-source":
            total = len(repo.order) + 1
            assert f"converting {total}/{total}" in run.stderr().splitlines()
        run.send(signum)
        run.send(signal.SIGCONT)
        status = run.finish()
    states = check_stopped(repo, run, status, signum)
    assert states == ["old"] * len(repo.order)
    assert run.lines == []


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=signal_ids)
def test_stop_while_writing(repo: Corpus, runs: Callable[..., Run], signum: signal.Signals) -> None:
    """Stopped while it writes page after page: every page old or new, and some of each."""
    run = runs()
    read = 60
    run.read_until(lambda: len(run.written()) >= read, f"{read} pages written")
    run.send(signum)
    limit = pages_ahead(repo, read, run.pipe_size)
    assert limit < len(repo.order), "too few sources for the run to be surely still writing"
    status = run.finish()
    states = check_stopped(repo, run, status, signum)
    assert read <= states.count("new") <= limit
    assert "old" in states


def test_stop_while_held_up_printing(repo: Corpus, runs: Callable[..., Run]) -> None:
    """Ctrl-C while it waits to print (as when its output goes to a pager nobody scrolls): the same."""
    signum = signal.SIGINT
    run = runs()
    run.read_until(lambda: len(run.written()) >= 1, "the first page written")
    longest = max(repo.line_bytes(name) for name in repo.order)
    wait_until(lambda: run.pipe_bytes() > run.pipe_size - longest, "the run's output pipe to fill up")
    run.send(signum)
    status = run.finish()
    states = check_stopped(repo, run, status, signum)
    assert 1 <= states.count("new") <= pages_ahead(repo, 1, run.pipe_size) < len(repo.order)


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=signal_ids)
def test_stop_while_a_page_is_half_written(
    repo: Corpus, runs: Callable[..., Run], signum: signal.Signals
) -> None:
    """A signal arriving while a page's temporary file exists waits until that page is written.

    Then a plain re-run finishes the job.
    """
    run, page = catch_in_fresh_runs(
        repo, runs, page_half_written(repo), lambda: temporary_page(repo), skip=PAGES_BEFORE
    )
    assert (repo.articles / page).read_bytes() == repo.old[page]
    run.send(signum)  # the run is frozen inside write_atomic, where stop signals are held back
    run.send(signal.SIGCONT)
    status = run.finish()
    states = check_stopped(repo, run, status, signum)
    assert states[repo.order.index(page)] == "new", f"{page} was left old: the signal was not held back"
    assert states.count("new") == repo.order.index(page) + 1, "the run went on after the held-back signal"
    check_rerun(repo, states)


def test_sigkill_leftovers_are_cleaned_up_by_the_next_run(repo: Corpus, runs: Callable[..., Run]) -> None:
    """SIGKILL cannot be held back; the next run removes what it left and writes every page."""
    run, page = catch_in_fresh_runs(
        repo, runs, page_half_written(repo), lambda: temporary_page(repo), skip=PAGES_BEFORE
    )
    run.send(signal.SIGKILL)
    status = run.finish()
    assert status == -signal.SIGKILL
    states = page_states(repo)
    assert "old" in states and "new" in states
    left = temporaries(repo.repo)
    assert [page_of_temporary(p.name) for p in left] == [page]
    assert left[0].stat().st_size > 0, "caught before the page's text was written"
    assert page == repo.order[states.count("new")], "the temporary file is not the next page's"
    assert repo.new[page].startswith(left[0].read_bytes()), "the temporary file holds something else"
    # A killed --force run can leave one among the backups too.
    backups = repo.repo / BACKUPS
    backups.mkdir(parents=True, exist_ok=True)
    stray_backup = backups / f".{page}.b4ckup.tmp"
    stray_backup.write_bytes(repo.old[page][:50])
    left.append(stray_backup)
    assert (repo.repo / LOCK_FILE).read_text() == f"{run.pid}\n"  # the dead run's pid stays behind

    check_rerun(repo, states, left)
    assert sorted(backups.iterdir()) == []


def test_force_stopped_between_backup_and_page_loses_no_edit(repo: Corpus, runs: Callable[..., Run]) -> None:
    """``--force`` saves an edited page before overwriting it; a stop never separates the two."""
    edited = {name: repo.old[name] + EDIT.encode() for name in repo.order[2::4]}

    def edit_pages() -> None:
        for name, data in edited.items():
            (repo.articles / name).write_bytes(data)
            assert is_edited(data.decode("utf-8")), "the hand edit must make the page count as edited"

    backups = repo.repo / BACKUPS

    def backup_without_its_page() -> str | None:
        """An edited page that is backed up but not yet overwritten."""
        if not backups.is_dir():
            return None
        for path in backups.iterdir():
            match = BACKUP_NAME.match(path.name)
            page = f"{match['stem']}.md" if match else ""
            if page in edited and (repo.articles / page).read_bytes() == edited[page]:
                return page
        return None

    run, page = catch_in_fresh_runs(
        repo,
        runs,
        (backups, IN_MOVED_TO, "*.md"),
        backup_without_its_page,
        "--force",
        skip=2,
        prepare=edit_pages,
    )
    run.send(signal.SIGTERM)
    run.send(signal.SIGCONT)
    status = run.finish()
    states = check_stopped(repo, run, status, signal.SIGTERM, edited)

    assert states[repo.order.index(page)] == "new", f"{page} was backed up but not overwritten"
    saved: dict[str, list[bytes]] = {}
    for path in sorted(backups.iterdir()):
        match = BACKUP_NAME.match(path.name)
        assert match, f"unexpected file among the backups: {path.name}"
        saved.setdefault(f"{match['stem']}.md", []).append(path.read_bytes())
    for name, texts in saved.items():
        assert name in edited and texts == [edited[name]], f"backup of {name} is not its edited text"
    for name, state in zip(repo.order, states, strict=True):
        if name in edited:
            assert state in ("edited", "new")
            # Backed up exactly when overwritten: the edit is either still the page or in the backup.
            assert (name in saved) == (state == "new"), f"{name}: {state}, backup: {name in saved}"
    for line in run.lines:
        if line.startswith("overwrote "):
            assert (repo.repo / line.rsplit("backup at ", 1)[1]).is_file(), line
    assert any(state == "edited" for state in states), "the stop should leave some edited pages to do"


def test_a_second_run_waits_for_the_first_and_plans_afresh(repo: Corpus, runs: Callable[..., Run]) -> None:
    """A run started while another holds the lock waits, names it, then finds every page done."""
    first = runs()
    lock = repo.repo / LOCK_FILE
    wait_until(
        lambda: lock.is_file() and lock.read_text() == f"{first.pid}\n", "the first run to take the lock"
    )
    second, third = runs(), runs()
    # The first run cannot finish: nobody reads its output.
    wait_until(lambda: WAITING.format(first.pid) in second.stderr(), "the second run to wait")
    wait_until(lambda: WAITING.format(first.pid) in third.stderr(), "the third run to wait")
    assert second.stderr().splitlines() == [WAITING.format(first.pid)], "it must not plan while waiting"
    assert first.proc.poll() is None

    third.send(signal.SIGTERM)  # a waiting run that is stopped just goes away
    assert third.finish() == 128 + signal.SIGTERM
    assert third.stderr().splitlines() == [WAITING.format(first.pid), INTERRUPTED.format("SIGTERM")]
    assert third.lines == []

    assert first.finish() == 0
    assert second.finish() == 0
    total = len(repo.order)
    assert summary_counts("\n".join(first.lines)) == (total, {"updated": total})
    assert summary_counts("\n".join(second.lines)) == (total, {"unchanged": total})
    assert second.written() == []
    assert not any(WAITING_PATTERN.match(line) for line in first.stderr().splitlines())
    assert page_states(repo) == ["new"] * total
    assert temporaries(repo.repo) == []
    repo.assert_sources_untouched()


def test_two_runs_started_together(repo: Corpus, runs: Callable[..., Run]) -> None:
    """Started within milliseconds: exactly one waits for the other, and the pages come out right."""
    started = time.monotonic()
    a, b = runs(), runs()
    assert time.monotonic() - started < 1.0
    # Neither can finish while the test reads neither's output, so one of them must end up waiting.
    wait_until(lambda: "waiting for another run" in a.stderr() + b.stderr(), "one run to wait for the other")
    loser, winner = (a, b) if "waiting for another run" in a.stderr() else (b, a)
    assert winner.finish() == 0
    assert loser.finish() == 0
    waiting = [line for run in (a, b) for line in run.stderr().splitlines() if WAITING_PATTERN.match(line)]
    assert waiting == [line for line in loser.stderr().splitlines() if WAITING_PATTERN.match(line)]
    assert len(waiting) == 1
    # It names the winner, or nobody when it read the lock file before the winner wrote its pid.
    match = WAITING_PATTERN.match(waiting[0])
    assert match
    assert match[1] in (str(winner.pid), None), waiting[0]
    total = len(repo.order)
    assert summary_counts("\n".join(winner.lines)) == (total, {"updated": total})
    assert summary_counts("\n".join(loser.lines)) == (total, {"unchanged": total})
    assert page_states(repo) == ["new"] * total
    assert temporaries(repo.repo) == []
    repo.assert_sources_untouched()


@pytest.mark.parametrize("in_lock_file", ["pid of a finished run", "nothing"])
def test_a_waiting_run_names_a_run_that_exists(
    repo: Corpus, runs: Callable[..., Run], in_lock_file: str
) -> None:
    """What two runs started together hit about one time in ten, made deterministic.

    The winner of the lock writes its pid a few microseconds after taking the lock; a run failing
    to take it in that window reads the previous run's pid or an empty file, and must not name
    that.  Here the test itself holds the lock in exactly that state, then writes its pid as the
    winner would.
    """
    lock = repo.repo / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    lock.write_text(f"{finished.pid}\n" if in_lock_file != "nothing" else "")
    with lock.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # just taken, pid not yet written
        run = runs(str(repo.repo / "sources" / repo.order[0].replace(".md", ".txt")))
        wait_until(lambda: "waiting for another run" in run.stderr(), "the run to wait")
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
    assert run.finish() == 0
    line = run.stderr().splitlines()[0]
    assert line == "dangjian convert: waiting for another run to finish", line

"""Stopping ``dangjian convert`` never leaves a half-written page, and two runs never mix.

Every test here runs the real command in a throw-away repository of about 200 generated
sources (:func:`dangjian.bench.corpus.write_corpus`) plus the real seed sources, and stops
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
* a source whose sidecar is a named pipe (FIFO) holds the run inside planning for as long
  as the test likes: reading the sidecar blocks until the test opens the FIFO's other end;
* SIGSTOP freezes the run, again and again, until the moment of interest is on disk (a
  temporary file, or a backup whose page is not yet overwritten); the signal under test is
  sent to the frozen run, and SIGCONT lets it go on.

Two flaws these tests once showed are fixed, and the tests hold them fixed: a run that waits
for another named "?" or a run that was over (it now names only a live process, or none), and
a signal handled between ``print``'s text and its newline glued the stop message onto a
cut-short progress line (every message is now written in one call, so the stop message is
always a line of its own).

Linux only (``F_SETPIPE_SZ``, ``/proc``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import pytest

from dangjian.bench.corpus import write_corpus
from dangjian.layout import ARTICLES, BACKUPS, LOCK_FILE
from dangjian.pages import is_edited

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
#: The source, sorted last, whose sidecar is a FIFO that holds the run in planning.
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
ENV = {
    **os.environ,
    "PYTHONUNBUFFERED": "1",
    "PYTHONUTF8": "1",
    "PYTHONIOENCODING": "utf-8",
    "NO_COLOR": "1",
}
#: Longest the tests wait for any one thing before failing (a hang is a failure, not a stall).
PATIENCE = 120.0


def command(repo: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "dangjian", "convert", "--root", str(repo), *args]


def run_to_end(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A complete, undisturbed run; it must succeed."""
    result = subprocess.run(
        command(repo, *args),
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=PATIENCE,
        check=False,
    )
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
    """Every temporary file of :func:`dangjian.pages.write_atomic` anywhere in the repository."""
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
                command(repo, *args),
                cwd=repo,
                env=ENV,
                stdin=subprocess.DEVNULL,
                stdout=write_end,
                stderr=stderr,
                start_new_session=True,
            )
        os.close(write_end)
        self.pid: int = self.proc.pid
        self.fd = read_end
        self.partial = b""
        self.lines: list[str] = []
        self.eof = False
        self.freezes = 0

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
        self.freezes += 1
        deadline = time.monotonic() + PATIENCE
        while (state := proc_state(self.pid)) not in ("T", "t"):
            if state in ("Z", "X", "-"):
                return False
            if time.monotonic() > deadline:
                pytest.fail(f"run {self.pid} did not stop (state {state})")
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
def planning_held(repo: Path) -> Iterator[Path]:
    """Add a last source whose sidecar is a FIFO: a run cannot get past reading it until the test lets it."""
    source = repo / "sources" / f"{PROBE}.txt"
    fifo = repo / "sources" / f"{PROBE}.meta.yaml"
    shutil.copyfile(ROOT / "sources" / "000-tongjiang.txt", source)
    os.mkfifo(fifo)
    try:
        yield fifo
    finally:
        source.unlink()
        fifo.unlink()


def open_fifo_writer(fifo: Path, run: Run) -> int:
    """Open the FIFO's writing end once the run has opened it for reading (the run then blocks reading)."""
    fd = -1

    def opened() -> bool:
        nonlocal fd
        assert run.proc.poll() is None, f"the run ended before reading the sidecar FIFO: {run.stderr()}"
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: nobody has it open for reading yet
                raise
            return False
        return True

    wait_until(opened, "the run to read the FIFO sidecar")
    return fd


def temporary_page(repo: Corpus) -> str | None:
    """The page whose temporary file exists right now (the run is inside ``write_atomic``)."""
    for path in repo.articles.iterdir():
        if fnmatch(path.name, TEMPORARY):
            return page_of_temporary(path.name)
    return None


def page_of_temporary(name: str) -> str:
    """``.b00001-x.md.k3j_9a.tmp`` → ``b00001-x.md``."""
    return name[1:].rsplit(".", 2)[0]


def hunt(run: Run, caught: Callable[[], str | None], read_up_to: int, attempts: int = 20_000) -> str | None:
    """Freeze the run again and again until ``caught()`` names a page; the run is left frozen then.

    The test reads the run's output only up to ``read_up_to`` pages, so the run cannot finish
    meanwhile; None when it was never caught (the run is then running, held by its output).
    """
    for _ in range(attempts):
        if len(run.written()) < read_up_to:
            run.read_available()
        if not run.freeze():
            return None
        found = caught()
        if found is not None:
            return found
        run.send(signal.SIGCONT)
    return None


def hunt_in_fresh_runs(
    repo: Corpus,
    runs: Callable[..., Run],
    caught: Callable[[], str | None],
    *args: str,
    prepare: Callable[[], None] = lambda: None,
    tries: int = 4,
) -> tuple[Run, str]:
    """Start a run and :func:`hunt` it; the run is left frozen at the moment ``caught`` names.

    On a loaded machine a run can slip past every chance before its output holds it; such a
    run is killed, the repository reset (and ``prepare`` done again), and a fresh run hunted,
    up to ``tries`` runs.  What is asserted once a run is caught does not change.
    """
    freezes = 0
    for attempt in range(tries):
        if attempt:
            repo.reset()
        prepare()
        run = runs(*args)
        run.read_until(lambda run=run: len(run.written()) >= 1, "the first page written")
        assert pages_ahead(repo, READ_UP_TO, run.pipe_size) < len(repo.order), "too few sources"
        page = hunt(run, caught, read_up_to=READ_UP_TO)
        if page is not None:
            return run, page
        freezes += run.freezes
        run.send(signal.SIGKILL)
        run.finish()
    pytest.fail(f"never caught a run at the moment hunted ({tries} runs, {freezes} tries)")


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


#: While it hunts, the test reads no further than this many pages, so the run cannot finish.
READ_UP_TO = 60
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
    with planning_held(repo.repo) as fifo:
        run = runs()
        total = len(repo.order) + 1
        writer = -1
        if moment == "early":
            wait_until(lambda: "converting " in run.stderr(), "the first progress line")
        else:
            writer = open_fifo_writer(fifo, run)  # the run has planned all but the last source
            assert f"converting {total}/{total}" in run.stderr().splitlines()
        run.send(signum)
        status = run.finish()
        if writer >= 0:
            os.close(writer)
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
    run, page = hunt_in_fresh_runs(repo, runs, lambda: temporary_page(repo))
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
    run = runs()
    run.read_until(lambda: len(run.written()) >= 1, "the first page written")
    assert pages_ahead(repo, READ_UP_TO, run.pipe_size) < len(repo.order), "too few sources"
    page = hunt(run, lambda: temporary_page(repo), read_up_to=READ_UP_TO)
    run.send(signal.SIGKILL)
    status = run.finish()
    assert status == -signal.SIGKILL
    states = page_states(repo)
    assert "old" in states and "new" in states
    left = temporaries(repo.repo)
    if page is None:  # never froze it mid-page: leave a temporary file as a killed run would
        page = repo.order[states.count("new")]
        partial = repo.articles / f".{page}.k1ll3d.tmp"
        partial.write_bytes(repo.new[page][:100])
        left = [partial]
    assert [page_of_temporary(p.name) for p in left] == [page]
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

    run, page = hunt_in_fresh_runs(repo, runs, backup_without_its_page, "--force", prepare=edit_pages)
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

"""Grade a folder of submitted notebooks, each in its own confined process, on every core.

    sinorussia grade SUBMISSIONS_DIR --out gradebook.csv [--timeout 60] [--memory-mb 1024] [--jobs N]

Where submissions go (either form, mixed freely):
    SUBMISSIONS_DIR/<student>/<exercise>.ipynb     e.g. alice/02-record-trade.ipynb
    SUBMISSIONS_DIR/<student>__<exercise>.ipynb    e.g. alice__02-record-trade.ipynb
The student is the folder (or the part before ``__``). The exercise is the notebook's
``otter.assignment_name`` metadata (set by otter assign), else the file name. A file that
breaks the convention is still graded, and flagged.

How one submission is graded. The grader reads the file once (it never writes it), copies it
into a scratch folder, and forks a child process that: starts a new session (so the whole
group can be killed), keeps the hidden tests in memory, moves into the scratch folder, sets a
memory limit (``--memory-mb`` on top of the grader's own footprint) and installs an audit
hook; then it runs the code cells one by one in an IPython shell with otter's grading mode on
(so ``grader.check`` records results exactly as in ``otter run``), runs the tests no cell
checked, and sends the scores back through a pipe. The parent kills the group after
``--timeout`` seconds. The audit hook ends the child at once (status ``forbidden``) if the
notebook reads the tests, the masters, the autograder cache or other submissions, writes or
changes anything outside its scratch folder, leaves that folder, or signals another process;
starting a program or using the network fails in the cell that tries. This stops accidents
and casual cheating; it is not a security boundary against a determined attacker (ctypes,
tampering with the grader's objects in memory): use ``--docker`` for that.

Statuses (the gradebook's ``status`` column), strongest first:
    forbidden  stopped by the audit hook (reading tests, writing outside, ...): no score
    crashed    the process died (killed by a signal, os._exit): no score
    timeout    still running after --timeout seconds: no score
    memory     hit the memory limit; the score counts the cells that ran
    invalid    not a gradable notebook (empty, not JSON, not a notebook, too large)
    unknown    no exercise matches the file name or the notebook metadata
    altered    graded, but exercise cells were deleted or reordered, or the file was renamed
               or misplaced: worth a look
    errors     graded; some cells raised (syntax errors, exceptions)
    ok         graded; every cell ran
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from . import ROOT
from . import exercises as ex

# Grading forks many children on few cores: one thread per numerical library each. Set before
# the children import numpy (nothing imported above loads it).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
MAX_NOTEBOOK_BYTES = 100 * 2**20      # larger files are refused unread
MAX_SCRATCH_FILE_BYTES = 64 * 2**20   # RLIMIT_FSIZE: no single file written bigger than this
KEPT_OUTPUT_BYTES = 64 * 2**10        # of what cells print, only this much is kept
BIG_OUTPUT_BYTES = 2**20              # printing or storing more than this is noted
EXIT_FORBIDDEN = 86                   # the child's exit code when the audit hook stops it

STATUSES = ["forbidden", "crashed", "timeout", "memory", "invalid", "unknown", "altered", "errors", "ok"]


class GradingError(Exception):
    """Bad input to the grader; the message is one line and names the file."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# --- submissions: finding them and reading them (in the parent, read-only) -----------------

@dataclass
class Submission:
    path: Path
    relative: str
    student: str
    name_exercise: str            # what the file name says
    notes: list[str] = field(default_factory=list)   # reasons for "altered"
    info: list[str] = field(default_factory=list)    # worth saying, but the grade stands as it is
    exercise: str | None = None
    content: bytes | None = None
    problem: tuple[str, str] | None = None           # (status, message) when it cannot run


def discover(submissions_dir: Path) -> list[Submission]:
    """Every file under the folder (hidden files and checkpoints skipped), named by convention."""
    found = []
    for path in sorted(submissions_dir.rglob("*")):
        relative = path.relative_to(submissions_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        parts = relative.parts
        stem = Path(parts[-1]).stem
        notes = []
        if len(parts) == 2:
            student, name_exercise = parts[0], stem
        elif len(parts) == 1 and "__" in stem:
            student, name_exercise = stem.split("__", 1)
        else:
            student = parts[0] if len(parts) > 1 else stem
            name_exercise = stem.split("__", 1)[-1]
            notes.append(f"misplaced: expected <student>/<exercise>.ipynb or <student>__<exercise>.ipynb, "
                         f"found {relative.as_posix()}")
        found.append(Submission(path, relative.as_posix(), student, name_exercise, notes))
    return found


def _describe(cell: dict) -> str:
    first = next((line.strip() for line in _source(cell).splitlines() if line.strip()), "")
    return f"'{cell.get('id', '?')}' ({first[:50]})" if first else f"'{cell.get('id', '?')}'"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def structure_notes(cells: list[dict], template: list[dict]) -> list[str]:
    """Exercise cells deleted or moved, found by cell id (or unchanged text when ids differ)."""
    by_id = {c.get("id"): i for i, c in enumerate(cells) if c.get("id")}
    unused = set(range(len(cells)))
    matched, missing = [], []
    for t in template:
        i = by_id.get(t.get("id"))
        if i is None or i not in unused:
            i = next((j for j in sorted(unused) if cells[j].get("cell_type") == t.get("cell_type")
                      and _source(cells[j]) == _source(t)), None)
        if i is None:
            missing.append(t)
        else:
            unused.discard(i)
            matched.append((t, i))
    notes = []
    if missing:
        shown = ", ".join(_describe(t) for t in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        notes.append(f"{len(missing)} cell(s) of the exercise deleted: {shown}{more}")
    for (before, i), (after, j) in zip(matched, matched[1:], strict=False):
        if j < i:
            notes.append(f"cells reordered: {_describe(after)} now comes before {_describe(before)}")
            break
    return notes


def inspect(sub: Submission, exercises: list[str], templates: dict[str, list[dict]]) -> None:
    """Read the file once and decide which exercise it is, or why it cannot be graded."""
    if sub.name_exercise in exercises:
        sub.exercise = sub.name_exercise  # a first guess; the notebook's metadata may correct it
    if sub.path.is_symlink():
        sub.problem = ("invalid", "a symbolic link, not a file: submit the notebook itself")
        return
    try:
        size = sub.path.stat().st_size
    except OSError as err:
        sub.problem = ("invalid", f"cannot read the file: {err.strerror}")
        return
    if size == 0:
        sub.problem = ("invalid", "empty file (0 bytes): was the notebook saved before upload?")
        return
    if size > MAX_NOTEBOOK_BYTES:
        sub.problem = ("invalid", f"file is {size / 2**20:.0f} MB, above the {MAX_NOTEBOOK_BYTES // 2**20} MB limit: "
                                  "clear the outputs and submit again")
        return
    try:
        with open(sub.path, "rb") as handle:   # read-only: the submission is never written
            sub.content = handle.read()
    except OSError as err:
        sub.problem = ("invalid", f"cannot read the file: {err.strerror}")
        return
    suffix = sub.path.suffix.lower()
    try:
        nb = json.loads(sub.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        what = "a notebook" if suffix == ".ipynb" else f"a notebook (a {suffix or 'suffix-less'} file)"
        sub.problem = ("invalid", f"not {what}: not valid JSON ({str(err).splitlines()[0][:80]})")
        return
    if not (isinstance(nb, dict) and isinstance(nb.get("cells"), list) and nb.get("nbformat") == 4
            and all(isinstance(c, dict) and isinstance(c.get("cell_type"), str) for c in nb["cells"])):
        sub.problem = ("invalid", "JSON but not a Jupyter notebook (version 4 with a list of cells)")
        return
    try:
        import nbformat
        nbformat.reads(sub.content.decode("utf-8"), as_version=4)
    except Exception as err:  # nbformat raises many kinds on malformed cells
        sub.problem = ("invalid", f"a damaged notebook: {str(err).splitlines()[0][:100]}")
        return
    if suffix != ".ipynb":
        sub.notes.append(f"renamed: a notebook saved as {sub.path.name}, expected a .ipynb file")
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    otter_meta = meta.get("otter") if isinstance(meta.get("otter"), dict) else {}
    declared = otter_meta.get("assignment_name")
    if declared in exercises:
        sub.exercise = declared
        misplaced = any(note.startswith("misplaced") for note in sub.notes)
        if sub.name_exercise != declared and suffix == ".ipynb" and not misplaced:
            sub.notes.append(f"renamed: the file is {sub.path.name}, expected {declared}.ipynb")
    elif sub.exercise is None:
        sub.problem = ("unknown", f"cannot tell which exercise this is: neither the file name "
                                  f"({sub.path.name}) nor the notebook metadata ({declared!r}) names one of "
                                  f"{', '.join(exercises)}")
        return
    stored = sum(len(json.dumps(c.get("outputs", []))) for c in nb["cells"])
    if stored > BIG_OUTPUT_BYTES:
        sub.info.append(f"note: the file holds {stored / 2**20:.1f} MB of stored output, ignored "
                        "(every cell is run again)")
    sub.notes += structure_notes(nb["cells"], templates.get(sub.exercise, []))


# --- autograders: tests and templates, from the cache built from the masters ---------------

@dataclass
class Autograder:
    exercise: str
    tests_dir: Path
    questions: dict[str, float]     # question -> points possible, in order


def prepare_autograder(exercise: str, work_root: Path, masters_dir: Path, cache_dir: Path) -> Autograder:
    from otter.nbmeta_config import NBMetadataConfig
    from otter.test_files import create_test_file

    zip_path = ex.autograder_zip(exercise, masters_dir, cache_dir)
    tests_dir = work_root / "autograders" / exercise / "tests"
    tests_dir.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.namelist():
            if member.startswith("tests/") and member.endswith(".py"):
                (tests_dir / Path(member).name).write_bytes(archive.read(member))
    questions = {}
    for test in sorted(tests_dir.glob("*.py"), key=lambda p: _natural(p.stem)):
        test_file = create_test_file(str(test), NBMetadataConfig())
        questions[test_file.name] = float(test_file.possible)
    return Autograder(exercise, tests_dir, questions)


def template_cells(exercise: str, exercises_dir: Path, cache_dir: Path) -> list[dict]:
    """The cells students received: the committed student version (else the cached one)."""
    for path in (exercises_dir / exercise / f"{exercise}.ipynb", cache_dir / exercise / "student.ipynb"):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))["cells"]
    return []


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


# --- the child: one submission, confined -------------------------------------------------------

@dataclass
class Job:
    index: int
    sub: Submission
    autograder: Autograder
    scratch: Path
    log_path: Path
    token: str = field(default_factory=lambda: secrets.token_hex(16))  # marks the genuine result


@dataclass
class Limits:
    timeout: float
    memory_mb: int
    deny_read: tuple[str, ...]       # roots the notebook may not read (tests, masters, submissions)
    work_root: str


class _Reporter:
    """Newline-delimited JSON messages to the parent through a pipe."""

    def __init__(self, fd: int):
        self.fd = fd

    def send(self, message: dict) -> None:
        data = (json.dumps(message) + "\n").encode()
        while data:
            written = os.write(self.fd, data)
            data = data[written:]


class _CappedText:
    """A stdout stand-in that counts everything and keeps only the start."""

    def __init__(self, keep: int):
        self.keep, self.size, self.parts = keep, 0, []

    def write(self, text) -> int:
        text = str(text)
        if self.size < self.keep:
            self.parts.append(text[: self.keep - self.size])
        self.size += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_PATH_CHANGES = {"os.mkdir", "os.rmdir", "os.remove", "os.chmod", "os.chown", "os.truncate",
                 "os.utime", "os.mkfifo", "os.mknod", "shutil.rmtree", "shutil.chown"}
_TWO_PATHS = {"os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.copymode",
              "shutil.copystat", "shutil.copytree", "shutil.move"}
_PROGRAMS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
             "os.forkpty", "pty.spawn", "os.startfile"}
_NETWORK = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "urllib.Request"}
_LISTING = {"os.listdir", "os.scandir"}
_WATCHED = frozenset({"open", "os.chdir", "os.kill", "os.killpg"} | _PATH_CHANGES | _TWO_PATHS
                     | _PROGRAMS | _NETWORK | _LISTING)


def _install_guard(scratch: str, limits: Limits, reporter: _Reporter, where: list, blocked: list) -> None:
    """An audit hook that cannot be removed. Reading the tests, writing outside the folder or
    signalling another process ends the child at once; starting a program or using the
    network fails in the cell that tries (``blocked`` records it), like a missing permission."""
    scratch = os.path.realpath(scratch)
    deny_read = tuple(os.path.realpath(p) for p in limits.deny_read)
    work_root = os.path.realpath(limits.work_root)
    own_pid = os.getpid()
    busy = [False]

    def inside(path: str, root: str) -> bool:
        return path == root or path.startswith(root.rstrip(os.sep) + os.sep)

    def resolve(path) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        try:
            return os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return None

    def stop(message: str) -> NoReturn:
        try:
            reporter.send({"type": "forbidden", "message": f"{message} (in {where[0]})"})
        finally:
            os._exit(EXIT_FORBIDDEN)

    def check_write(path) -> None:
        real = resolve(path)
        if real is not None and real != os.devnull and not inside(real, scratch):
            stop(f"wrote outside its folder: {real}")

    def check_read(path) -> None:
        real = resolve(path)
        if real is None or inside(real, scratch):
            return
        if any(inside(real, root) for root in deny_read) or inside(real, work_root):
            stop(f"read {real}: the tests, the masters and other submissions are off limits")
        if real.startswith("/proc/") and real.split("/")[2].isdigit() and real.split("/")[2] != str(own_pid):
            stop(f"read {real}: another process's files")

    def hook(event: str, args: tuple) -> None:
        if event not in _WATCHED or busy[0]:
            return
        busy[0] = True
        try:
            if event == "open":
                path, mode, flags = (tuple(args) + (None, None, None))[:3]
                writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                         (isinstance(flags, int) and flags & _WRITE_FLAGS)
                check_write(path) if writes else check_read(path)
            elif event in _LISTING:
                check_read(args[0] if args else ".")
            elif event in _PATH_CHANGES:
                check_write(args[0])
            elif event in _TWO_PATHS:
                check_read(args[0])
                check_write(args[1])
            elif event == "os.chdir":
                real = resolve(args[0])
                if real is not None and not inside(real, scratch):
                    stop(f"left its folder: os.chdir({real!r})")
            elif event == "os.kill":
                if args[0] != own_pid:
                    stop(f"sent signal {args[1]} to process {args[0]}")
            elif event == "os.killpg":
                stop("sent a signal to a process group")
            elif event in _PROGRAMS or event in _NETWORK:
                what = "start another program" if event in _PROGRAMS else "use the network"
                blocked.append(f"{where[0]} tried to {what} ({event}): blocked")
                raise PermissionError(f"the grader does not let notebooks {what} ({event})")
        finally:
            busy[0] = False

    sys.addaudithook(hook)


def _patch_otter_loader(tests: dict[str, str]) -> None:
    """Make otter load tests from memory, so nothing needs to read the tests folder later."""
    from otter.execute import checker
    from otter.test_files import ExceptionTestFile, OKTestFile

    def load(path, nbmeta_config=None, test_name=None):
        source = tests.get(os.path.basename(path))
        if source is None:
            raise FileNotFoundError(f"no test {os.path.basename(path)}")
        env: dict = {}
        exec(source, env)
        if env.get("OK_FORMAT"):
            return OKTestFile.from_spec(env["test"], path=path)
        return ExceptionTestFile.from_string(source, path=path)

    checker.create_test_file = load


def _make_shell(private_dir: Path):
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    os.environ["IPYTHONDIR"] = str(private_dir / "ipython")
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    shell.display_formatter.active_types = ["text/plain"]  # charts are tested via to_dict()
    return shell


def _confine(scratch: Path) -> None:
    """Home, temp and caches inside the scratch folder, which is also the working directory."""
    for name, sub in [("HOME", ""), ("TMPDIR", "tmp"), ("XDG_CACHE_HOME", ".cache"), ("MPLCONFIGDIR", ".config")]:
        path = scratch / sub
        path.mkdir(exist_ok=True)
        os.environ[name] = str(path)
    tempfile.tempdir = str(scratch / "tmp")
    os.chdir(scratch)
    sys.path.append(str(scratch))
    sys.dont_write_bytecode = True


def _limit_resources(limits: Limits) -> None:
    import resource  # Unix only: imported here so that the package imports on Windows

    with open("/proc/self/statm") as handle:
        baseline = int(handle.read().split()[0]) * resource.getpagesize()
    address_space = baseline + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_SCRATCH_FILE_BYTES, MAX_SCRATCH_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = int(limits.timeout) + 5  # a backstop behind the parent's wall-clock timeout
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails instead of killing


def _first_line(source: str) -> str:
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 40 else line[:39] + "…"


def _error_text(err: BaseException) -> str:
    if isinstance(err, SyntaxError):
        return f"SyntaxError: {err.msg} (line {err.lineno})"
    return f"{type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''}".rstrip(": ")


def _question_feedback(results) -> tuple[dict[str, float], dict[str, str]]:
    """Scores and feedback text per question; hidden tests show their hint, never their code."""
    scores, feedback = {}, {}
    for name, test_file in results.results.items():
        scores[name] = float(test_file.score)
        lines = []
        public_ok = all(t.passed for t in test_file.test_case_results if not t.test_case.hidden)
        hidden = [t for t in test_file.test_case_results if t.test_case.hidden]
        for tcr in test_file.test_case_results:
            if tcr.passed or (tcr.test_case.hidden and not public_ok):
                continue
            if tcr.test_case.hidden:
                hint = (tcr.message or "").strip().splitlines()[-1] if tcr.message else ""
                hint = re.sub(r"^AssertionError:\s*", "", hint)
                lines.append(f"  a hidden test failed: {hint}" if hint else "  a hidden test failed")
            else:
                lines.append("  a public test failed:\n" + "\n".join(
                    "    " + line for line in (tcr.message or "").strip().splitlines()))
        if not public_ok and hidden:
            lines.append(f"  hidden tests: {sum(t.passed for t in hidden)} of {len(hidden)} passed "
                         "(fix what the public tests say first)")
        feedback[name] = "\n".join(lines)
    return scores, feedback


def _grade_here(job: Job, limits: Limits, reporter: _Reporter) -> dict:
    """Run the notebook in this (child) process and grade it; returns the outcome message."""
    import nbformat
    from otter import Notebook
    from otter.execute import Checker
    from otter.test_files import GradingResults

    nb = nbformat.read(job.scratch / f"{job.sub.exercise}.ipynb", as_version=4)
    tests = {p.name: p.read_text() for p in job.autograder.tests_dir.glob("*.py")}
    _patch_otter_loader(tests)
    Notebook.init_grading_mode(str(job.autograder.tests_dir))
    shell = _make_shell(job.log_path.parent)
    _confine(job.scratch)
    where, blocked = ["set-up"], []
    _install_guard(str(job.scratch), limits, reporter, where, blocked)
    _limit_resources(limits)

    output = _CappedText(KEPT_OUTPUT_BYTES)
    errors, memory_error = [], None
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        where[0] = f"cell {number} ({_first_line(cell.source)})"
        reporter.send({"type": "cell", "where": where[0]})
        sys.stdout = sys.stderr = output
        try:
            result = shell.run_cell(cell.source, store_history=False)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        err = result.error_before_exec or result.error_in_exec
        if err is not None:
            errors.append(f"{where[0]}: {_error_text(err)}")
            if isinstance(err, MemoryError) and memory_error is None:
                memory_error = where[0]

    where[0] = "the tests"
    reporter.send({"type": "cell", "where": where[0]})
    for name in job.autograder.questions:
        try:
            Checker.check_if_not_already_checked(
                os.path.join(str(job.autograder.tests_dir), f"{name}.py"), shell.user_ns)
        except MemoryError:
            memory_error = memory_error or f"the tests of {name}"
        except Exception as err:  # a test file that cannot run counts as failed
            errors.append(f"tests of {name}: {_error_text(err)}")
    scores, feedback = _question_feedback(GradingResults(Checker.get_results()))
    return {"type": "result", "token": job.token, "scores": scores, "feedback": feedback, "errors": errors,
            "memory_error": memory_error, "output_bytes": output.size, "blocked": blocked}


def _child(job: Job, fd: int, limits: Limits, close_fds: list[int]) -> NoReturn:
    """The forked child's whole life; it leaves only through os._exit."""
    code = 70
    reporter = _Reporter(fd)
    try:
        os.setsid()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for other in close_fds:
            os.close(other)
        null = os.open(os.devnull, os.O_RDWR)
        log = os.open(job.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        reporter.send(_grade_here(job, limits, reporter))
        code = 0
    except BaseException as err:  # report anything, then leave without running parent cleanups
        try:
            reporter.send({"type": "internal", "error": type(err).__name__, "message": _error_text(err)})
        except BaseException:
            pass
    finally:
        os._exit(code)


# --- the parent: scheduling children, timeouts, results --------------------------------------

@dataclass
class _Running:
    job: Job
    pid: int
    fd: int
    started: float
    buffer: bytes = b""
    messages: list = field(default_factory=list)
    where: str = "set-up"
    timed_out: bool = False


def _warm_up() -> None:
    """Import once in the parent so every forked child starts warm."""
    import altair  # noqa: F401
    import nbformat  # noqa: F401
    import pandas  # noqa: F401
    from IPython.core import interactiveshell  # noqa: F401
    from otter import Notebook  # noqa: F401
    from otter.execute import Checker  # noqa: F401
    from otter.test_files import GradingResults  # noqa: F401

    from . import data  # noqa: F401


def _read_available(run: _Running) -> bool:
    """Read what the child has sent; False at end of file."""
    while True:
        try:
            chunk = os.read(run.fd, 1 << 16)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        run.buffer += chunk
        *lines, run.buffer = run.buffer.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue  # garbage written to the pipe by the notebook is ignored
            if isinstance(message, dict):
                if message.get("type") == "cell":
                    run.where = str(message.get("where"))
                run.messages.append(message)


def _drain(run: _Running, patience: float = 2.0) -> None:
    """Read the rest of a finished child's messages, without waiting forever."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        select.select([run.fd], [], [], max(0.0, deadline - time.monotonic()))
        if not _read_available(run):
            return


def _start(job: Job, limits: Limits, open_fds: list[int]) -> _Running:
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(job, write_fd, limits, open_fds)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return _Running(job, pid, read_fd, time.monotonic())


def _kill(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
            return
        except (ProcessLookupError, PermissionError):
            continue


def run_jobs(jobs: list[Job], limits: Limits, workers: int, on_done) -> None:
    """Run every job in its own forked child, at most ``workers`` at a time."""
    pending, running = deque(jobs), {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                run = _start(pending.popleft(), limits, [r.fd for r in running.values()])
                running[run.pid] = run
            fds = [r.fd for r in running.values()]
            if fds:
                select.select(fds, [], [], 0.05)
            now = time.monotonic()
            for run in list(running.values()):
                _read_available(run)
                if not run.timed_out and now - run.started > limits.timeout:
                    run.timed_out = True
                    _kill(run.pid)
                if os.waitid(os.P_PID, run.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
                    continue
                _kill(run.pid)  # the group too, while the unreaped child keeps its id from reuse
                _, status = os.waitpid(run.pid, 0)
                _drain(run)
                os.close(run.fd)
                del running[run.pid]
                on_done(run, status, time.monotonic() - run.started)
    finally:
        for run in running.values():
            _kill(run.pid)
            try:
                os.waitpid(run.pid, 0)
            except ChildProcessError:
                pass
            os.close(run.fd)


# --- results --------------------------------------------------------------------------------

@dataclass
class Result:
    student: str
    exercise: str
    file: str
    questions: dict[str, float]                 # points possible
    scores: dict[str, float] | None
    status: str
    messages: list[str]
    feedback: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return sum(self.scores.values()) if self.scores else 0.0

    @property
    def possible(self) -> float:
        return sum(self.questions.values())


def _worst(*statuses: str) -> str:
    return min(statuses, key=STATUSES.index)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def interpret(run: _Running, status: int, limits: Limits, seconds: float) -> Result:
    """Turn what a child sent and how it ended into a gradebook row."""
    sub, autograder = run.job.sub, run.job.autograder
    result = Result(sub.student, sub.exercise or "", sub.relative, autograder.questions, None, "ok",
                    list(sub.notes), seconds=seconds)
    by_type = {m.get("type"): m for m in run.messages
               if m.get("type") != "result" or m.get("token") == run.job.token}  # a forged result is ignored
    if run.timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
        result.status = "timeout"
        result.messages.insert(0, f"timeout: still running after {limits.timeout:g} s, in {run.where} "
                                  "(an endless loop, or a very slow cell)")
    elif "forbidden" in by_type:
        result.status = "forbidden"
        result.messages.insert(0, f"forbidden: {by_type['forbidden'].get('message')}")
    elif "result" in by_type:
        outcome = by_type["result"]
        result.scores = {q: min(max(float(outcome["scores"].get(q, 0.0)), 0.0), possible)
                         for q, possible in autograder.questions.items()}
        result.feedback = outcome.get("feedback", {})
        errors = outcome.get("errors", [])
        if outcome.get("memory_error"):
            result.status = "memory"
            result.messages.insert(0, f"memory: hit the {limits.memory_mb} MB limit in {outcome['memory_error']}; "
                                      "the score counts what ran")
        elif sub.notes:
            result.status = "altered"
        elif errors:
            result.status = "errors"
        result.messages += [f"error in {e}" for e in errors[:5]]
        if len(errors) > 5:
            result.messages.append(f"... and {len(errors) - 5} more errors")
        result.messages += [f"blocked: {b}" for b in outcome.get("blocked", [])[:3]]
        result.messages += sub.info
        if outcome.get("output_bytes", 0) > BIG_OUTPUT_BYTES:
            result.messages.append(f"note: the cells printed {outcome['output_bytes'] / 2**20:.1f} MB of output "
                                   f"(only the first {KEPT_OUTPUT_BYTES // 1024} KB kept)")
    elif "internal" in by_type and by_type["internal"].get("error") == "MemoryError":
        result.status = "memory"
        result.messages.insert(0, f"memory: hit the {limits.memory_mb} MB limit in {run.where}")
    elif os.WIFSIGNALED(status):
        name = _signal_name(os.WTERMSIG(status))
        result.status = "crashed"
        result.messages.insert(0, f"crashed: the notebook's process was killed by {name} in {run.where} "
                                  "(os.kill, or a crash inside a library)")
    else:
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
        detail = by_type.get("internal", {}).get("message")
        result.status = "crashed"
        result.messages.insert(0, f"crashed: the process exited (code {code}) in {run.where} before grading "
                                  f"finished" + (f": {detail}" if detail else " (os._exit or exit in a library)"))
    return result


def problem_result(sub: Submission, questions: dict[str, float]) -> Result:
    status, message = sub.problem
    return Result(sub.student, sub.exercise or sub.name_exercise, sub.relative, questions, None, status,
                  [f"{status}: {message}"] + sub.notes + sub.info)


def feedback_text(result: Result) -> str:
    lines = [f"Exercise: {result.exercise}", f"Student: {result.student}", f"File: {result.file}",
             f"Status: {result.status}", f"Score: {result.total:g} / {result.possible:g}", ""]
    for message in result.messages:
        lines.append(f"- {message}")
    if result.messages:
        lines.append("")
    for question, possible in result.questions.items():
        got = "-" if result.scores is None else f"{result.scores.get(question, 0):g}"
        lines.append(f"{question}: {got} / {possible:g}")
        if result.feedback.get(question):
            lines.append(result.feedback[question])
    return "\n".join(lines) + "\n"


def _feedback_name(result: Result, taken: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", f"{result.student}__{result.exercise or 'unknown'}")
    name, n = f"{base}.txt", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}.txt"
    taken.add(name)
    return name


def write_outputs(results: list[Result], out: Path) -> Path:
    """Feedback folder first, then the gradebook: each appears whole or not at all."""
    feedback_dir = out.with_name(f"{out.stem}-feedback")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.stem}-feedback-", dir=out.parent))
    taken: set[str] = set()
    for result in results:
        (staging / _feedback_name(result, taken)).write_text(feedback_text(result), encoding="utf-8")
    if feedback_dir.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{out.stem}-old-", dir=out.parent))
        feedback_dir.replace(trash / "old")
        shutil.rmtree(trash, ignore_errors=True)
    staging.replace(feedback_dir)

    questions: list[str] = []
    for result in results:
        questions += [q for q in result.questions if q not in questions]
    questions.sort(key=_natural)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", "exercise", "file", *questions, "total", "possible", "status", "message"])
            for r in results:
                points = ["" if r.scores is None or q not in r.questions else f"{r.scores.get(q, 0):g}"
                          for q in questions]
                writer.writerow([r.student, r.exercise, r.file, *points, f"{r.total:g}", f"{r.possible:g}",
                                 r.status, "; ".join(r.messages)])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return feedback_dir


# --- grading with Docker, through otter grade ----------------------------------------------------

def docker_problem() -> str | None:
    """Why Docker cannot be used here, or None when it can."""
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    try:
        probe = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"],
                               capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "`docker info` did not answer within 20 s"
    if probe.returncode != 0:
        reason = next((line.strip() for line in probe.stderr.splitlines() if line.strip()), "no daemon")
        return f"the Docker daemon is not reachable ({reason})"
    return None


DOCKER_PACKAGES = ("pandas", "numpy", "altair")  # what the notebooks and hidden tests import


def docker_autograder_zip(exercise: str, masters_dir: Path, cache_dir: Path) -> Path:
    """otter's zip plus what its container lacks: the module's package and data (copied next to
    the notebook by otter's runner) and the pinned libraries in the image's environment."""
    source = ex.autograder_zip(exercise, masters_dir, cache_dir)
    target = source.with_name("autograder-docker.zip")
    inputs = [source, *(ROOT / "sinorussia").glob("*.py"), *(ROOT / "data").glob("*")]
    if target.is_file() and target.stat().st_mtime >= max(p.stat().st_mtime for p in inputs):
        return target
    pins = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.split("==")[0].strip().lower() in DOCKER_PACKAGES]
    environment = ("name: otter-env\nchannels:\n  - conda-forge\ndependencies:\n"
                   f"  - python={sys.version_info.major}.{sys.version_info.minor}\n  - pip\n  - jupyter_server\n"
                   "  - pip:\n      - otter-grader[grading,plugins]==7.0.0\n"
                   + "".join(f"      - {pin}\n" for pin in pins))
    staging = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            if item.filename != "environment.yml":
                out.writestr(item, original.read(item))
        out.writestr("environment.yml", environment)
        for folder, pattern in (("sinorussia", "*.py"), ("data", "*")):
            for path in sorted((ROOT / folder).glob(pattern)):
                if path.is_file():
                    out.write(path, f"files/{folder}/{path.name}")
    staging.replace(target)
    return target


def grade_with_docker(subs: list[Submission], scratch_of: dict, results: list[Result],
                      autograders: dict[str, Autograder],
                      limits: Limits, workers: int, masters_dir: Path, cache_dir: Path, progress) -> None:
    """Hand each exercise's gradable notebooks to otter's Docker-based ``otter grade``."""
    with tempfile.TemporaryDirectory(prefix="sinorussia-docker-") as tmp:
        for exercise, autograder in autograders.items():
            group = [s for s in subs if s.exercise == exercise]
            if not group:
                continue
            folder = Path(tmp) / exercise
            folder.mkdir()
            names = {}
            for number, sub in enumerate(group):
                name = f"{number:04d}.ipynb"
                shutil.copyfile(scratch_of[id(sub)] / f"{exercise}.ipynb", folder / name)
                names[name] = sub
            out = Path(tmp) / f"{exercise}-out"
            out.mkdir()
            print(f"otter grade: {len(group)} submission(s) of {exercise} in Docker", file=progress)
            command = [sys.executable, "-m", "otter", "grade", "-a",
                       str(docker_autograder_zip(exercise, masters_dir, cache_dir)), "-o", str(out),
                       "--ext", "ipynb", "--containers", str(workers), "--timeout", str(int(limits.timeout)),
                       "--no-network", "-n", exercise, str(folder)]
            done = subprocess.run(command, capture_output=True, text=True)
            grades = out / "final_grades.csv"
            if done.returncode != 0 or not grades.is_file():
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise GradingError(f"otter grade failed for {exercise}: {last}")
            with grades.open(newline="") as handle:
                for row in csv.DictReader(handle):
                    sub = names.get(Path(row.get("file", "")).name)
                    if sub is None:
                        continue
                    completed = row.get("grading_status") == "Completed"
                    scores = {q: float(row.get(q) or 0) for q in autograder.questions} if completed else None
                    results.append(Result(sub.student, exercise, sub.relative, autograder.questions, scores,
                                          "altered" if completed and sub.notes else ("ok" if completed else "crashed"),
                                          ([] if completed else [f"otter grade: {row.get('grading_status')}"])
                                          + sub.notes))


# --- the command ----------------------------------------------------------------------------

def grade(submissions_dir: Path, out: Path, timeout: float = DEFAULT_TIMEOUT,
          memory_mb: int = DEFAULT_MEMORY_MB, jobs: int | None = None, docker: bool = False,
          masters_dir: Path = ex.MASTERS_DIR, exercises_dir: Path = ex.EXERCISES_DIR,
          cache_dir: Path = ex.AUTOGRADER_CACHE, progress=sys.stderr) -> list[Result]:
    """Grade every file under ``submissions_dir``; write ``out`` and its feedback folder."""
    submissions_dir, out = Path(submissions_dir), Path(out)
    workers = jobs or default_jobs()
    if not submissions_dir.is_dir():
        raise GradingError(f"{submissions_dir}: no such folder of submissions")
    if out.is_dir():
        raise GradingError(f"{out}: is a folder; --out names the gradebook CSV file to write")
    if ROOT.resolve().is_relative_to(submissions_dir.resolve()):
        raise GradingError(f"{submissions_dir}: contains the module itself; "
                           "put the submissions in a folder of their own")
    if out.resolve().is_relative_to(submissions_dir.resolve()):
        raise GradingError(f"{out}: inside the submissions folder; write the gradebook elsewhere")
    if docker and (why := docker_problem()):
        raise GradingError(f"--docker: {why}. Run without --docker to grade with local process isolation")
    exercise_list = ex.exercise_names(masters_dir)
    if not exercise_list:
        raise GradingError(f"{masters_dir}: no exercise masters, so nothing to grade against")
    subs = discover(submissions_dir)
    if not subs:
        raise GradingError(f"{submissions_dir}: no files to grade")
    out.parent.mkdir(parents=True, exist_ok=True)

    templates = {e: template_cells(e, exercises_dir, cache_dir) for e in exercise_list}
    work_root = Path(tempfile.mkdtemp(prefix="sinorussia-grade-"))
    try:
        scratch_of = {}
        for index, sub in enumerate(subs):
            inspect(sub, exercise_list, templates)
            if sub.problem is None:  # the copy the child runs; the original is not opened again
                scratch_of[id(sub)] = work_root / f"{index:04d}" / "work"
                scratch_of[id(sub)].mkdir(parents=True)
                (scratch_of[id(sub)] / f"{sub.exercise}.ipynb").write_bytes(sub.content)
            sub.content = None
        needed = sorted({s.exercise for s in subs if s.exercise})
        autograders = {e: prepare_autograder(e, work_root, masters_dir, cache_dir) for e in needed}
        results = [problem_result(s, autograders[s.exercise].questions if s.exercise in autograders else {})
                   for s in subs if s.problem is not None]
        gradable = [s for s in subs if s.problem is None]
        limits = Limits(timeout, memory_mb,
                        tuple(str(p) for p in (submissions_dir, masters_dir, cache_dir,
                                               out, out.with_name(f"{out.stem}-feedback"))),
                        str(work_root))
        print(f"grading {len(subs)} file(s) in {submissions_dir} with {workers} job(s) "
              f"(timeout {timeout:g} s, memory {memory_mb} MB)", file=progress)
        for number, result in enumerate(results, start=1):
            print(f"[{number}/{len(subs)}] {result.file}: {result.status}", file=progress)
        if docker:
            grade_with_docker(gradable, scratch_of, results, autograders, limits, workers, masters_dir,
                              cache_dir, progress)
        else:
            _warm_up()
            jobs_list = []
            for index, sub in enumerate(gradable):
                scratch = scratch_of[id(sub)]
                jobs_list.append(Job(index, sub, autograders[sub.exercise], scratch, scratch.parent / "child.log"))

            def done(run: _Running, status: int, seconds: float) -> None:
                result = interpret(run, status, limits, seconds)
                results.append(result)
                print(f"[{len(results)}/{len(subs)}] {result.file}: {result.status} "
                      f"{result.total:g}/{result.possible:g} ({seconds:.1f} s)", file=progress)
                shutil.rmtree(run.job.scratch.parent, ignore_errors=True)

            previous = signal.signal(signal.SIGTERM, _interrupt)
            try:
                run_jobs(jobs_list, limits, workers, done)
            finally:
                signal.signal(signal.SIGTERM, previous)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)

    results.sort(key=lambda r: (r.student, r.exercise, r.file))
    feedback_dir = write_outputs(results, out)
    counts = {s: sum(r.status == s for r in results) for s in STATUSES}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    print(f"wrote {out} ({len(results)} rows: {summary}) and {feedback_dir}/", file=progress)
    return results


def _interrupt(signum, frame) -> NoReturn:
    raise KeyboardInterrupt  # SIGTERM: stop the children and write nothing, as for Ctrl-C


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError
    return value


def _checked(kind, what: str, minimum=None):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            expected = kind.__name__ if kind is not _positive_float else "a positive number"
            raise argparse.ArgumentTypeError(f"{what} must be {expected}, got {text!r}") from None
        if minimum is not None and value < minimum:
            raise argparse.ArgumentTypeError(f"{what} must be at least {minimum}, got {text!r}")
        return value
    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR",
                        help="folder of submissions: <student>/<exercise>.ipynb or <student>__<exercise>.ipynb")
    parser.add_argument("--out", type=Path, default=Path("gradebook.csv"),
                        help="gradebook CSV to write (default gradebook.csv); feedback goes to <name>-feedback/")
    parser.add_argument("--timeout", type=_checked(_positive_float, "--timeout"), default=DEFAULT_TIMEOUT,
                        help=f"seconds one submission may run (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--memory-mb", type=_checked(int, "--memory-mb", 64), default=DEFAULT_MEMORY_MB,
                        help=f"memory a submission may allocate, in MB (default {DEFAULT_MEMORY_MB})")
    parser.add_argument("--jobs", type=_checked(int, "--jobs", 1), default=None,
                        help=f"submissions graded at once (default: the number of cores, {default_jobs()} here)")
    parser.add_argument("--docker", action="store_true",
                        help="grade in Docker containers with otter grade (needs a running Docker daemon)")


def run(args: argparse.Namespace) -> int:
    results = grade(args.submissions, args.out, args.timeout, args.memory_mb, args.jobs, args.docker)
    return 0 if results else 1

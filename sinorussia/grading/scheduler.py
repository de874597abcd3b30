"""Several sandboxes at once; each run capped in time and in what it may send back.

A worker thread per job slot: it starts one sandbox (a bwrap process), feeds it the job through
an in-memory file, reads its answer channel with a byte cap and a wall-clock deadline, then hands
the answers to its own scoring process. Nothing is written to disk: a grader killed even by
SIGKILL leaves no scratch and no test behind (``--die-with-parent`` ends the sandboxes, and the
scoring processes end at the end of their input).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from . import runner, sandbox

CHANNEL_BYTES = 8 * 2**20       # what one sandbox may send back (answers and progress)
SCORING_SECONDS = 60.0          # the hidden tests of one submission


@dataclass
class Job:
    key: object                  # the caller's handle
    exercise: str
    payload: dict                # cells, notebook name, public tests, variable names


@dataclass
class Outcome:
    status: str                  # "done", "timeout", "flood", "crashed"
    where: str = "start-up"      # the last cell the sandbox reported
    detail: str = ""
    answers: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    scores: dict | None = None
    feedback: dict = field(default_factory=dict)
    seconds: float = 0.0


class Stopped(Exception):
    """The run is being interrupted."""


class _Scorer:
    """One long-lived scoring process (never touched by student code)."""

    def __init__(self, tests_line: bytes):
        self.tests_line = tests_line
        self.process = None

    def _start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-I", "-m", "sinorussia.grading.scoring"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.process.stdin.write(self.tests_line)
        self.process.stdin.flush()

    def score(self, exercise: str, answers: dict) -> dict:
        if self.process is None or self.process.poll() is not None:
            self._start()
        self.process.stdin.write(json.dumps({"exercise": exercise, "answers": answers}).encode() + b"\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], SCORING_SECONDS)
        line = self.process.stdout.readline() if ready else b""
        if not line:
            self.close()
            return {"error": f"the hidden tests took more than {SCORING_SECONDS:g} s on these answers"}
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _memfd(name: str, data: bytes) -> int:
    """A file with the data that exists only in memory (an unlinked temporary file off Linux)."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create(name)
    else:
        handle = tempfile.TemporaryFile()
        fd = os.dup(handle.fileno())
        handle.close()
    os.write(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


class Runner:
    def __init__(self, timeout: float, memory_mb: int, unsafe: bool = False):
        self.timeout, self.memory_mb, self.unsafe = timeout, memory_mb, unsafe
        self.live: set = set()
        self.lock = threading.Lock()
        self.stopping = False

    def _popen(self, job: Job):
        stdin = _memfd("job", json.dumps(job.payload).encode())
        try:
            if self.unsafe:  # --unsafe-no-sandbox: a plain child process, only rlimits
                cmd, fds = [sys.executable, "-I", "-m", "sinorussia.grading.runner"], []
                cwd = tempfile.mkdtemp(prefix="sinorussia-unsafe-")
            else:
                fds = [_memfd("seccomp", sandbox.seccomp_filter())]
                cmd, cwd = sandbox.command(fds[0], self.timeout), None
            memory, timeout = self.memory_mb, self.timeout
            process = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       pass_fds=fds, cwd=cwd, env=_clean_env(),
                                       preexec_fn=(lambda: sandbox.limit_resources(memory, timeout))
                                       if os.name == "posix" else None)
        finally:
            os.close(stdin)
            for fd in locals().get("fds", []):
                os.close(fd)
        process.scratch = cwd
        return process

    def run_one(self, job: Job) -> Outcome:
        """Run one sandbox to its end; read at most CHANNEL_BYTES of what it says."""
        with self.lock:
            if self.stopping:
                raise Stopped
            started = time.monotonic()
            process = self._popen(job)
            self.live.add(process)
        outcome = Outcome("crashed")
        received, size, flooded, timed_out = bytearray(), 0, False, False
        fd = process.stdout.fileno()
        try:
            while True:
                left = started + self.timeout - time.monotonic()
                if left <= 0:
                    timed_out = True
                    break
                ready, _, _ = select.select([fd], [], [], min(left, 0.5))
                if not ready:
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > CHANNEL_BYTES:
                    flooded = True
                    break
                received += chunk
        finally:
            if not (flooded or timed_out):
                try:  # at the end of its output the sandbox is ending: let it say how
                    process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    pass
            process.kill()
            process.wait()
            process.stdout.close()
            if process.scratch:
                shutil.rmtree(process.scratch, ignore_errors=True)
            with self.lock:
                self.live.discard(process)
        outcome.seconds = time.monotonic() - started
        text = bytes(received)
        outcome.where = _last_progress(text) or outcome.where
        if flooded:
            outcome.status = "flood"
            outcome.detail = f"sent more than {CHANNEL_BYTES // 2**20} MB back to the grader"
            return outcome
        cpu_limit = process.returncode in (-24, 128 + 24)   # SIGXCPU: the CPU-seconds limit
        if timed_out or cpu_limit or (process.returncode == -9 and outcome.seconds >= self.timeout):
            outcome.status = "timeout"
            return outcome
        final = _answers_line(text)
        if final is None:
            outcome.detail = _exit_text(process.returncode)
            return outcome
        outcome.status = "done"
        outcome.answers = final.get("answers") if isinstance(final.get("answers"), dict) else {}
        outcome.errors = [str(e)[:300] for e in final.get("errors", [])[:20]] if isinstance(
            final.get("errors"), list) else []
        return outcome

    def stop(self) -> None:
        with self.lock:
            self.stopping = True
            for process in self.live:
                process.kill()


def _clean_env() -> dict:
    """bwrap's own environment (visible in the sandbox as /proc/1/environ): none of the instructor's."""
    keep = ("PATH", "SYSTEMROOT")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def _last_progress(text: bytes) -> str | None:
    where = None
    for line in text.split(b"\n"):
        if line.startswith(runner.PROGRESS.encode()):
            number, _, first = line[len(runner.PROGRESS):].decode("utf-8", "replace").partition(" ")
            where = f"code cell {number[:6]} ({first[:60]})"
    return where


def _answers_line(text: bytes) -> dict | None:
    for line in reversed(text.split(b"\n")):
        if line.startswith(runner.ANSWERS.encode()):
            try:
                data = json.loads(line[len(runner.ANSWERS):])
            except (ValueError, RecursionError):
                return None
            return data if isinstance(data, dict) else None
    return None


def _exit_text(code: int | None) -> str:
    """bwrap reports a notebook killed by signal N as exit code 128 + N."""
    number = -code if code is not None and code < 0 else (code - 128 if code is not None and code > 128 else 0)
    if number:
        import signal

        try:
            return f"killed by {signal.Signals(number).name}"
        except ValueError:
            return f"killed by signal {number}"
    return f"exited with code {code}"


def run_all(jobs: list[Job], tests: dict[str, dict[str, str]], runner_: Runner, workers: int, on_done) -> None:
    """Grade every job, ``workers`` at a time; ``on_done(job, outcome)`` in the calling thread."""
    import queue

    pending: queue.Queue = queue.Queue()
    for job in jobs:
        pending.put(job)
    finished: queue.Queue = queue.Queue()
    tests_line = json.dumps(tests).encode() + b"\n"

    def work() -> None:
        scorer = _Scorer(tests_line)
        try:
            scorer._start()  # its imports overlap with the first sandbox instead of following it
            while True:
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcome = runner_.run_one(job)
                    if outcome.status == "done":
                        reply = scorer.score(job.exercise, outcome.answers)
                        if "error" in reply:
                            outcome.status, outcome.detail = "crashed", f"scoring failed: {reply['error']}"
                        else:
                            outcome.scores, outcome.feedback = reply["scores"], reply["feedback"]
                    outcome.answers = {}
                except Stopped:
                    return
                except BaseException as err:  # noqa: BLE001 - report, never hang the run
                    outcome = Outcome("crashed", detail=f"grader error: {type(err).__name__}: {err}")
                finished.put((job, outcome))
        finally:
            scorer.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(workers, len(jobs))))]
    for thread in threads:
        thread.start()
    try:
        for _ in jobs:
            while True:
                try:
                    job, outcome = finished.get(timeout=0.5)
                    break
                except queue.Empty:
                    continue
            on_done(job, outcome)
    except BaseException:
        runner_.stop()
        for thread in threads:
            thread.join(timeout=10)
        raise

"""``sinorussia grade``: find the submissions, grade each in a sandbox, write the gradebook.

    sinorussia grade SUBMISSIONS_DIR --out gradebook.csv [--timeout 60] [--memory-mb 1024] [--jobs N]

Folder layout: see ``submissions``; what the sandbox allows: ``sandbox``; statuses: ``STATUSES``.
A re-run skips every file already graded with the same content, the same tests and the same
limits (the resume cache in the feedback folder), so a long class can be resumed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

from .. import ROOT
from .. import exercises as ex
from . import STATUSES, GradingError, default_jobs, gradebook, otter_adapter, submissions
from .gradebook import Result

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
GRADER_VERSION = "2"     # bump when grading changes what a submission earns (invalidates the resume cache)


def _tests_key(tests: dict[str, str], timeout: float, memory_mb: int) -> str:
    digest = hashlib.sha256(f"grader {GRADER_VERSION} timeout {timeout:g} memory {memory_mb}".encode())
    for name in sorted(tests):
        digest.update(name.encode() + b"\0" + tests[name].encode() + b"\0")
    return digest.hexdigest()


def _problem_result(sub: submissions.Submission, questions: dict[str, float], key: str) -> Result:
    status, message = sub.problem
    return Result(sub.student, sub.exercise or sub.name_exercise, sub.relative, questions, None, status,
                  [f"{status}: {message}"] + sub.notes + sub.info, key=key)


def _result(sub, questions: dict[str, float], outcome, timeout: float, key: str) -> Result:
    from .scheduler import CHANNEL_BYTES

    result = Result(sub.student, sub.exercise, sub.relative, questions, None, "ok", list(sub.notes),
                    seconds=outcome.seconds, key=key)
    if outcome.status == "timeout":
        result.status = "timeout"
        result.messages.insert(0, f"timeout: still running after {timeout:g} s, in {outcome.where} "
                                  "(an endless loop, or a very slow cell)")
    elif outcome.status == "flood":
        result.status = "flood"
        result.messages.insert(0, f"flood: sent more than {CHANNEL_BYTES // 2**20} MB back to the grader, "
                                  f"in {outcome.where}")
    elif outcome.status != "done":
        result.status = "crashed"
        result.messages.insert(0, f"crashed: the notebook's sandbox ended in {outcome.where} without handing "
                                  f"back its answers ({outcome.detail or 'no answers'})")
    else:
        result.scores = {q: min(max(float(outcome.scores.get(q, 0.0)), 0.0), possible)
                         for q, possible in questions.items()}
        result.feedback = {q: str(text) for q, text in outcome.feedback.items()}
        if sub.notes:
            result.status = "altered"
        elif outcome.errors:
            result.status = "errors"
        result.messages += [f"error in {e}" for e in outcome.errors[:5]]
        if len(outcome.errors) > 5:
            result.messages.append(f"... and {len(outcome.errors) - 5} more errors")
        result.messages += sub.info
    if result.status in ("timeout", "flood", "crashed"):
        result.messages += sub.info
    return result


def grade(submissions_dir: Path, out: Path, timeout: float = DEFAULT_TIMEOUT,
          memory_mb: int = DEFAULT_MEMORY_MB, jobs: int | None = None, unsafe_no_sandbox: bool = False,
          masters_dir: Path = ex.MASTERS_DIR, exercises_dir: Path = ex.EXERCISES_DIR,
          cache_dir: Path = ex.AUTOGRADER_CACHE, progress=sys.stderr) -> list[Result]:
    """Grade every file under ``submissions_dir``; write ``out`` and its feedback folder."""
    from . import sandbox, scheduler

    submissions_dir, out = Path(submissions_dir), Path(out)
    workers = jobs or default_jobs()
    if (not unsafe_no_sandbox or os.name == "nt") and (why := sandbox.problem()):
        raise GradingError(why)  # on Windows even --unsafe-no-sandbox: the runner needs a Unix
    if not submissions_dir.is_dir():
        raise GradingError(f"{submissions_dir}: no such folder of submissions")
    gradebook.check_paths(out)
    if ROOT.resolve().is_relative_to(submissions_dir.resolve()):
        raise GradingError(f"{submissions_dir}: contains the module itself; "
                           "put the submissions in a folder of their own")
    if out.resolve().is_relative_to(submissions_dir.resolve()):
        raise GradingError(f"{out}: inside the submissions folder; write the gradebook elsewhere")
    exercise_list = ex.exercise_names(masters_dir)
    if not exercise_list:
        raise GradingError(f"{masters_dir}: no exercise masters, so nothing to grade against")
    subs = submissions.discover(submissions_dir)
    if not subs:
        raise GradingError(f"{submissions_dir}: no files to grade")
    out.parent.mkdir(parents=True, exist_ok=True)

    templates = {e: submissions.template_cells(e, exercises_dir, cache_dir) for e in exercise_list}
    previous = gradebook.load_cache(out)
    tests: dict[str, dict[str, str]] = {}
    questions: dict[str, dict[str, float]] = {}
    keys: dict[str, str] = {}
    names: dict[str, list[str]] = {}

    def prepare(exercise: str) -> None:
        if exercise not in tests:
            tests[exercise] = otter_adapter.tests_from_zip(ex.autograder_zip(exercise, masters_dir, cache_dir))
            questions[exercise] = otter_adapter.questions(tests[exercise])
            names[exercise] = otter_adapter.variable_names(tests[exercise])
            keys[exercise] = _tests_key(tests[exercise], timeout, memory_mb)

    results: list[Result] = []
    work: list[scheduler.Job] = []
    reused = 0
    for sub in subs:
        content = submissions.read(sub)
        if content is not None:
            submissions.inspect(sub, content, exercise_list, templates)
        del content
        if sub.exercise:
            prepare(sub.exercise)
        key = f"{sub.digest}:{keys[sub.exercise]}" if sub.digest and sub.exercise else ""
        cached = gradebook.cached_result(previous.get(sub.relative), key) if key else None
        if cached is not None:
            results.append(cached)
            reused += 1
        elif sub.problem is not None:
            results.append(_problem_result(sub, questions.get(sub.exercise, {}), key))
        else:
            payload = {"cells": sub.cells, "notebook_name": f"{sub.exercise}.ipynb",
                       "public_tests": submissions.public_tests(sub.exercise, exercises_dir),
                       "names": names[sub.exercise]}
            work.append(scheduler.Job((sub, key), sub.exercise, payload))
        sub.cells = None
    mode = "WITHOUT a sandbox (--unsafe-no-sandbox)" if unsafe_no_sandbox else "each in a bubblewrap sandbox"
    print(f"grading {len(subs)} file(s) in {submissions_dir}, {mode}, {workers} at a time "
          f"(timeout {timeout:g} s, memory {memory_mb} MB)"
          + (f"; {reused} unchanged since the last run, kept" if reused else ""), file=progress)
    for number, result in enumerate(results, start=1):
        print(f"[{number}/{len(subs)}] {result.file}: {result.status}", file=progress)

    def done(job, outcome) -> None:
        sub, key = job.key
        result = _result(sub, questions[sub.exercise], outcome, timeout, key)
        results.append(result)
        print(f"[{len(results)}/{len(subs)}] {result.file}: {result.status} "
              f"{result.total:g}/{result.possible:g} ({outcome.seconds:.1f} s)", file=progress)

    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    try:
        runner = scheduler.Runner(timeout, memory_mb, unsafe=unsafe_no_sandbox)
        scheduler.run_all(work, tests, runner, workers, done)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)

    results.sort(key=lambda r: (r.student, r.exercise, r.file))
    feedback_dir = gradebook.write_outputs(results, out)
    counts = {s: sum(r.status == s for r in results) for s in STATUSES}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    print(f"wrote {out} ({len(results)} rows: {summary}) and {feedback_dir}/", file=progress)
    return results


def _interrupt(signum, frame) -> NoReturn:
    raise KeyboardInterrupt  # SIGTERM: stop the sandboxes and write nothing, as for Ctrl-C


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
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="grade without bubblewrap (macOS): student code then runs with your "
                             "rights; only for notebooks you trust")


def run(args: argparse.Namespace) -> int:
    results = grade(args.submissions, args.out, args.timeout, args.memory_mb, args.jobs, args.unsafe_no_sandbox)
    return 0 if results else 1

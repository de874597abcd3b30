"""Benchmark: grading throughput of `sinorussia grade` against `otter run`, one after another.

    python -m tools.bench_grading [--n 8]

Both grade the same generated class (full, partial and blank answers, from the chapter 2
exercise) in the same run; the autograder is built before the clock starts. `sinorussia grade`
is timed as a whole command (start-up, imports, gradebook and feedback included), with all
cores and, to show what parallelism adds, with one; `otter run` is the documented no-Docker way
to grade one notebook, run once per submission, sequentially. The totals must agree, or the comparison means nothing.

Where the time goes: each submission's sandbox time (from the grader's progress lines: bwrap,
Python start-up and imports, the cells, exporting the answers) and the cost of an empty sandbox
(bwrap plus a bare Python) are reported next to the totals; the rest is the grader's own
start-up (otter's test files, the scoring processes' imports) and writing the gradebook.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from sinorussia import exercises
from sinorussia.grading import default_jobs

EXERCISE = "02-record-trade"


def _sinorussia() -> list[str]:
    script = Path(sys.executable).with_name("sinorussia")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sinorussia.cli"]


def make_class(folder: Path, n: int, exercise: str = EXERCISE) -> list[Path]:
    """n submissions: in turn fully answered, half answered, blank."""
    ids = exercises.answer_cell_ids(exercise)
    kinds = [None, ids[: len(ids) // 2], []]
    paths = []
    for i in range(n):
        path = folder / f"student{i:03d}" / f"{exercise}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(exercises.answered_version(exercise, kinds[i % 3]), path)
        paths.append(path)
    return paths


def measure(n_submissions: int = 8, jobs: int | None = None, exercise: str = EXERCISE) -> dict:
    """Submissions per minute for both ways of grading, measured now, on this machine."""
    jobs = jobs or default_jobs()
    autograder = exercises.autograder_zip(exercise)  # build (or reuse) outside the timings
    with tempfile.TemporaryDirectory(prefix="sinorussia-bench-") as tmp:
        root = Path(tmp)
        paths = make_class(root / "submissions", n_submissions, exercise)

        sandbox_seconds: list[float] = []

        def grade(workers: int) -> tuple[float, dict[str, float]]:
            out = root / f"gradebook-{workers}.csv"
            start = time.perf_counter()
            done = subprocess.run([*_sinorussia(), "grade", str(root / "submissions"), "--out", str(out),
                                   "--jobs", str(workers)], check=True, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            sandbox_seconds.extend(float(s) for s in re.findall(r"\(([\d.]+) s\)$", done.stderr, re.M))
            with out.open() as handle:
                return seconds, {row["file"]: float(row["total"]) for row in csv.DictReader(handle)}

        ours_seconds, ours = grade(jobs)
        one_job_seconds, ours_one_job = grade(1)  # how much of the gain is parallelism
        empty = _empty_sandbox_seconds()

        otter = {}
        start = time.perf_counter()
        for path in paths:
            out = root / "otter" / path.parent.name
            out.mkdir(parents=True)
            subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder), "-o", str(out), str(path)],
                           check=True, capture_output=True)
            otter[path.relative_to(root / "submissions").as_posix()] = json.loads(
                (out / "results.json").read_text())
        otter_seconds = time.perf_counter() - start
    otter_totals = {f: sum(t["score"] for t in r["tests"] if t.get("max_score") is not None)
                    for f, r in otter.items()}
    return {
        "n_submissions": n_submissions,
        "jobs": jobs,
        "cores": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "sinorussia_grade_seconds": round(ours_seconds, 2),
        "otter_run_sequential_seconds": round(otter_seconds, 2),
        "sinorussia_grade_one_job_seconds": round(one_job_seconds, 2),
        "sinorussia_grade_per_minute": round(60 * n_submissions / ours_seconds, 1),
        "sinorussia_grade_one_job_per_minute": round(60 * n_submissions / one_job_seconds, 1),
        "otter_run_per_minute": round(60 * n_submissions / otter_seconds, 1),
        "speedup": round(otter_seconds / ours_seconds, 2),
        "sandbox_seconds_per_submission": round(sum(sandbox_seconds) / max(1, len(sandbox_seconds)), 2),
        "empty_sandbox_seconds": round(empty, 2),
        "scores_agree": ours == otter_totals == ours_one_job,
    }


def _empty_sandbox_seconds(repeat: int = 3) -> float:
    """bwrap with the grader's options running a bare Python: the floor of one submission."""
    from sinorussia.grading import sandbox

    command = sandbox.command(0, 10)
    command = command[:command.index("--seccomp")] + command[command.index("--seccomp") + 2:]
    command = command[:-4] + [sys.executable, "-c", "pass"]
    start = time.perf_counter()
    for _ in range(repeat):
        subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - start) / repeat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_grading", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=8, help="submissions to grade (default 8)")
    parser.add_argument("--jobs", type=int, default=None, help="jobs for sinorussia grade (default: all cores)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.n, args.jobs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

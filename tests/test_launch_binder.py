"""Binder, as repo2docker builds it: repo2docker writes its own build script for a fresh copy of
the repository (no Docker needed to write it); the steps it runs in the repository are replayed
literally in a fresh venv (``binder``, in conftest.py). Every exercise notebook then runs there
from its own folder, blank as a student opens it, and each of its checks answers at once with a
hint, not the solution; every chapter runs there too, in JupyterLab and Notebook 7 as a student
opens them on Binder (tests/test_launch_jupyterlab.py, which shares this environment)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from launch_env import run_notebooks

from sinorussia import exercises

pytestmark = pytest.mark.launch

# The build and test toolchain: students do not need it, so Binder must not install it.
TOOLCHAIN = ("jupyter-book", "pytest", "playwright", "ruff", "nbval", "frictionless")


def test_binder_installs_what_students_need_and_nothing_else(binder):
    steps = binder.steps
    assert any("binder/requirements.txt" in s for s in steps), f"repo2docker ignores binder/: {steps}"
    assert not any(re.search(r"pip install[^\n]*\s\.(\s|$)", s) for s in steps), \
        f"repo2docker would run 'pip install .' over the student list: {steps}"
    installed = subprocess.run([str(binder.venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
                               capture_output=True, text=True, check=True).stdout.lower()
    names = {line.split("==")[0].replace("_", "-") for line in installed.splitlines()}
    for needed in ("jupyterlab", "notebook", "jupyterlab-myst", "altair", "otter-grader", "sinorussia"):
        assert needed in names, f"Binder's environment lacks {needed}"
    # otter-grader itself requires playwright (for PDF export); the rest must not come in at all.
    unwanted = [name for name in TOOLCHAIN if name in names and name != "playwright"]
    assert not unwanted, f"Binder's environment installs the build/test toolchain: {unwanted}"
    assert "playwright" not in (binder.repo / "binder" / "requirements.txt").read_text()


@pytest.fixture(scope="module")
def exercise_run(binder, tmp_path_factory) -> tuple[subprocess.CompletedProcess, int, Path]:
    """Every blank exercise notebook run top to bottom in Binder's environment, each saved as run."""
    notebooks = sorted(binder.repo.glob("exercises/[0-9]*/*.ipynb"))
    saved = tmp_path_factory.mktemp("binder-exercises")
    run = run_notebooks(binder.venv / "bin" / "python", notebooks, binder.repo, binder.env, "--save", str(saved))
    return run, len(notebooks), saved


def test_binder_runs_every_exercise_notebook(exercise_run):
    run, count, _ = exercise_run
    assert count >= 10, f"too few exercise notebooks: {count}"
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert f"{count} passed, 0 failed" in run.stdout
    print(run.stdout)


@pytest.mark.parametrize("slug", [m.stem for m in exercises.masters()])
def test_check_answers_within_a_second_with_a_hint_not_the_answer(slug, exercise_run):
    executed = nbformat.read(exercise_run[2] / f"{slug}.ipynb", as_version=4)
    secret, _ = exercises.solution_lines(nbformat.read(exercises.master_path(slug), as_version=4))
    checks = [c for c in executed.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert checks
    for cell in checks:
        timing = cell.metadata["execution"]
        seconds = (_time(timing["shell.execute_reply"]) - _time(timing["iopub.execute_input"]))
        assert seconds < 1.0, f"{cell.source}: {seconds:.2f} s"
        text = _output_text(cell)
        hints = re.findall(r"AssertionError: (.{20,})", text)
        assert hints, f"{cell.source} gives no hint on a blank answer:\n{text[:500]}"
        assert not [line for line in secret if line in text], f"{cell.source} shows solution text"


def _output_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        for value in output.get("data", {}).values():
            parts.append(value if isinstance(value, str) else json.dumps(value))
    return "".join(parts)


def _time(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()

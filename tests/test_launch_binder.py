"""Binder, as repo2docker builds it: repo2docker writes its own build script for a fresh copy of
the repository (no Docker needed to write it); the steps it runs in the repository are replayed
literally in a fresh venv (``binder``, in conftest.py). Every exercise notebook then runs there
from its own folder; every chapter runs there too, in JupyterLab and Notebook 7 as a student
opens them on Binder (tests/test_launch_jupyterlab.py, which shares this environment)."""

from __future__ import annotations

import re
import subprocess

import pytest
from launch_env import run_notebooks

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


def test_binder_runs_every_exercise_notebook(binder):
    notebooks = sorted(binder.repo.glob("exercises/[0-9]*/*.ipynb"))
    assert len(notebooks) >= 10, f"too few exercise notebooks: {notebooks}"
    run = run_notebooks(binder.venv / "bin" / "python", notebooks, cwd=binder.repo, env=binder.env)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert f"{len(notebooks)} passed, 0 failed" in run.stdout
    print(run.stdout)

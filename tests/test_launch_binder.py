"""Binder, as repo2docker builds it: repo2docker writes its own build script for a fresh copy of
the repository (no Docker needed to write it); the steps it runs in the repository are replayed
literally in a fresh venv, and every chapter and exercise notebook then runs from its own folder."""

from __future__ import annotations

import re
import subprocess

import pytest
from launch_env import CACHE, clean_env, make_venv, repository_copy, run_notebooks, student_notebooks

pytestmark = pytest.mark.launch

REPO2DOCKER = "jupyter-repo2docker==2026.4.0"
# The build and test toolchain: students do not need it, so Binder must not install it.
TOOLCHAIN = ("jupyter-book", "pytest", "playwright", "ruff", "nbval", "frictionless")


@pytest.fixture(scope="module")
def repo2docker():
    """repo2docker in its own venv (kept in the cache: it does not depend on our code)."""
    venv = CACHE / "repo2docker"
    stamp = venv / ".installed"
    if not stamp.exists() or stamp.read_text() != REPO2DOCKER:
        make_venv(venv)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", REPO2DOCKER], check=True, timeout=600)
        stamp.write_text(REPO2DOCKER)
    return venv / "bin" / "jupyter-repo2docker"


def dockerfile_for(repo2docker, repo) -> str:
    result = subprocess.run([str(repo2docker), "--no-build", "--debug", str(repo)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "FROM " in result.stdout, f"repo2docker printed no Dockerfile: {result.stdout[:500]}"
    return result.stdout


def repository_steps(dockerfile: str) -> list[str]:
    """The RUN steps after repo2docker copies the repository in: the ones our files decide."""
    marker = re.search(r"^COPY [^\n]*\bsrc/ \$\{REPO_DIR\}/\s*$", dockerfile, re.M)
    assert marker, "repo2docker's Dockerfile no longer copies the repository the way this test expects"
    steps = []
    for match in re.finditer(r"^RUN (.*(?:\\\n.*)*)", dockerfile[marker.end():], re.M):
        steps.append(match.group(1).replace("\\\n", "\n"))
    return steps


def test_binder_installs_what_students_need_and_runs_every_notebook(repo2docker, tmp_path):
    repo = repository_copy(tmp_path / "repo")
    dockerfile = dockerfile_for(repo2docker, repo)
    (tmp_path / "Dockerfile").write_text(dockerfile)
    steps = repository_steps(dockerfile)
    assert any("binder/requirements.txt" in s for s in steps), f"repo2docker ignores binder/: {steps}"
    assert not any(re.search(r"pip install[^\n]*\s\.(\s|$)", s) for s in steps), \
        f"repo2docker would run 'pip install .' over the student list: {steps}"

    # The image's Python environment is ${KERNEL_PYTHON_PREFIX}; here it is a fresh venv.
    venv = make_venv(tmp_path / "notebook-env")
    env = clean_env(venv, KERNEL_PYTHON_PREFIX=str(venv), NB_PYTHON_PREFIX=str(venv), REPO_DIR=str(repo))
    for step in steps:
        done = subprocess.run(["bash", "-c", step], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, f"step {step!r} failed:\n{done.stderr[-3000:]}"

    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
                               capture_output=True, text=True, check=True).stdout.lower()
    names = {line.split("==")[0].replace("_", "-") for line in installed.splitlines()}
    for needed in ("jupyterlab", "notebook", "jupyterlab-myst", "altair", "otter-grader", "sinorussia"):
        assert needed in names, f"Binder's environment lacks {needed}"
    # otter-grader itself requires playwright (for PDF export); the rest must not come in at all.
    unwanted = [name for name in TOOLCHAIN if name in names and name != "playwright"]
    assert not unwanted, f"Binder's environment installs the build/test toolchain: {unwanted}"
    assert "playwright" not in (repo / "binder" / "requirements.txt").read_text()

    notebooks = student_notebooks(repo)
    run = run_notebooks(venv / "bin" / "python", notebooks, cwd=repo, env=env)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert f"{len(notebooks)} passed, 0 failed" in run.stdout
    print(run.stdout)

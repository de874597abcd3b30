"""Shared by the launch tests: a fresh copy of the repository, venvs, the notebooks to run."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Kept between runs (repo2docker's own venv, wheels): only what does not depend on our code.
CACHE = ROOT / "_build" / "launch-cache"


def repository_copy(dest: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored), as a clone would have them."""
    from tools.prebuild import repository_files

    for name in repository_files(ROOT):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def student_notebooks(root: Path) -> list[Path]:
    """Every chapter and every student exercise notebook (not the masters)."""
    found = sorted(root.glob("chapters/*.ipynb")) + sorted(root.glob("exercises/[0-9]*/*.ipynb"))
    assert len(found) >= 20, f"too few notebooks under {root}: {found}"
    return found


def clean_env(venv: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment without our venv; ``venv``'s bin first on PATH."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "SINORUSSIA_ROOT")}
    path = [p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT / ".venv"))]
    if venv is not None:
        path.insert(0, str(venv / "bin"))
        env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join(path)
    env.update(extra)
    return env


def make_venv(path: Path, python: str = sys.executable) -> Path:
    base = getattr(sys, "_base_executable", python)
    subprocess.run([base, "-m", "venv", str(path)], check=True)
    return path


def digest(*texts: str) -> str:
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]


def run_notebooks(python: Path, notebooks: list[Path], cwd: Path, env: dict, *extra: str,
                  timeout: int = 1200) -> subprocess.CompletedProcess:
    """tools/run_notebooks.py under ``python``: each notebook from its own folder."""
    script = ROOT / "tools" / "run_notebooks.py"
    return subprocess.run([str(python), str(script), "--jobs", "2", *extra, *map(str, notebooks)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


# --- Binder, as repo2docker builds it ------------------------------------------------------------

REPO2DOCKER = "jupyter-repo2docker==2026.4.0"


def repo2docker() -> Path:
    """repo2docker in its own venv (kept in the cache: it does not depend on our code)."""
    venv = CACHE / "repo2docker"
    stamp = venv / ".installed"
    if not stamp.exists() or stamp.read_text() != REPO2DOCKER:
        make_venv(venv)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", REPO2DOCKER], check=True, timeout=600)
        stamp.write_text(REPO2DOCKER)
    return venv / "bin" / "jupyter-repo2docker"


def dockerfile_for(repo: Path) -> str:
    """The Dockerfile repo2docker writes for ``repo`` (no Docker needed to write it)."""
    result = subprocess.run([str(repo2docker()), "--no-build", "--debug", str(repo)],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or "FROM " not in result.stdout:
        raise AssertionError(f"repo2docker wrote no Dockerfile: {result.stderr[-3000:]}")
    return result.stdout


def repository_steps(dockerfile: str) -> list[str]:
    """The RUN steps after repo2docker copies the repository in: the ones our files decide."""
    marker = re.search(r"^COPY [^\n]*\bsrc/ \$\{REPO_DIR\}/\s*$", dockerfile, re.M)
    assert marker, "repo2docker's Dockerfile no longer copies the repository the way this test expects"
    steps = []
    for match in re.finditer(r"^RUN (.*(?:\\\n.*)*)", dockerfile[marker.end():], re.M):
        steps.append(match.group(1).replace("\\\n", "\n"))
    return steps


@dataclass
class Binder:
    repo: Path             # the repository as the image holds it (${REPO_DIR})
    venv: Path             # the image's Python environment (${KERNEL_PYTHON_PREFIX})
    env: dict[str, str]    # the environment the image's steps and Jupyter run in
    dockerfile: str
    steps: list[str]


def build_binder(folder: Path) -> Binder:
    """A fresh copy of the repository, and repo2docker's own steps for it replayed literally in a
    fresh venv, as the image's Python environment (the Docker image itself needs Docker)."""
    repo = repository_copy(folder / "repo")
    dockerfile = dockerfile_for(repo)
    steps = repository_steps(dockerfile)
    venv = make_venv(folder / "notebook-env")
    env = clean_env(venv, KERNEL_PYTHON_PREFIX=str(venv), NB_PYTHON_PREFIX=str(venv), REPO_DIR=str(repo))
    for step in steps:
        done = subprocess.run(["bash", "-c", step], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"step {step!r} failed:\n{done.stderr[-3000:]}"
    return Binder(repo, venv, env, dockerfile, steps)

"""Shared by the launch tests: a fresh copy of the repository, venvs, the notebooks to run."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Kept between runs (repo2docker's own venv, wheels): only what does not depend on our code.
CACHE = ROOT / "_build" / "launch-cache"


def repository_copy(dest: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored), as a clone would have them."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
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

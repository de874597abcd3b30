"""The Binder/Colab path: a fresh environment from requirements.txt alone runs every chapter
and every student exercise, as a student who clicks a launch button would."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sinorussia import ROOT

pytestmark = pytest.mark.launch


def test_requirements_pin_every_package_exactly():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    loose = [line for line in lines if not line.startswith("-e") and "==" not in line]
    assert not loose, f"requirements.txt lines without an exact pin: {loose}"
    assert "jupyter-book==1.0.4.post1" in lines
    assert (ROOT / "runtime.txt").read_text().strip().startswith("python-3.")


def test_fresh_environment_from_requirements_runs_every_notebook(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
                             cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stderr[-3000:]
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "chapters").glob("*.ipynb"))
    notebooks += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "exercises").glob("*/*.ipynb"))
    assert len(notebooks) >= 2
    # The fresh environment's own pytest and kernel execute the notebooks (nbval, lax mode).
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    run = subprocess.run([str(python), "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider",
                          "--rootdir", str(tmp_path), *notebooks],
                         cwd=ROOT, capture_output=True, text=True, timeout=1800, env=env)
    assert run.returncode == 0, run.stdout[-4000:]

"""Colab, as far as it can be rebuilt here: a venv with Colab's published versions of its core
packages (tests/colab-core.txt), a kernel that has imported ``google.colab`` as Colab's does,
and each chapter and exercise notebook alone in a scratch folder, as Colab opens it from GitHub. The Colab
set-up cell fetches the module (from a local release archive instead of GitHub) and installs
what is missing; every notebook must then run, and none of Colab's core packages may change.

Python here is the machine's (3.11); Colab runs 3.12."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from launch_env import ROOT, clean_env, make_venv, repository_copy, run_notebooks

pytestmark = pytest.mark.launch

CORE = ROOT / "tests" / "colab-core.txt"


def _versions(python: Path) -> dict[str, str]:
    frozen = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True,
                            text=True, check=True).stdout
    return {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
            for line in frozen.splitlines() if "==" in line}


def test_colab_cell_runs_every_notebook_and_keeps_colabs_packages(tmp_path):
    from tools.colab_cell import CELL_ID

    venv = make_venv(tmp_path / "colab")
    python = venv / "bin" / "python"
    env = clean_env(venv)
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(CORE)], env=env,
                               capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr[-3000:]
    before = _versions(python)
    pinned = {line.split("==")[0].lower() for line in CORE.read_text().splitlines() if "==" in line}

    # The release archive, laid out as GitHub's (one top folder), and a kernel that has google.colab.
    release = repository_copy(tmp_path / "reverse-kissinger-book-1.0.0")
    archive = tmp_path / "release.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(release, arcname=release.name)
    fake = tmp_path / "colab-site" / "google" / "colab"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('"""Stands in for Colab\'s module: only its presence matters."""\n')
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # Colab's kernel has it loaded\n")

    # Each notebook alone in Colab's working folder, as Colab opens it from GitHub.
    # (Exercises share their chapter's file name: they get a folder of their own here.)
    notebooks = []
    for folder, pattern in (("content", "chapters/*.ipynb"), ("content-exercises", "exercises/[0-9]*/*.ipynb")):
        (tmp_path / folder).mkdir()
        for source in sorted(ROOT.glob(pattern)):
            assert f'"id": "{CELL_ID}"' in source.read_text(), f"{source} has no Colab set-up cell"
            notebooks.append(Path(shutil.copy2(source, tmp_path / folder / source.name)))
    content = tmp_path / "content"
    run_env = clean_env(venv, PYTHONPATH=str(fake.parent.parent), IPYTHONDIR=str(tmp_path / "ipython"),
                        SINORUSSIA_SOURCE=archive.as_uri(), SINORUSSIA_COLAB_DIR=str(tmp_path / "sinorussia"))
    # The first notebook fetches and installs; the others (one Colab machine each, in reality)
    # then find the module in place, as a second notebook on the same Colab machine would.
    for batch in (notebooks[:1], notebooks[1:]):
        run = run_notebooks(python, batch, cwd=content, env=run_env, timeout=1800)
        assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
        assert f"{len(batch)} passed, 0 failed" in run.stdout
        print(run.stdout)

    after = _versions(python)
    changed = {name: (before.get(name), after.get(name)) for name in pinned if before.get(name) != after.get(name)}
    assert not changed, f"the Colab cell changed Colab's own packages: {changed}"
    assert "sinorussia" in after and "otter-grader" in after, "the cell did not install the module"

"""The autograder zip `otter assign` emits works as is, as Gradescope or `otter run` would use it.

A fresh virtual environment gets only what the zip's own environment.yml asks pip for; then
`otter run` grades the master's answers (full marks) and the blank student version (zero) from
outside the repository, so `sinorussia` and the data can only come from the zip itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import nbformat
import pytest
import yaml

from sinorussia import exercises

pytestmark = pytest.mark.launch

EXERCISE = "02-record-trade"


def test_the_autograder_zip_grades_as_is_in_a_fresh_environment(tmp_path):
    zip_path = exercises.autograder_zip(EXERCISE)
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        environment = yaml.safe_load(archive.read("environment.yml"))
    assert {"files/sinorussia/data.py", "files/data/datapackage.json", "tests/q1.py"} <= names
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    pinned = {line.split("==")[0]: line.strip() for line in (exercises.ROOT / "requirements.txt").read_text()
              .splitlines() if "==" in line}
    for requirement in pip[1:]:   # the masters' pins are the module's pins
        assert pinned.get(requirement.split("==")[0]) == requirement, requirement

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    (tmp_path / "requirements.txt").write_text("\n".join(pip) + "\n")
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r", str(tmp_path / "requirements.txt")],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]

    totals = {}
    for kind, answers in (("master", None), ("blank", [])):
        folder = tmp_path / kind
        folder.mkdir()
        nbformat.write(exercises.answered_version(EXERCISE, answers), folder / f"{EXERCISE}.ipynb")
        out = tmp_path / f"out-{kind}"
        out.mkdir()
        done = subprocess.run([str(venv / "bin" / "python"), "-m", "otter", "run", "-a", str(zip_path), "-o", str(out),
                               str(folder / f"{EXERCISE}.ipynb")], capture_output=True, text=True, timeout=300,
                              cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-2000:]
        tests = [t for t in json.loads((out / "results.json").read_text())["tests"] if t.get("max_score") is not None]
        totals[kind] = (sum(t["score"] for t in tests), sum(t["max_score"] for t in tests))
    assert totals["master"][0] == totals["master"][1] == 8
    assert totals["blank"][0] == 0

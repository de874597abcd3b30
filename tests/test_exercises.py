"""The exercise masters, and the student versions generated from them.

Real otter assign, real otter run, real kernels (nbclient): nothing here is mocked.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from sinorussia import exercises

pytestmark = pytest.mark.grading

MASTERS = exercises.masters()
SLUGS = [m.stem for m in MASTERS]


def _otter_run(notebook: Path, autograder_zip: Path, out: Path) -> dict:
    """Grade one notebook with otter's own non-Docker grader; returns results.json."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder_zip), "-o", str(out),
                           str(notebook)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads((out / "results.json").read_text())


def _points(results: dict) -> tuple[float, float]:
    tests = [t for t in results["tests"] if t.get("max_score") is not None]
    return sum(t["score"] for t in tests), sum(t["max_score"] for t in tests)


class PerExercise(dict):
    """A module-wide cache filled one exercise at a time, when a test first asks for it: run on
    several workers, each works only on the exercises it was given (see conftest.worker_group)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, slug: str):
        self[slug] = self.make(slug)
        return self[slug]


@pytest.fixture(scope="module")
def assigned(tmp_path_factory) -> dict[str, Path]:
    """An exercise's master through otter assign, once for the module."""
    return PerExercise(lambda slug: exercises.run_assign(exercises.master_path(slug),
                                                         tmp_path_factory.mktemp("assign") / slug))


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """An exercise's blank student version run top to bottom by a real kernel, from a copy of its folder."""
    def run(slug: str) -> nbformat.NotebookNode:
        folder = tmp_path_factory.mktemp("run") / slug
        shutil.copytree(exercises.EXERCISES_DIR / slug, folder)
        nb = nbformat.read(folder / f"{slug}.ipynb", as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        return nb
    return PerExercise(run)


def test_there_is_at_least_one_master():
    assert SLUGS, f"no masters in {exercises.MASTERS_DIR}"
    assert "02-record-trade" in SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_committed_student_version_is_what_its_master_generates(slug, assigned):
    expected = exercises.student_files(assigned[slug], exercises.master_path(slug))
    assert exercises.differences(slug, expected, exercises.EXERCISES_DIR / slug) == []


def test_a_stale_student_version_is_reported(tmp_path, assigned):
    slug = SLUGS[0]
    copy = tmp_path / slug
    shutil.copytree(exercises.EXERCISES_DIR / slug, copy)
    nb = nbformat.read(copy / f"{slug}.ipynb", as_version=4)
    next(c for c in nb.cells if c.cell_type == "markdown").source += "\n\nEdited by hand."
    nbformat.write(nb, copy / f"{slug}.ipynb")
    (copy / "tests" / "q99.py").write_text("name = 'q99'\n")
    expected = exercises.student_files(assigned[slug], exercises.master_path(slug))
    problems = exercises.differences(slug, expected, copy)
    assert any(f"{slug}.ipynb: differs" in p for p in problems), problems
    assert any("q99.py: not generated" in p for p in problems), problems


def test_assign_check_command_fails_on_a_stale_copy(tmp_path):
    shutil.copytree(exercises.EXERCISES_DIR, tmp_path / "exercises", ignore=shutil.ignore_patterns("masters"))
    stale = tmp_path / "exercises" / SLUGS[0] / "tests" / "q1.py"
    stale.write_text(stale.read_text() + "\n# edited\n")
    done = subprocess.run([sys.executable, "-m", "sinorussia.cli", "assign", "--check", SLUGS[0],
                           "--exercises", str(tmp_path / "exercises")], capture_output=True, text=True)
    assert done.returncode == 1
    assert str(stale) in done.stderr


@pytest.mark.parametrize("slug", SLUGS)
def test_no_solution_or_hidden_test_line_reaches_students(slug):
    master = nbformat.read(exercises.master_path(slug), as_version=4)
    folder = exercises.EXERCISES_DIR / slug
    student = nbformat.read(folder / f"{slug}.ipynb", as_version=4)
    public = {f"tests/{p.name}": p.read_text() for p in (folder / "tests").glob("*.py")}
    secret, _ = exercises.solution_lines(master)
    assert secret, "the leak check found no solution lines to look for"
    hidden_tests = re.findall(r"def (test_\w+)", "\n".join(
        c.source for c in master.cells if c.cell_type == "code" and "hidden: true" in c.source))
    assert hidden_tests, "every question should have a hidden test"
    assert all(any(name in line for line in secret) for name in hidden_tests)
    assert exercises.find_leaks(master, student, public) == []


def test_leak_check_catches_a_solution_cell_without_markers(tmp_path):
    """otter assign ships a solution cell without in-code markers verbatim: the check must see it."""
    source = exercises.master_path("02-record-trade")
    master = nbformat.read(source, as_version=4)
    cell = next(c for c in master.cells if c.cell_type == "code" and re.search(r"# SOLUTION\s*$", c.source, re.M))
    cell.source = re.sub(r"\s*# SOLUTION\s*$", "", cell.source, flags=re.M)
    leaky = tmp_path / "masters" / source.name
    leaky.parent.mkdir()
    for folder in ("sinorussia", "data"):   # the master's autograder_files, beside it as in exercises/masters
        (leaky.parent / folder).symlink_to((exercises.MASTERS_DIR / folder).resolve())
    nbformat.write(master, leaky)
    assign_dir = exercises.run_assign(leaky, tmp_path / "dist")
    student = nbformat.read(assign_dir / "student" / source.name, as_version=4)
    leaks = exercises.find_leaks(master, student)
    assert leaks and all(cell.id in leak for leak in leaks)
    with pytest.raises(exercises.ExerciseError, match="solution text would reach students"):
        exercises.student_files(assign_dir, leaky)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_master_scores_full_marks_on_public_and_hidden_tests(slug, assigned, tmp_path):
    dist = assigned[slug] / "autograder"
    results = _otter_run(dist / f"{slug}.ipynb", next(dist.glob("*.zip")), tmp_path)
    total, possible = _points(results)
    assert possible > 0 and total == possible, results


@pytest.mark.parametrize("slug", SLUGS)
def test_blank_student_version_runs_and_scores_zero(slug, assigned, executed, tmp_path):
    errors = [o for c in executed[slug].cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    dist = assigned[slug] / "autograder"
    total, possible = _points(_otter_run(exercises.EXERCISES_DIR / slug / f"{slug}.ipynb",
                                         next(dist.glob("*.zip")), tmp_path))
    assert possible > 0 and total == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_check_answers_within_a_second_with_a_hint_not_the_answer(slug, executed):
    secret, _ = exercises.solution_lines(nbformat.read(exercises.master_path(slug), as_version=4))
    checks = [c for c in executed[slug].cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
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
    from datetime import datetime
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


@pytest.mark.parametrize("slug", SLUGS)
def test_student_version_is_ready_for_students_and_the_book(slug):
    nb = nbformat.read(exercises.EXERCISES_DIR / slug / f"{slug}.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["mystnb"] == {"execution_mode": "off"}
    assert nb.metadata["otter"]["assignment_name"] == slug
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if re.fullmatch(r"[0-9a-f]{8}", i)], "otter's random cell ids were not replaced"
    assert any("otter_answer_cell" in c.metadata.get("tags", []) for c in code)
    assert any("data.load(" in c.source for c in code), "the notebook should load its data with sinorussia.data"

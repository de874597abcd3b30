"""The exercise masters, and the student versions generated from them.

Real otter assign, real kernels (nbclient),
and the instructor's own command, `sinorussia grade`, on every exercise: nothing here is mocked.
otter's own grader (`otter run`, as Gradescope uses it) is held to the same scores in
test_grading.py and test_gradescope_zip.py.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from sinorussia import exercises

pytestmark = pytest.mark.grading

MASTERS = exercises.masters()
SLUGS = [m.stem for m in MASTERS]


@pytest.fixture(scope="module")
def assigned(tmp_path_factory) -> dict[str, Path]:
    """Each master through otter assign, once for the module; the autograder it writes goes to
    the cache `sinorussia grade` reads, so the grading below does not assign again. otter does
    not run the solutions against the tests here: the gradebook below does, in the real grader."""
    root = tmp_path_factory.mktemp("assign")

    def assign(master: Path) -> Path:
        dist = exercises.run_assign(master, root / master.stem, run_tests=False)
        exercises.store_autograder(master, dist)
        return dist
    with ThreadPoolExecutor(2) as pool:  # otter assign is a subprocess: two at a time on two cores
        dists = pool.map(assign, MASTERS)
    return dict(zip(SLUGS, dists, strict=False))


@pytest.fixture(scope="module")
def gradebook(assigned, tmp_path_factory) -> dict[tuple[str, str], dict]:
    """One `sinorussia grade` run, as an instructor makes it, on a class of two students: one
    hands in every exercise answered with its master's solution, the other every blank form."""
    klass = tmp_path_factory.mktemp("class")
    for slug in SLUGS:
        nbformat.write(exercises.answered_version(slug), _make(klass / "solution" / f"{slug}.ipynb"))
        shutil.copy(exercises.EXERCISES_DIR / slug / f"{slug}.ipynb", _make(klass / "blank" / f"{slug}.ipynb"))
    out = klass.parent / f"{klass.name}-gradebook.csv"
    done = subprocess.run([sys.executable, "-m", "sinorussia.cli", "grade", str(klass), "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    with out.open(newline="") as f:
        return {(row["student"], row["exercise"]): row for row in csv.DictReader(f)}


def _make(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


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
    assign_dir = exercises.run_assign(leaky, tmp_path / "dist", run_tests=False)
    student = nbformat.read(assign_dir / "student" / source.name, as_version=4)
    leaks = exercises.find_leaks(master, student)
    assert leaks and all(cell.id in leak for leak in leaks)
    with pytest.raises(exercises.ExerciseError, match="solution text would reach students"):
        exercises.student_files(assign_dir, leaky)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_masters_solution_scores_full_marks_on_public_and_hidden_tests(slug, gradebook):
    row = gradebook[("solution", slug)]
    assert row["status"] == "ok", row
    assert float(row["possible"]) > 0 and float(row["total"]) == float(row["possible"]), row


@pytest.mark.parametrize("slug", SLUGS)
def test_blank_student_version_scores_zero(slug, gradebook):
    """(That the blank version runs top to bottom, with a hint at each check, is tested where
    students run it: tests/test_launch_binder.py.)"""
    row = gradebook[("blank", slug)]
    assert row["status"] == "ok", row
    assert float(row["possible"]) > 0 and float(row["total"]) == 0, row


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

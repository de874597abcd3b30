"""Written answers: every exercise has one, and the manual-grading round trip works end to end.

A small class of real notebooks (solutions from otter assign, written answers typed in) is
graded by the real `sinorussia grade`; `sinorussia written export` lays the answers out per
question; an instructor's scores file is filled in; `sinorussia written merge` puts the scores
into the gradebook. Nothing is mocked.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from sinorussia import exercises, written

pytestmark = pytest.mark.grading

EXERCISES = ["02-record-trade", "05-friendship-limits"]
ANSWERS = {  # student -> (layout, written answer); the answer text is the student's own
    "alice": ("folder", "The 32.7% is the yuan rate; in dollars trade grew less, so the figure misleads."),
    "bob": ("flat", "It is right. <script>alert('x')</script> & nothing else"),
    "chloe": ("folder", None),  # hands in without writing anything
}


def sinorussia(*args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("sinorussia")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sinorussia.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("slug", exercises.exercise_names())
def test_every_exercise_has_a_written_question_with_a_rubric_and_a_model_answer(slug):
    questions = written.questions_of(exercises.master_path(slug))
    assert questions, f"{slug}: no written (manual) question"
    for question in questions:
        assert question.points > 0 and len(question.rubric) >= 2, f"{slug} {question.name}: rubric too thin"
        assert sum(r["points"] for r in question.rubric) == question.points
        assert len(question.model_answer.split()) >= 40, f"{slug} {question.name}: no real model answer"
        student = nbformat.read(exercises.EXERCISES_DIR / slug / f"{slug}.ipynb", as_version=4)
        ids = {c.id: c for c in student.cells}
        assert question.response_id in ids, f"{slug}: the student version has no answer cell {question.response_id}"
        assert question.model_answer.strip() not in "\n".join(c.source for c in student.cells), \
            f"{slug}: the model answer reaches students"


@pytest.fixture(scope="module")
def roundtrip(tmp_path_factory):
    root = tmp_path_factory.mktemp("written")
    submissions = root / "submissions"
    for exercise in EXERCISES:
        question = written.questions_of(exercises.master_path(exercise))[0]
        for student, (layout, text) in ANSWERS.items():
            nb = exercises.answered_version(exercise)
            if text is not None:
                next(c for c in nb.cells if c.id == question.response_id).source = f"{text} ({exercise})"
            path = (submissions / student / f"{exercise}.ipynb" if layout == "folder"
                    else submissions / f"{student}__{exercise}.ipynb")
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, path)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in submissions.rglob("*.ipynb")}
    gradebook = root / "gradebook.csv"
    graded = sinorussia("grade", str(submissions), "--out", str(gradebook))
    assert graded.returncode == 0, graded.stderr[-2000:]
    with open(gradebook, newline="") as handle:
        auto = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
    exported = sinorussia("written", "export", str(submissions), "--out", str(root / "written"))
    assert exported.returncode == 0, exported.stderr
    scores_path = root / "written" / "scores.csv"
    with open(scores_path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    points = {"alice": "3", "bob": "1.5", "chloe": "0"}
    for row in rows:  # the instructor's marking
        row["points"] = points[row["student"]]
    with open(scores_path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=written.SCORE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    merged = sinorussia("written", "merge", str(gradebook), str(scores_path))
    assert merged.returncode == 0, merged.stderr
    with open(gradebook, newline="") as handle:
        header = next(csv.reader(handle))
        handle.seek(0)
        final = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in submissions.rglob("*.ipynb")}
    return dict(root=root, auto=auto, final=final, header=header, points=points, rows=rows,
                unchanged=before == after, gradebook=gradebook, scores=scores_path)


def test_export_puts_each_question_on_one_page_with_every_student(roundtrip):
    for exercise in EXERCISES:
        page = (roundtrip["root"] / "written" / exercise / "w1.html").read_text()
        assert "Rubric" in page and "Model answer" in page
        assert f"yuan rate; in dollars trade grew less, so the figure misleads. ({exercise})" in page
        assert "&lt;script&gt;" in page and "<script>" not in page, "a student's answer must be escaped"
        assert "chloe" in page and "blank" in page
    assert len(roundtrip["rows"]) == len(EXERCISES) * len(ANSWERS)
    assert roundtrip["unchanged"], "export or grading changed a submitted file"


def test_merge_adds_a_column_per_written_question_and_updates_the_totals(roundtrip):
    header = roundtrip["header"]
    assert "w1" in header and header.index("w1") < header.index("total")
    for (student, exercise), row in roundtrip["final"].items():
        before = roundtrip["auto"][(student, exercise)]
        assert row["w1"] == roundtrip["points"][student]
        assert float(row["total"]) == pytest.approx(float(before["total"]) + float(roundtrip["points"][student]))
        assert float(row["possible"]) == pytest.approx(float(before["possible"]) + 3)
        assert float(before["total"]) == float(before["possible"]), "the solutions should score full marks"


def test_merging_the_same_scores_twice_changes_nothing(roundtrip, tmp_path):
    again = tmp_path / "again.csv"
    done = sinorussia("written", "merge", str(roundtrip["gradebook"]), str(roundtrip["scores"]), "--out", str(again))
    assert done.returncode == 0, done.stderr
    assert again.read_text() == roundtrip["gradebook"].read_text()


@pytest.mark.parametrize("change, words", [
    ({"points": "4"}, "outside 0 to 3"),
    ({"points": ""}, "no points"),
    ({"points": "three"}, "not a number"),
    ({"student": "mallory"}, "mallory has no row"),
])
def test_a_bad_scores_file_is_one_line_and_leaves_the_gradebook_alone(roundtrip, tmp_path, change, words):
    rows = [dict(r) for r in roundtrip["rows"]]
    rows[0].update(change)
    bad = tmp_path / "scores.csv"
    with open(bad, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=written.SCORE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    before = roundtrip["gradebook"].read_bytes()
    done = sinorussia("written", "merge", str(roundtrip["gradebook"]), str(bad))
    assert done.returncode == 2 and words in done.stderr and str(bad) in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert roundtrip["gradebook"].read_bytes() == before


def test_a_missing_score_is_named(roundtrip, tmp_path):
    bad = tmp_path / "scores.csv"
    with open(bad, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=written.SCORE_COLUMNS)
        writer.writeheader()
        writer.writerows(roundtrip["rows"][1:])
    done = sinorussia("written", "merge", str(roundtrip["gradebook"]), str(bad))
    first = roundtrip["rows"][0]
    assert done.returncode == 2 and f"no score for {first['student']}" in done.stderr, done.stderr


def test_export_refuses_to_overwrite_a_scores_file(roundtrip):
    done = sinorussia("written", "export", str(roundtrip["root"] / "submissions"),
                      "--out", str(roundtrip["root"] / "written"))
    assert done.returncode == 2 and "already exists" in done.stderr

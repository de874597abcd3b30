"""The capstone memo through the manual-grading round trip, end to end, with the real commands.

Two students hand in the capstone notebook (one with its figures and a memo, one blank);
`sinorussia grade` scores the figures question; `sinorussia written export` lays the memos out
under the rubric; the instructor fills scores.csv; `sinorussia written merge` puts the scores in
the gradebook; `sinorussia export` hands the result to Canvas. Nothing is mocked.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from sinorussia import exercises, written

pytestmark = pytest.mark.grading

CAPSTONE = "12-capstone-memo"
MEMO = ("To the planner. Bottom line: the status quo holds for the next few years. China took a growing share "
        "of Russia's exports (table trade_shares) and gas deliveries rose in 2025 (table pos1_deliveries).")


def sinorussia(*args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("sinorussia")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sinorussia.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=600)


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def class_(tmp_path_factory):
    root = tmp_path_factory.mktemp("capstone")
    (memo,) = written.questions_of(exercises.master_path(CAPSTONE))
    alice = exercises.answered_version(CAPSTONE)
    next(c for c in alice.cells if c.id == memo.response_id).source = MEMO
    blank = nbformat.read(exercises.EXERCISES_DIR / CAPSTONE / f"{CAPSTONE}.ipynb", as_version=4)
    for student, nb in (("alice", alice), ("bob", blank)):
        (root / "submissions" / student).mkdir(parents=True)
        nbformat.write(nb, root / "submissions" / student / f"{CAPSTONE}.ipynb")
    gradebook = root / "gradebook.csv"
    graded = sinorussia("grade", str(root / "submissions"), "--out", str(gradebook))
    assert graded.returncode == 0, graded.stderr[-2000:]
    return dict(root=root, memo=memo, gradebook=gradebook, auto={r["student"]: r for r in read(gradebook)})


def test_grade_scores_the_figures_question_only(class_):
    alice, bob = class_["auto"]["alice"], class_["auto"]["bob"]
    assert (alice["status"], alice["q1"], alice["total"], alice["possible"]) == ("ok", "3", "3", "3")
    assert (bob["status"], bob["q1"], bob["total"]) == ("ok", "0", "0"), "the blank notebook should run cleanly"
    assert "w1" not in alice, "the memo is graded by a person, not by the tests"


def test_round_trip_puts_the_memo_scores_in_the_gradebook_and_the_platform_file(class_):
    root, memo = class_["root"], class_["memo"]
    exported = sinorussia("written", "export", str(root / "submissions"), "--out", str(root / "written"))
    assert exported.returncode == 0, exported.stderr
    page = (root / "written" / CAPSTONE / "w1.html").read_text(encoding="utf-8")
    assert "Bottom line: the status quo holds" in page
    for criterion in memo.rubric:   # every criterion, with its three levels, beside the memos
        name = criterion["criterion"].split(":")[0]
        assert f"{name}:" in page and "(3)" in page
    assert "2 The strongest counter-argument stated and answered" in page
    scores_path = root / "written" / "scores.csv"
    rows = read(scores_path)
    assert [(r["student"], r["question"], r["max_points"], r["comment"]) for r in rows] == [
        ("alice", "w1", "15", ""), ("bob", "w1", "15", "blank")]
    marks = {"alice": "11", "bob": "0"}   # the instructor's marking (Exemplar A's 11 out of 15)
    for row in rows:
        row["points"] = marks[row["student"]]
    with open(scores_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=written.SCORE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    too_high = root / "too-high.csv"
    too_high.write_text(scores_path.read_text().replace("alice,12-capstone-memo,w1,11", "alice,12-capstone-memo,w1,16"))
    refused = sinorussia("written", "merge", str(class_["gradebook"]), str(too_high), "--out", str(root / "x.csv"))
    assert refused.returncode == 2 and "outside 0 to 15" in refused.stderr and not (root / "x.csv").exists()

    final = root / "final.csv"
    merged = sinorussia("written", "merge", str(class_["gradebook"]), str(scores_path), "--out", str(final))
    assert merged.returncode == 0, merged.stderr
    book = {r["student"]: r for r in read(final)}
    assert (book["alice"]["q1"], book["alice"]["w1"], book["alice"]["total"], book["alice"]["possible"]) == \
        ("3", "11", "14", "18")
    assert (book["bob"]["w1"], book["bob"]["total"], book["bob"]["possible"]) == ("0", "0", "18")

    roster = root / "roster.csv"
    roster.write_text("student,Student,ID,SIS User ID,SIS Login ID,Section\n"
                      "alice,\"Liddell, Alice\",1001,S-1,aliddell,IR 201\n"
                      "bob,\"Marley, Bob\",1002,S-2,bmarley,IR 201\n")
    canvas = sinorussia("export", str(final), "--roster", str(roster), "--format", "canvas",
                        "--out", str(root / "canvas.csv"))
    assert canvas.returncode == 0, canvas.stderr
    with open(root / "canvas.csv", newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", CAPSTONE],
            ["Liddell, Alice", "1001", "S-1", "aliddell", "IR 201", "14"],
            ["Marley, Bob", "1002", "S-2", "bmarley", "IR 201", "0"]]

"""`sinorussia export`: the gradebook as Canvas and Moodle import files, through the real command.

The gradebook is written by the grader's own writer (sinorussia.grading.gradebook), with a
written score merged by `sinorussia written merge`, as an instructor's would be.
"""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from sinorussia import cli, written
from sinorussia.grading.gradebook import Result, write_outputs

pytestmark = pytest.mark.fast

ROSTER = [
    {"student": "alice", "Student": "Liddell, Alice", "ID": "1001", "SIS User ID": "S-1", "SIS Login ID": "aliddell",
     "Section": "IR 201", "Email address": "alice@example.edu", "ID number": "A1"},
    {"student": "bob", "Student": "Marley, Bob", "ID": "", "SIS User ID": "S-2", "SIS Login ID": "bmarley",
     "Section": "IR 201", "Email address": "bob@example.edu", "ID number": "B2"},
    {"student": "carol", "Student": "Danvers, Carol", "ID": "1003", "SIS User ID": "", "SIS Login ID": "cdanvers",
     "Section": "IR 202", "Email address": "carol@example.edu", "ID number": "C3"},
]


def export(*args: str) -> subprocess.CompletedProcess:
    """`sinorussia export ...` through the command's own entry point, in this process (a second
    Python costs seconds here; one test below runs the real executable)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["export", *args])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def course(tmp_path):
    """A gradebook of two exercises (one with a merged written score) and a roster."""
    q = {"q1": 2.0, "q2": 3.0}
    results = [
        Result("alice", "01-turn-to-the-east", "alice/01-turn-to-the-east.ipynb", q, {"q1": 2, "q2": 3}, "ok", []),
        Result("alice", "02-record-trade", "alice/02-record-trade.ipynb", q, {"q1": 1, "q2": 0.5}, "ok", []),
        Result("bob", "01-turn-to-the-east", "bob/01-turn-to-the-east.ipynb", q, {"q1": 0, "q2": 3}, "errors", []),
        Result("bob", "02-record-trade", "bob/02-record-trade.ipynb", q, None, "timeout", ["after 60 s"]),
    ]
    gradebook = tmp_path / "gradebook.csv"
    write_outputs(results, gradebook)
    scores = write_csv(tmp_path / "scores.csv", [
        {"student": "alice", "exercise": "02-record-trade", "question": "w1", "points": "2.5", "max_points": "3",
         "comment": ""},
        {"student": "bob", "exercise": "02-record-trade", "question": "w1", "points": "0", "max_points": "3",
         "comment": "not graded: timed out"}])
    written.merge(gradebook, scores)
    return gradebook, write_csv(tmp_path / "roster.csv", ROSTER), tmp_path


def read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_canvas_file_has_canvas_columns_and_the_totals(course):
    gradebook, roster, tmp = course
    done = export(str(gradebook), "--roster", str(roster), "--format", "canvas", "--out", str(tmp / "canvas.csv"))
    assert done.returncode == 0, done.stderr
    rows = read(tmp / "canvas.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "01-turn-to-the-east", "02-record-trade"]
    assert rows[1:] == [
        ["Liddell, Alice", "1001", "S-1", "aliddell", "IR 201", "5", "4"],   # 1 + 0.5 + the written 2.5
        ["Marley, Bob", "", "S-2", "bmarley", "IR 201", "3", ""],           # timed out: no score, cell empty
        ["Danvers, Carol", "1003", "", "cdanvers", "IR 202", "", ""],       # submitted nothing
    ]
    assert "bob, 02-record-trade has no score (status timeout)" in done.stderr


@pytest.mark.parametrize(("moodle_id", "column", "ids"), [("email", "Email address", ["alice@example.edu",
                                                                                     "bob@example.edu"]),
                                                          ("idnumber", "ID number", ["A1", "B2"])])
def test_moodle_file_has_one_identifier_column_and_one_column_per_exercise(course, moodle_id, column, ids):
    gradebook, roster, tmp = course
    done = export(str(gradebook), "--roster", str(roster), "--format", "moodle", "--moodle-id", moodle_id,
                  "--out", str(tmp / "moodle.csv"))
    assert done.returncode == 0, done.stderr
    rows = read(tmp / "moodle.csv")
    assert rows[0] == [column, "01-turn-to-the-east", "02-record-trade"]
    assert [row[0] for row in rows[1:3]] == ids
    assert [row[1:] for row in rows[1:]] == [["5", "4"], ["3", ""], ["", ""]]


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_missing_gradebook_is_one_line_from_the_installed_command(tmp_path):
    roster = write_csv(tmp_path / "roster.csv", ROSTER)
    script = Path(sys.executable).with_name("sinorussia")
    done = subprocess.run([str(script), "export", str(tmp_path / "nope.csv"), "--roster", str(roster), "--format",
                           "canvas", "--out", str(tmp_path / "canvas.csv")], capture_output=True, text=True,
                          timeout=120)
    one_line_error(done, "nope.csv", "no such gradebook")
    assert not (tmp_path / "canvas.csv").exists()


@pytest.mark.parametrize(("platform", "blank", "words"), [
    ("canvas", {"ID": "", "SIS User ID": ""}, ["row 3", "bob", "ID or SIS User ID"]),
    ("moodle", {"Email address": ""}, ["row 3", "bob", "Email address"]),
])
def test_a_student_without_an_id_is_one_line_naming_the_row(course, platform, blank, words):
    gradebook, _, tmp = course
    roster = write_csv(tmp / "bad-roster.csv", [ROSTER[0], {**ROSTER[1], **blank}, ROSTER[2]])
    (tmp / "out.csv").write_text("the previous export\n")
    done = export(str(gradebook), "--roster", str(roster), "--format", platform, "--out", str(tmp / "out.csv"))
    one_line_error(done, "bad-roster.csv", *words)
    assert (tmp / "out.csv").read_text() == "the previous export\n"


def test_a_graded_student_missing_from_the_roster_is_one_line(course):
    gradebook, _, tmp = course
    roster = write_csv(tmp / "short.csv", [ROSTER[0], ROSTER[2]])
    one_line_error(export(str(gradebook), "--roster", str(roster), "--format", "canvas", "--out",
                          str(tmp / "out.csv")), "short.csv", "no row for bob")


def test_a_roster_without_the_platform_columns_is_one_line(course):
    gradebook, _, tmp = course
    roster = write_csv(tmp / "plain.csv", [{"student": r["student"], "email": r["Email address"]} for r in ROSTER])
    one_line_error(export(str(gradebook), "--roster", str(roster), "--format", "moodle", "--out",
                          str(tmp / "out.csv")), "plain.csv", "'Email address'")

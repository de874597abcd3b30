"""`sinorussia grade` on a class of good, partial and hostile submissions.

The submissions are built from the committed student version and the solution otter assign
writes; the real command grades them in real child processes; nothing is mocked.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from sinorussia import ROOT, exercises
from sinorussia.grading import submissions

pytestmark = pytest.mark.grading

EXERCISE = "02-record-trade"
TIMEOUT = 20  # seconds per submission in these tests: the endless loop costs this much


def sinorussia_command() -> list[str]:
    script = Path(sys.executable).with_name("sinorussia")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sinorussia.cli"]


def run_grade(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*sinorussia_command(), "grade", *args], capture_output=True, text=True,
                          timeout=600, **kwargs)


# --- building the class ----------------------------------------------------------------------

class Class:
    """Notebooks made from the student version: the blank form, filled answers, hostile cells."""

    def __init__(self, root: Path, outside: Path):
        self.root, self.outside = root, outside
        self.template = nbformat.read(exercises.EXERCISES_DIR / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
        self.answer_ids = exercises.answer_cell_ids(EXERCISE)
        self.expected: dict[str, tuple[str, str | None]] = {}   # file -> (status, words in message)

    def filled(self, ids=None):
        return exercises.answered_version(EXERCISE, ids)

    def with_cell(self, source: str, nb=None):
        nb = nb if nb is not None else self.filled()
        nb.cells.append(nbformat.v4.new_code_cell(source))
        return nb

    def add(self, relative: str, status: str, words: str | None, nb=None, raw: bytes | None = None):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw)
        else:
            nbformat.write(nb, path)
        self.expected[relative] = (status, words)


def build_class(root: Path, outside: Path) -> Class:
    c = Class(root, outside)
    ex = EXERCISE
    c.add(f"alice/{ex}.ipynb", "ok", None, c.filled())
    c.add(f"bob/{ex}.ipynb", "ok", None, c.filled(c.answer_ids[:2]))
    syntax = c.filled()
    next(cell for cell in syntax.cells if cell.id == c.answer_ids[0]).source += "\nx = (1 +"
    c.add(f"carol/{ex}.ipynb", "errors", "SyntaxError", syntax)
    c.add(f"dave/{ex}.ipynb", "timeout", f"after {TIMEOUT} s", c.with_cell("while True:\n    pass"))
    c.add(f"erin/{ex}.ipynb", "errors", "MemoryError",
          c.with_cell("hog = []\nwhile True:\n    hog.append(bytearray(50_000_000))"))
    deleted = c.filled()
    gone = c.answer_ids[1]
    at = next(i for i, cell in enumerate(deleted.cells) if cell.id == gone)
    del deleted.cells[at - 1: at + 1]                      # the question's prompt and answer cells
    c.add(f"frank/{ex}.ipynb", "altered", "deleted", deleted)
    moved = c.filled()
    last = next(i for i, cell in enumerate(moved.cells) if cell.id == c.answer_ids[-1])
    moved.cells.insert(1, moved.cells.pop(last))           # an answer before the data is loaded
    c.add(f"grace/{ex}.ipynb", "altered", "reordered", moved)
    wrong = copy.deepcopy(c.template)
    for cell in wrong.cells:
        if cell.id in c.answer_ids:                        # every answer a string or an int
            cell.source = "\n".join(line.replace("= ...", '= "42"') if i % 2 == 0 else line.replace("= ...", "= 42")
                                    for i, line in enumerate(cell.source.splitlines()))
    c.add(f"heidi/{ex}.ipynb", "ok", None, wrong)
    c.add("ivan/homework.ipynb", "altered", "renamed", c.filled())
    c.add(f"judy/{ex}.ipynb", "invalid", "not valid JSON", raw=b"My answers: 49.84, B, CNY. Jupyter would not start.")
    c.add(f"ken/{ex}.ipynb", "invalid", "empty", raw=b"")
    big = c.with_cell("print('x' * 5_000_000)")
    big.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 5_000_000)]
    c.add(f"leo/{ex}.ipynb", "ok", "MB of stored output", big)
    c.add(f"olivia/{ex}.ipynb", "crashed", "SIGKILL", c.with_cell("import os\nos.kill(os.getpid(), 9)"))
    c.add("peggy.ipynb", "altered", "misplaced", c.filled())
    c.add(f"quentin/{ex}.ipynb", "ok", None, copy.deepcopy(c.template))
    c.add(f"rachel__{ex}.ipynb", "ok", None, c.filled())
    c.add(f"sybil/{ex}.ipynb", "errors", "PermissionError", c.with_cell(
        f"import subprocess\nsubprocess.run(['touch', {str(outside / 'spawned')!r}])"))
    return c


def checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    outside = base / "outside"
    outside.mkdir()
    klass = build_class(base / "submissions", outside)
    before = checksums(klass.root)
    out = base / "grades" / "gradebook.csv"
    started = time.monotonic()
    done = run_grade(str(klass.root), "--out", str(out), "--timeout", str(TIMEOUT),
                     "--memory-mb", "400", "--jobs", "2")
    seconds = time.monotonic() - started
    rows = list(csv.DictReader(out.open())) if out.exists() else []
    return {"class": klass, "done": done, "rows": {r["file"]: r for r in rows}, "header": rows and list(rows[0]),
            "before": before, "after": checksums(klass.root), "out": out, "outside": outside, "seconds": seconds}


# --- the class, graded -------------------------------------------------------------------------

def test_grade_finishes_and_writes_one_row_per_submitted_file(graded):
    assert graded["done"].returncode == 0, graded["done"].stderr[-3000:]
    assert set(graded["rows"]) == set(graded["class"].expected)
    assert graded["header"][:3] == ["student", "exercise", "file"]
    assert graded["header"][-4:] == ["total", "possible", "status", "message"]


def test_every_submission_gets_the_status_and_reason_it_deserves(graded):
    wrong = {}
    for relative, (status, words) in graded["class"].expected.items():
        row = graded["rows"].get(relative, {})
        if row.get("status") != status or (words and words not in row.get("message", "")):
            wrong[relative] = (row.get("status"), row.get("message"), "expected", status, words)
    assert not wrong, json.dumps(wrong, indent=1)


def test_scores_reward_answers_and_nothing_else(graded):
    rows = graded["rows"]
    def total(f):
        return float(rows[f]["total"])
    possible = float(rows[f"alice/{EXERCISE}.ipynb"]["possible"])
    assert possible > 0
    for full in (f"alice/{EXERCISE}.ipynb", f"rachel__{EXERCISE}.ipynb", "ivan/homework.ipynb", "peggy.ipynb",
                 f"leo/{EXERCISE}.ipynb"):
        assert total(full) == possible, full
    assert 0 < total(f"bob/{EXERCISE}.ipynb") < possible
    assert 0 < total(f"carol/{EXERCISE}.ipynb") < possible
    assert 0 < total(f"frank/{EXERCISE}.ipynb") < possible
    for nothing in ("quentin", "heidi", "dave", "olivia"):
        assert total(f"{nothing}/{EXERCISE}.ipynb") == 0, nothing
    blank = rows[f"quentin/{EXERCISE}.ipynb"]
    questions = graded["header"][3:-4]
    assert questions and all(blank[q] == "0" for q in questions)
    assert all(rows[f"dave/{EXERCISE}.ipynb"][q] == "" for q in questions), "a timeout has no per-question points"


def test_submissions_are_never_changed_and_nothing_escapes(graded):
    assert graded["after"] == graded["before"]
    assert list(graded["outside"].iterdir()) == []


def test_each_submission_gets_a_feedback_file_next_to_the_gradebook(graded):
    folder = graded["out"].with_name("gradebook-feedback")
    files = sorted(folder.glob("*.txt"))
    assert len(files) == len(graded["rows"])
    bob = (folder / f"bob__{EXERCISE}.txt").read_text()
    assert "Status: ok" in bob and "public test failed" in bob
    assert "hidden: true" not in bob and "def test_" not in bob, "feedback must not show hidden test code"


def test_progress_is_reported_on_stderr(graded):
    lines = [line for line in graded["done"].stderr.splitlines() if line.startswith("[")]
    assert len(lines) == len(graded["rows"])
    assert f"[{len(lines)}/{len(lines)}]" in graded["done"].stderr


def test_the_class_is_graded_in_reasonable_time(graded):
    # 21 files, one endless loop of TIMEOUT seconds; everything else takes about a second.
    assert graded["seconds"] < 90


def test_scores_match_otter_run(graded, tmp_path):
    """The grader must give exactly the points otter's own grader gives."""
    zip_path = exercises.autograder_zip(EXERCISE)
    for student in ("alice", "bob", "carol", "quentin"):     # full, partial, with an error, blank
        relative = f"{student}/{EXERCISE}.ipynb"
        out = tmp_path / student
        out.mkdir()
        subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(zip_path), "-o", str(out),
                        str(graded["class"].root / relative)], check=True, capture_output=True, timeout=300)
        otter = {t["name"]: t["score"] for t in json.loads((out / "results.json").read_text())["tests"]
                 if t.get("max_score") is not None}
        ours = {q: float(v) for q, v in graded["rows"][relative].items() if q in otter}
        assert otter and ours == otter, (student, ours, otter)


# --- the command's edges -------------------------------------------------------------------------

def test_an_interrupted_run_leaves_the_old_gradebook_untouched(tmp_path):
    klass = Class(tmp_path / "subs", tmp_path)
    klass.add(f"zoe/{EXERCISE}.ipynb", "timeout", None, klass.with_cell("while True:\n    pass"))
    out = tmp_path / "gradebook.csv"
    out.write_text("the previous gradebook\n")
    process = subprocess.Popen([*sinorussia_command(), "grade", str(klass.root), "--out", str(out),
                                "--timeout", "120"], stderr=subprocess.PIPE, text=True)
    assert "grading 1 file" in process.stderr.readline()
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert out.read_text() == "the previous gradebook\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gradebook.csv", "subs"]


@pytest.mark.parametrize("make_args, words", [
    (lambda t: [str(t / "missing"), "--out", str(t / "g.csv")], "missing: no such folder"),
    (lambda t: [str(t), "--out", str(t)], "is a folder"),
    (lambda t: [str(t), "--jobs", "0"], "--jobs must be at least 1"),
    (lambda t: [str(t), "--timeout", "soon"], "--timeout must be a positive number"),
    (lambda t: [str(t), "--out", str(t.parent / "g.csv")], "no files to grade"),
    (lambda t: [str(t), "--out", str(t / "g.csv")], "inside the submissions folder"),
    (lambda t: [str(Path(ROOT).parent), "--out", str(t.parent / "g.csv")], "contains the module itself"),
])
def test_bad_input_gives_one_clear_line(tmp_path, make_args, words):
    (tmp_path / "empty").mkdir()
    done = run_grade(*make_args(tmp_path / "empty"), cwd=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


def test_structure_check_names_deleted_and_moved_cells():
    template = [{"id": i, "cell_type": "code", "source": f"x{i} = ..."} for i in "abcd"]
    assert submissions.structure_notes(copy.deepcopy(template), template) == []
    notes = submissions.structure_notes([template[0], template[2], template[3]], template)
    assert len(notes) == 1 and "deleted" in notes[0] and "'b'" in notes[0]
    notes = submissions.structure_notes([template[0], template[3], template[1], template[2]], template)
    assert len(notes) == 1 and "reordered" in notes[0]
    renumbered = [dict(cell, id=f"new-{n}") for n, cell in enumerate(template)]  # ids lost, text kept
    assert submissions.structure_notes(renumbered, template) == []


def test_autograder_is_cached_and_rebuilt_when_its_master_changes(tmp_path):
    masters = tmp_path / "masters"
    masters.mkdir()
    master = masters / f"{EXERCISE}.ipynb"
    shutil.copyfile(exercises.master_path(EXERCISE), master)
    for folder in ("sinorussia", "data"):   # what the master's autograder_files name, beside it
        (masters / folder).symlink_to((exercises.MASTERS_DIR / folder).resolve())
    cache = tmp_path / "cache"
    first = exercises.autograder_zip(EXERCISE, masters, cache)
    stamp = (cache / EXERCISE / "master.sha256").read_text()
    made = first.stat().st_mtime_ns
    assert exercises.autograder_zip(EXERCISE, masters, cache).stat().st_mtime_ns == made, "rebuilt needlessly"
    nb = nbformat.read(master, as_version=4)
    next(c for c in nb.cells if c.cell_type == "markdown").source += "\n\nA clarification."
    nbformat.write(nb, master)
    second = exercises.autograder_zip(EXERCISE, masters, cache)
    assert (cache / EXERCISE / "master.sha256").read_text() != stamp
    assert second.stat().st_mtime_ns != made
    assert zipfile_names(second) >= {"tests/q1.py", "otter_config.json"}


def zipfile_names(path: Path) -> set[str]:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist())


def test_otter_adapter_contract():
    """What the grader relies on in otter's internals (see sinorussia/grading/otter_adapter.py)."""
    from sinorussia.grading import otter_adapter

    tests = otter_adapter.tests_from_zip(exercises.autograder_zip(EXERCISE))
    assert sorted(tests) == [f"q{n}.py" for n in range(1, 6)]
    assert otter_adapter.questions(tests) == {"q1": 2.0, "q2": 1.0, "q3": 2.0, "q4": 1.0, "q5": 2.0}
    names = otter_adapter.variable_names(tests)
    assert {"growth_usd_bn", "growth_usd_pct", "balance_2023_bn", "chart", "answer_q4", "cny_rate_2023",
            "article_currency"} == set(names)
    right = re.search(r'answer_q4 = "([A-D])"  # SOLUTION', exercises.master_path(EXERCISE).read_text()
                      .replace('\\"', '"')).group(1)
    wrong = next(letter for letter in "ABCD" if letter != right)
    score, cases = otter_adapter.run(tests["q4.py"], "q4.py", {"answer_q4": right})
    assert score == 1.0 and [hidden for hidden, _, _ in cases] == [False, True] and all(p for _, p, _ in cases)
    score, cases = otter_adapter.run(tests["q4.py"], "q4.py", {"answer_q4": wrong})
    # A wrong letter fails the public test too: it names the mistake (the misconception bank).
    assert score == 0.0 and [passed for _, passed, _ in cases] == [False, False]
    score, cases = otter_adapter.run(tests["q1.py"], "q1.py", {})      # missing variables: None, no NameError
    assert score == 0.0 and not any(passed for _, passed, _ in cases)
    assert "growth_usd_bn" in cases[0][2]


def _small_class(root: Path) -> Path:
    ids = exercises.answer_cell_ids(EXERCISE)
    for student, answered in (("ann", None), ("ben", ids[:1])):
        (root / student).mkdir(parents=True)
        nbformat.write(exercises.answered_version(EXERCISE, answered), root / student / f"{EXERCISE}.ipynb")
    return root


def test_a_rerun_keeps_unchanged_submissions_and_regrades_changed_ones(tmp_path):
    subs = _small_class(tmp_path / "subs")
    out = tmp_path / "gradebook.csv"
    first = run_grade(str(subs), "--out", str(out))
    assert first.returncode == 0, first.stderr[-2000:]
    rows = out.read_text()
    again = run_grade(str(subs), "--out", str(out))
    assert "2 unchanged since the last run, kept" in again.stderr, again.stderr
    assert out.read_text() == rows
    nbformat.write(exercises.answered_version(EXERCISE), subs / "ben" / f"{EXERCISE}.ipynb")   # ben finishes
    third = run_grade(str(subs), "--out", str(out))
    assert "1 unchanged since the last run, kept" in third.stderr, third.stderr
    ben = next(r for r in csv.DictReader(out.open()) if r["student"] == "ben")
    assert ben["total"] == ben["possible"]


def test_a_folder_as_gradebook_is_refused_and_nothing_is_deleted(tmp_path):
    subs = _small_class(tmp_path / "subs")
    out = tmp_path / "gradebook.csv"
    out.mkdir()
    (out / "last-term.csv").write_text("keep me\n")
    done = run_grade(str(subs), "--out", str(out))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "is a folder" in done.stderr
    assert (out / "last-term.csv").read_text() == "keep me\n"
    (tmp_path / "g2-feedback").write_text("a file where the feedback folder goes\n")
    done = run_grade(str(subs), "--out", str(tmp_path / "g2.csv"))
    assert done.returncode == 2 and "is a file" in done.stderr, done.stderr
    assert (tmp_path / "g2-feedback").read_text() == "a file where the feedback folder goes\n"


def test_without_bubblewrap_grade_refuses_in_one_line(tmp_path):
    subs = _small_class(tmp_path / "subs")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    done = subprocess.run([*sinorussia_command(), "grade", str(subs), "--out", str(tmp_path / "g.csv")],
                          capture_output=True, text=True, timeout=120, env={"PATH": str(bin_dir)})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "bubblewrap" in done.stderr and "--unsafe-no-sandbox" in done.stderr
    assert not (tmp_path / "g.csv").exists()

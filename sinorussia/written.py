"""Written answers: a person grades them with the master's rubric, between grading and the gradebook.

    sinorussia written export SUBMISSIONS_DIR --out DIR
    sinorussia written merge GRADEBOOK.csv DIR/scores.csv [--out NEW.csv]

Each exercise master has at least one written question (otter ``manual: true``): its prompt,
a ``# BEGIN PROMPT`` block whose Markdown cell the student replaces with the answer, a model
answer in the solution block, and a rubric in a raw cell starting ``# ignore: rubric`` (a YAML
list of ``criterion`` and ``points``). See exercises/masters/README.md.

``export`` reads the submissions folder (``<student>/<exercise>.ipynb`` or
``<student>__<exercise>.ipynb``, as for ``sinorussia grade``; the files are only read) and
writes, for each written question, one HTML page with the prompt, the rubric, the model answer
and every student's answer one under the other, plus one ``scores.csv`` with an empty
``points`` cell per student and question for the instructor to fill.

``merge`` adds one column per written question to the gradebook that ``sinorussia grade``
wrote (one row per submission: student, exercise, file, points per question, total,
possible, status, message) and updates ``total`` and ``possible``. Merging the same scores
again changes nothing. Any problem in either file stops it with one line naming the file and
row, and nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .exercises import MASTERS_DIR, masters

PLACEHOLDER = "_Type your answer here, replacing this text._"
SCORE_COLUMNS = ["student", "exercise", "question", "points", "max_points", "comment"]


class WrittenError(Exception):
    """Unusable input; the message names the file (and row)."""


@dataclass
class WrittenQuestion:
    exercise: str
    name: str
    points: float
    prompt: str
    response_id: str
    model_answer: str
    rubric: list[dict]


@dataclass
class Answer:
    student: str
    exercise: str
    file: str
    text: str
    note: str = ""


# --- the questions, from the masters --------------------------------------------------------

def _marker(cell) -> str | None:
    if cell["cell_type"] != "raw":
        return None
    match = re.match(r"\s*#\s*((?:BEGIN|END) (?:QUESTION|PROMPT|SOLUTION|TESTS))\b", _text(cell))
    return match.group(1) if match else None


def _text(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def questions_of(master: Path) -> list[WrittenQuestion]:
    """The written (manual) questions of one master."""
    cells = json.loads(master.read_text(encoding="utf-8"))["cells"]
    found, current, block = [], None, None
    for cell in cells:
        marker = _marker(cell)
        if marker == "BEGIN QUESTION":
            config = yaml.safe_load(_text(cell).split("\n", 1)[1]) or {}
            current = None
            if config.get("manual"):
                current = WrittenQuestion(master.stem, str(config["name"]), float(config.get("points") or 0),
                                          "", "", "", [])
                found.append(current)
        elif marker == "END QUESTION":
            current = None
        elif marker:
            block = marker.split()[1] if marker.startswith("BEGIN") else None
        elif current is not None and cell["cell_type"] == "markdown":
            if block == "PROMPT":
                current.response_id = cell.get("id", "")
            elif block == "SOLUTION":
                current.model_answer += _text(cell)
            elif not current.prompt:
                current.prompt = _text(cell)
        elif current is not None and re.match(r"#\s*ignore:\s*rubric", _text(cell)):
            current.rubric = yaml.safe_load(_text(cell)) or []
    for question in found:
        if not question.response_id or not question.rubric:
            raise WrittenError(f"{master}: written question {question.name} needs a prompt block (the answer cell) "
                               "and a rubric cell (# ignore: rubric ...)")
        if sum(float(r["points"]) for r in question.rubric) != question.points:
            raise WrittenError(f"{master}: the rubric of {question.name} does not add up to "
                               f"its {question.points:g} points")
    return found


def all_questions(masters_dir: Path = MASTERS_DIR) -> dict[str, list[WrittenQuestion]]:
    return {path.stem: questions_of(path) for path in masters(masters_dir)}


# --- the answers, from the submissions --------------------------------------------------------

def submissions(folder: Path) -> list[tuple[str, str, Path]]:
    """(student, exercise named by the file, path) for every notebook, as ``sinorussia grade`` finds them."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if len(relative.parts) == 2:
            found.append((relative.parts[0], path.stem, path))
        elif "__" in path.stem:
            student, exercise = path.stem.split("__", 1)
            found.append((student, exercise, path))
    return found


def read_answers(path: Path, question: WrittenQuestion, student: str, relative: str) -> Answer:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return Answer(student, question.exercise, relative, "", "not a readable notebook")
    cell = next((c for c in cells if isinstance(c, dict) and c.get("id") == question.response_id), None)
    if cell is None:
        return Answer(student, question.exercise, relative, "", "answer cell deleted")
    text = _text(cell).strip()
    if text in ("", PLACEHOLDER):
        return Answer(student, question.exercise, relative, "", "blank")
    return Answer(student, question.exercise, relative, text)


def _exercise_of(path: Path, named: str) -> str:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["metadata"]["otter"]["assignment_name"]
    except (OSError, ValueError, KeyError, TypeError):
        return named


# --- export ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #999; padding: .5rem; vertical-align: top; }}
.answer {{ white-space: pre-wrap; }} .note {{ color: #a3280b; font-style: italic; }} .score {{ width: 6rem; }}
</style></head><body>
<h1>{title}</h1>
<h2>Prompt</h2><div class="answer">{prompt}</div>
<h2>Rubric ({points:g} points)</h2><ul>{rubric}</ul>
<details><summary>Model answer</summary><div class="answer">{model}</div></details>
<h2>Answers ({count})</h2>
<table><thead><tr><th>Student</th><th>Answer</th><th class="score">Points</th></tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""


def export(submissions_dir: Path, out: Path, masters_dir: Path = MASTERS_DIR) -> list[Path]:
    """One HTML page per written question and one scores.csv to fill; returns the files written."""
    if not submissions_dir.is_dir():
        raise WrittenError(f"{submissions_dir}: no such folder of submissions")
    scores_path = out / "scores.csv"
    if scores_path.exists():
        raise WrittenError(f"{scores_path}: already exists (it may hold scores): choose another --out")
    questions = all_questions(masters_dir)
    answers: dict[tuple[str, str], list[Answer]] = {}
    for student, named, path in submissions(submissions_dir):
        exercise = _exercise_of(path, named)
        for question in questions.get(exercise, []):
            relative = path.relative_to(submissions_dir).as_posix()
            answers.setdefault((exercise, question.name), []).append(read_answers(path, question, student, relative))
    if not answers:
        raise WrittenError(f"{submissions_dir}: no submission of an exercise with a written question")
    out.mkdir(parents=True, exist_ok=True)
    written, rows = [], []
    for exercise, exercise_questions in questions.items():
        for question in exercise_questions:
            batch = sorted(answers.get((exercise, question.name), []), key=lambda a: a.student)
            if not batch:
                continue
            page = out / exercise / f"{question.name}.html"
            page.parent.mkdir(exist_ok=True)
            page.write_text(_page(question, batch), encoding="utf-8")
            written.append(page)
            rows += [[a.student, exercise, question.name, "", f"{question.points:g}", a.note] for a in batch]
    with open(scores_path, "x", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SCORE_COLUMNS)
        writer.writerows(rows)
    return [*written, scores_path]


def _page(question: WrittenQuestion, batch: list[Answer]) -> str:
    esc = html.escape
    rubric = "".join(f"<li>{esc(str(r['criterion']))} ({float(r['points']):g})</li>" for r in question.rubric)
    rows = "\n".join(
        f"<tr><td>{esc(a.student)}<br><small>{esc(a.file)}</small></td>"
        f"<td><div class='answer'>{esc(a.text)}</div>{f'<p class=note>{esc(a.note)}</p>' if a.note else ''}</td>"
        "<td></td></tr>" for a in batch)
    def plain(markdown: str) -> str:  # the master's Markdown, without its bold markers
        return esc(markdown.replace("**", ""))
    return PAGE.format(title=esc(f"{question.exercise}, written question {question.name}"),
                       prompt=plain(question.prompt), points=question.points, rubric=rubric,
                       model=plain(question.model_answer), count=len(batch), rows=rows)


# --- merge -----------------------------------------------------------------------------------------

def _number(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def read_scores(path: Path) -> dict[tuple[str, str, str], tuple[float, float]]:
    """{(student, exercise, question): (points, max_points)}, every row checked."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise WrittenError(f"{path}: cannot read it as CSV ({err})") from None
    missing = [c for c in SCORE_COLUMNS[:5] if c not in header]
    if missing:
        raise WrittenError(f"{path}: no column {missing[0]!r} (expected {', '.join(SCORE_COLUMNS)})")
    scores = {}
    for number, row in enumerate(rows, 2):
        key = (row["student"].strip(), row["exercise"].strip(), row["question"].strip())
        where = f"{path} row {number} ({key[0]}, {key[1]} {key[2]})"
        if key in scores:
            raise WrittenError(f"{where}: a second score for the same answer")
        if not (row["points"] or "").strip():
            raise WrittenError(f"{where}: no points: fill them in (0 for a blank answer)")
        try:
            points, most = _number(row["points"]), _number(row["max_points"])
        except (TypeError, ValueError):
            raise WrittenError(f"{where}: points {row['points']!r} or max_points {row['max_points']!r} "
                               "is not a number") from None
        if not 0 <= points <= most:
            raise WrittenError(f"{where}: {points:g} points, outside 0 to {most:g}")
        scores[key] = (points, most)
    return scores


def merge(gradebook: Path, scores_path: Path, out: Path | None = None) -> Path:
    """Add the written scores to the gradebook (one column per written question); returns the file written."""
    scores = read_scores(scores_path)
    try:
        with open(gradebook, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error, StopIteration) as err:
        raise WrittenError(f"{gradebook}: cannot read it as a gradebook CSV ({err or 'empty file'})") from None
    for column in ("student", "exercise", "total", "possible"):
        if column not in header:
            raise WrittenError(f"{gradebook}: no column {column!r}: is it a gradebook written by sinorussia grade?")
    for number, row in enumerate(rows, 2):
        if len(row) != len(header):
            raise WrittenError(f"{gradebook} row {number}: {len(row)} cells, the header has {len(header)}")
    questions = sorted({q for _, _, q in scores}, key=lambda q: [int(t) if t.isdigit() else t
                                                                     for t in re.split(r"(\d+)", q)])
    for question in questions:
        if question not in header:
            header.insert(header.index("total"), question)
            rows = [row[:header.index(question)] + [""] + row[header.index(question):] for row in rows]
    col = {name: i for i, name in enumerate(header)}
    graded = {(row[col["student"]], row[col["exercise"]]) for row in rows}
    for student, exercise, _ in scores:
        if (student, exercise) not in graded:
            raise WrittenError(f"{scores_path}: {student} has no row for {exercise} in {gradebook}")
    expected = {(e, q) for _, e, q in scores}
    for number, row in enumerate(rows, 2):
        student, exercise = row[col["student"]], row[col["exercise"]]
        total, possible = _cell(row, col, "total", gradebook, number), _cell(row, col, "possible", gradebook, number)
        for e, question in sorted(expected):
            if e != exercise:
                continue
            if (student, exercise, question) not in scores:
                raise WrittenError(f"{scores_path}: no score for {student}, {exercise} {question} "
                                   f"(gradebook row {number}): add a row with its points")
            points, most = scores[(student, exercise, question)]
            old = row[col[question]].strip()
            if old:
                total -= _cell(row, col, question, gradebook, number)
            else:
                possible += most
            total += points
            row[col[question]] = f"{points:g}"
        row[col["total"]], row[col["possible"]] = f"{total:g}", f"{possible:g}"
    target = out or gradebook
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _cell(row, col, name, path, number) -> float:
    try:
        return _number(row[col[name]] or "0")
    except ValueError:
        raise WrittenError(f"{path} row {number}: {name} {row[col[name]]!r} is not a number") from None


# --- command line ----------------------------------------------------------------------------------

def add_parser(commands) -> None:
    """``sinorussia written export|merge``, registered by sinorussia.cli."""
    written = commands.add_parser("written", help="export written answers for grading, merge their scores",
                                  description=__doc__.split("\n\n")[0])
    actions = written.add_subparsers(dest="action", required=True, parser_class=type(written))
    out = actions.add_parser("export", help="one HTML page per written question, and a scores.csv to fill")
    out.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    out.add_argument("--out", type=Path, required=True, help="folder to write (must not hold a scores.csv)")
    out.add_argument("--masters", type=Path, default=MASTERS_DIR, help=argparse.SUPPRESS)
    back = actions.add_parser("merge", help="add the filled scores.csv to the gradebook")
    back.add_argument("gradebook", type=Path, help="gradebook CSV written by sinorussia grade")
    back.add_argument("scores", type=Path, help="the scores.csv from export, with points filled in")
    back.add_argument("--out", type=Path, help="write here instead of updating the gradebook in place")
    written.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.action == "export":
            files = export(args.submissions, args.out, args.masters)
            print(f"wrote {len(files) - 1} page(s) and {files[-1]}: fill its points column, then run "
                  f"sinorussia written merge GRADEBOOK {files[-1]}")
        else:
            target = merge(args.gradebook, args.scores, args.out)
            print(f"wrote {target}")
    except WrittenError as err:
        print(f"sinorussia written {args.action}: error: {err}", file=sys.stderr)
        return 2
    return 0

"""The gradebook as a CSV file that Canvas or Moodle imports.

    sinorussia export GRADEBOOK.csv --roster ROSTER.csv --format canvas|moodle --out FILE.csv

The gradebook (written by ``sinorussia grade``, written scores merged by ``sinorussia written
merge``) names students by their submission folder; a learning platform knows them by its own
ids. The roster maps one to the other: a CSV with a ``student`` column (the name in the
gradebook) and the platform's own columns, spelt as the platform spells them in its exports, so
a teacher can paste them from the platform's gradebook export:

- Canvas, "Import" in the Gradebook: the columns ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per assignment, a new name creating a new
  assignment. Canvas matches a row by ``ID`` or ``SIS User ID``, so each roster row needs one
  of them. (Canvas guides, "How do I import grades in the Gradebook?"; summarised by the Ohio
  State University's guide "Import a CSV file to Carmen Grades",
  teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades)
- Moodle, Grades > Import > CSV file: one column identifying the user, then one column per grade
  item; on import "Map from" is set to that column and "Map to" to ``useremail`` (Email address)
  or ``useridnumber`` (ID number). (MoodleDocs, "Grade import", docs.moodle.org/311/en/Grade_import)

One column per exercise holds the gradebook's ``total`` for it. A submission graded without a
score (status invalid, unknown, timeout, flood or crashed) leaves its cell empty, which both
platforms read as "no grade", and the command names it: look at it before importing.
Any problem in either file stops it with one line naming the file and row; nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

from .grading.submissions import natural

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_IDS = {"email": "Email address", "idnumber": "ID number"}
NO_SCORE = {"invalid", "unknown", "timeout", "flood", "crashed"}


class ExportError(Exception):
    """Unusable input; the message names the file (and row)."""


def _read_csv(path: Path, what: str, needed: list[str]) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = reader.fieldnames or []
    except FileNotFoundError:
        raise ExportError(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ExportError(f"{path}: cannot read it as a CSV {what} ({err})") from None
    missing = [column for column in needed if column not in header]
    if missing:
        raise ExportError(f"{path}: no column {missing[0]!r} in the {what} (it has: {', '.join(header) or 'nothing'})")
    return rows


def scores(gradebook: Path) -> tuple[list[str], dict[str, dict[str, str]], list[str]]:
    """(exercises, {student: {exercise: total or ""}}, notes on the rows left without a score)."""
    rows = _read_csv(gradebook, "gradebook", ["student", "exercise", "total", "status"])
    table: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    notes = []
    for number, row in enumerate(rows, 2):
        student, exercise = (row["student"] or "").strip(), (row["exercise"] or "").strip()
        if not student:
            raise ExportError(f"{gradebook} row {number}: no student")
        if not exercise:
            notes.append(f"{gradebook} row {number}: {student}'s file {row.get('file', '')!r} names no exercise "
                         f"(status {row['status']}): not exported")
            continue
        if (student, exercise) in seen:
            raise ExportError(f"{gradebook} row {number}: a second row for {student}, {exercise} "
                              f"(the first is row {seen[student, exercise]}): keep one and export again")
        seen[student, exercise] = number
        total = "" if row["status"] in NO_SCORE else (row["total"] or "").strip()
        if total:
            try:
                float(total)
            except ValueError:
                raise ExportError(f"{gradebook} row {number}: total {total!r} is not a number") from None
        else:
            notes.append(f"{gradebook} row {number}: {student}, {exercise} has no score "
                         f"(status {row['status']}): its cell is left empty")
        table.setdefault(student, {})[exercise] = total
    exercises = sorted({e for by_exercise in table.values() for e in by_exercise}, key=natural)
    if not exercises:
        raise ExportError(f"{gradebook}: no graded row to export")
    return exercises, table, notes


def _roster(path: Path, columns: list[str], ids: list[str]) -> dict[str, dict[str, str]]:
    """{student: row}, every student with at least one of the ``ids`` columns filled."""
    found: dict[str, dict[str, str]] = {}
    for number, row in enumerate(_read_csv(path, "roster", ["student", *columns]), 2):
        student = (row["student"] or "").strip()
        if not student:
            raise ExportError(f"{path} row {number}: no student (the name used in the gradebook)")
        if student in found:
            raise ExportError(f"{path} row {number}: {student} appears twice")
        if not any((row[c] or "").strip() for c in ids):
            raise ExportError(f"{path} row {number}: {student} has no {' or '.join(ids)}: "
                              "the platform could not tell whose grade it is")
        found[student] = {c: (row[c] or "").strip() for c in columns}
    return found


def table(gradebook: Path, roster: Path, platform: str, moodle_id: str = "email") -> tuple[list[list[str]], list[str]]:
    """The rows of the import file, header first, and the notes to show the teacher."""
    exercises, by_student, notes = scores(gradebook)
    if platform == "canvas":
        columns, ids = CANVAS_COLUMNS, ["ID", "SIS User ID"]
    elif platform == "moodle":
        columns = ids = [MOODLE_IDS[moodle_id]]
    else:
        raise ExportError(f"unknown platform {platform!r} (canvas or moodle)")
    people = _roster(roster, columns, ids)
    unknown = sorted(set(by_student) - set(people))
    if unknown:
        raise ExportError(f"{roster}: no row for {unknown[0]}, who is in {gradebook}"
                          + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""))
    rows = [[*columns, *exercises]]
    for student, identity in people.items():
        got = by_student.get(student, {})
        rows.append([identity[c] for c in columns] + [got.get(e, "") for e in exercises])
    return rows, notes


def write(rows: list[list[str]], out: Path) -> None:
    """All at once, through a temporary file beside ``out``: an error leaves no half file."""
    if out.is_dir():
        raise ExportError(f"{out}: is a folder; --out names the CSV file to write")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- command line ----------------------------------------------------------------------------------

def add_parser(commands) -> None:
    """``sinorussia export``, registered by sinorussia.cli."""
    parser = commands.add_parser("export", help="the gradebook as a Canvas or Moodle import CSV",
                                 description=__doc__.split("\n\n")[0])
    parser.add_argument("gradebook", type=Path, help="gradebook CSV written by sinorussia grade")
    parser.add_argument("--roster", type=Path, required=True,
                        help="CSV: student (as in the gradebook) and the platform's id columns")
    parser.add_argument("--format", choices=["canvas", "moodle"], required=True, help="the learning platform")
    parser.add_argument("--moodle-id", choices=sorted(MOODLE_IDS), default="email",
                        help="Moodle: identify students by email (default) or ID number")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        rows, notes = table(args.gradebook, args.roster, args.format, args.moodle_id)
        if not args.out.parent.is_dir():
            raise ExportError(f"{args.out.parent}: no such folder for --out")
        write(rows, args.out)
    except ExportError as err:
        print(f"sinorussia export: error: {err}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {args.out}: {len(rows) - 1} student(s), {len(rows[0]) - (5 if args.format == 'canvas' else 1)} "
          f"exercise column(s), for {args.format.capitalize()}'s grade import")
    return 0

"""Exercise notebooks: student versions and autograders, generated from otter-assign masters.

One master per chapter, ``exercises/masters/NN-slug.ipynb``, holds the questions, the solutions
and the public and hidden tests (format: ``exercises/masters/README.md``). Everything else is
generated from it by ``otter assign`` and never edited by hand:

- the student version, ``exercises/NN-slug/NN-slug.ipynb`` plus its public ``tests/`` folder,
  committed, with stable cell ids, no outputs and ``mystnb.execution_mode: off`` so the book
  shows it without running it;
- the autograder zip (public and hidden tests) and the solution notebook, cached under
  ``_build/autograder/NN-slug/`` and rebuilt when the master changes.

``python -m sinorussia.exercises`` (or ``sinorussia assign``) regenerates the student versions;
``--check`` only reports what is out of date. Both refuse a master whose solution text would
reach students: otter assign copies a solution cell without in-code markers verbatim.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

import nbformat

from . import ROOT

MASTERS_DIR = ROOT / "exercises" / "masters"
EXERCISES_DIR = ROOT / "exercises"
AUTOGRADER_CACHE = ROOT / "_build" / "autograder"
MASTER_NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")

# Bump when the post-processing below changes, so cached autograders are rebuilt.
GENERATOR_VERSION = "2"
# Where the generated notebook records its master (read by people, not by code).
GENERATED_KEY = "sinorussia"


class ExerciseError(Exception):
    """A master or a generated file is unusable; the message names the file."""


def masters(masters_dir: Path = MASTERS_DIR, only: list[str] | None = None) -> list[Path]:
    """The master notebooks, in chapter order (``only``: just these exercises)."""
    found = sorted(masters_dir.glob("*.ipynb"))
    for path in found:
        if not MASTER_NAME.match(path.stem):
            raise ExerciseError(f"{path}: a master is named NN-slug.ipynb (e.g. 02-record-trade.ipynb)")
    if only:
        unknown = sorted(set(only) - {p.stem for p in found})
        if unknown:
            raise ExerciseError(f"{masters_dir}: no master named {unknown[0]}.ipynb")
        found = [p for p in found if p.stem in only]
    return found


def exercise_names(masters_dir: Path = MASTERS_DIR) -> list[str]:
    return [path.stem for path in masters(masters_dir)]


def master_path(exercise: str, masters_dir: Path = MASTERS_DIR) -> Path:
    path = masters_dir / f"{exercise}.ipynb"
    if not path.is_file():
        raise ExerciseError(f"{path}: no master for exercise {exercise!r}")
    return path


# --- running otter assign ----------------------------------------------------------------

def run_assign(master: Path, dest: Path, run_tests: bool = True) -> Path:
    """Run ``otter assign`` on one master into ``dest``; otter also checks the solutions pass
    (unless ``run_tests`` is false: the files it writes are the same)."""
    dest = Path(dest)
    result = subprocess.run(
        [sys.executable, "-m", "otter", "assign", "--no-pdfs", *([] if run_tests else ["--no-run-tests"]),
         str(master), str(dest)],
        capture_output=True, text=True, cwd=master.parent,
    )
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit code {result.returncode}"
        raise ExerciseError(f"{master}: otter assign failed: {reason}")
    return dest


def _autograder_zip(assign_dir: Path) -> Path:
    zips = sorted((assign_dir / "autograder").glob("*.zip"))
    if len(zips) != 1:
        raise ExerciseError(f"{assign_dir}: expected one autograder zip, found {len(zips)}")
    return zips[0]


# --- the student version -------------------------------------------------------------------

def _cell_id(cell, used: set[str]) -> str:
    """A stable id for a cell otter created (otter gives them random ids)."""
    source = cell.get("source", "")
    if match := re.fullmatch(r'grader\.check\("([\w-]+)"\)\s*', source):
        base = f"{match.group(1)}-check"
    elif "grader.check_all()" in source:
        base = "check-all"
    elif "otter.Notebook(" in source:
        base = "otter-init"
    else:
        base = "otter-" + hashlib.sha1(source.encode()).hexdigest()[:8]
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def normalise_student(nb, master_ids: set[str], exercise: str):
    """Make otter's student notebook reproducible and ready for the book and for students."""
    used: set[str] = set()
    for cell in nb.cells:
        if cell.get("id") not in master_ids or cell.get("id") in used:
            cell["id"] = _cell_id(cell, used)
        used.add(cell["id"])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for volatile in ("execution", "collapsed", "scrolled", "ExecuteTime"):
            cell.metadata.pop(volatile, None)
    # Colab's set-up cell (tools/colab_cell.py) must run before otter's own first cell imports otter.
    nb.cells.sort(key=lambda cell: cell.get("id") != "colab-setup")
    meta = nb.metadata
    meta["language_info"] = {"name": "python"}
    meta["mystnb"] = {"execution_mode": "off"}  # the book shows it; students run it
    meta[GENERATED_KEY] = {
        "generated_from": f"exercises/masters/{exercise}.ipynb",
        "note": "Generated by `sinorussia assign`: edit the master, not this file.",
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def comparable(nb) -> dict:
    """A notebook as a dict without the metadata editors change on their own."""
    data = json.loads(nbformat.writes(nb))
    for key in ("widgets", "vscode", "toc", "varInspector"):
        data["metadata"].pop(key, None)
    if "language_info" in data["metadata"]:
        data["metadata"]["language_info"] = {"name": data["metadata"]["language_info"].get("name")}
    for cell in data["cells"]:
        for key in ("execution", "collapsed", "scrolled", "ExecuteTime", "jupyter"):
            cell["metadata"].pop(key, None)
    return data


def student_files(assign_dir: Path, master: Path) -> dict[str, bytes]:
    """The student version as {relative path: content}: the notebook and the public tests."""
    exercise = master.stem
    master_nb = nbformat.read(master, as_version=4)
    student_dir = assign_dir / "student"
    nb = nbformat.read(student_dir / f"{exercise}.ipynb", as_version=4)
    nb = normalise_student(nb, {c.get("id") for c in master_nb.cells}, exercise)
    files = {f"{exercise}.ipynb": nbformat.writes(nb).encode() + b"\n"}
    for test in sorted((student_dir / "tests").glob("*.py")):
        files[f"tests/{test.name}"] = test.read_bytes()
    leaks = find_leaks(master_nb, nb, {k: v.decode() for k, v in files.items() if k.startswith("tests/")})
    if leaks:
        shown = "; ".join(leaks[:3])
        raise ExerciseError(f"{master}: solution text would reach students ({len(leaks)} lines): {shown}. "
                            "Mark it with '# SOLUTION' or '# BEGIN SOLUTION' / '# END SOLUTION' in the code")
    return files


# --- leak check ----------------------------------------------------------------------------

_MARKER = re.compile(r"#\s*(BEGIN|END)\s+(SOLUTION|PROMPT|TEST CONFIG|QUESTION|TESTS)|#\s*SOLUTION\b")
_FENCED = re.compile(r"^```otter\s*\n(.*)\n```\s*$", re.S)


def _is_trivial(line: str) -> bool:
    """Lines too generic to count as a leak (``chart``, ``)``, ``...``, comments)."""
    text = line.strip()
    return len(text) < 8 or text.startswith("#") or not re.search(r"[A-Za-z0-9]", text)


def _block_marker(cell) -> str | None:
    """The otter block marker a raw (or ```otter fenced) cell opens or closes, if any."""
    source = cell.get("source", "")
    if cell.cell_type == "markdown" and (match := _FENCED.match(source.strip())):
        source = match.group(1)
    elif cell.cell_type != "raw":
        return None
    first = source.strip().splitlines()[0].strip() if source.strip() else ""
    match = re.fullmatch(r"#\s*(BEGIN|END)\s+(QUESTION|SOLUTION|TESTS|PROMPT)", first, re.I)
    return f"{match.group(1).upper()} {match.group(2).upper()}" if match else None


def _solution_code_lines(source: str) -> list[str]:
    """The lines of a solution code cell that otter removes (all of them if it has no markers)."""
    lines = source.splitlines()
    if not any(_MARKER.search(line) for line in lines):
        return lines  # otter would ship this cell verbatim: every line is a solution line
    secret, in_block = [], False
    for line in lines:
        stripped = line.rstrip()
        if re.match(r"\s*#\s*BEGIN SOLUTION", stripped):
            in_block = True
        elif stripped.endswith("# END SOLUTION"):
            in_block = False
        elif in_block:
            secret.append(line)
        elif re.search(r"#\s*SOLUTION(\s+NO PROMPT)?\s*$", stripped):
            secret.append(re.sub(r"#\s*SOLUTION.*$", "", line))
    return secret


def _test_body(source: str) -> list[str]:
    """A test cell's lines without its TEST CONFIG block."""
    return re.sub(r'(?s)^.*?#\s*END TEST CONFIG[^\n]*\n', "", source).splitlines()


def solution_lines(master_nb) -> tuple[set[str], set[str]]:
    """(secret, public): stripped non-trivial lines only the autograder may hold, and the rest."""
    secret: set[str] = set()
    public: set[str] = set()
    state = None  # None, "solution" or "tests"
    for cell in master_nb.cells:
        marker = _block_marker(cell)
        if marker in ("BEGIN SOLUTION", "BEGIN TESTS"):
            state = marker.split()[1].lower()
            continue
        if marker in ("END SOLUTION", "END TESTS"):
            state = None
            continue
        if marker or cell.cell_type == "raw":
            continue
        source = cell.get("source", "")
        if state == "solution" and cell.cell_type == "code":
            hidden = set(_solution_code_lines(source))
            secret.update(hidden)
            public.update(line for line in source.splitlines() if line not in hidden)
        elif state == "solution":
            secret.update(source.splitlines())  # a written answer: otter drops the cell
        elif state == "tests":
            head = source.lstrip().splitlines()[:3]
            is_hidden = bool(re.search(r"hidden:\s*true", source[:400], re.I)
                             or (head and re.match(r"#.*\bhidden\b", head[0], re.I)))
            (secret if is_hidden else public).update(_test_body(source))
        else:
            public.update(source.splitlines())
    def clean(lines):
        return {line.strip() for line in lines if not _is_trivial(line)}
    public_clean = clean(public)
    return clean(secret) - public_clean, public_clean


def find_leaks(master_nb, student_nb, public_tests: dict[str, str] | None = None) -> list[str]:
    """Solution or hidden-test lines of the master found in the student notebook or its tests."""
    secret, _ = solution_lines(master_nb)
    shipped: dict[str, str] = {}
    for index, cell in enumerate(student_nb.cells):
        for line in cell.get("source", "").splitlines():
            shipped.setdefault(line.strip(), f"cell {index} ({cell.get('id')})")
    for name, text in (public_tests or {}).items():
        for line in text.splitlines():
            shipped.setdefault(line.strip(), name)
    return sorted(f"{where}: {line!r}" for line, where in shipped.items() if line in secret)


# --- generating and checking the committed student versions ----------------------------------

def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
    return True


def _assign_and_collect(master: Path, work: Path, cache_dir: Path | None) -> dict[str, bytes]:
    assign_dir = run_assign(master, work / "dist")
    files = student_files(assign_dir, master)
    if cache_dir is not None:
        store_autograder(master, assign_dir, cache_dir)
    return files


def _assign_all(selected: list[Path], cache_dir: Path | None) -> list[dict[str, bytes]]:
    """otter assign on several masters at once (it is a subprocess: threads suffice)."""
    def one(master: Path) -> dict[str, bytes]:
        with tempfile.TemporaryDirectory(prefix="sinorussia-assign-") as tmp:
            return _assign_and_collect(master, Path(tmp), cache_dir)
    workers = max(1, min(len(selected), len(os.sched_getaffinity(0))))
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, selected))


def generate(masters_dir: Path = MASTERS_DIR, exercises_dir: Path = EXERCISES_DIR,
             cache_dir: Path | None = AUTOGRADER_CACHE, only: list[str] | None = None) -> list[Path]:
    """Regenerate the student versions from their masters; returns the files that changed."""
    changed = []
    selected = masters(masters_dir, only)
    for master, files in zip(selected, _assign_all(selected, cache_dir), strict=False):
        target = exercises_dir / master.stem
        for stale in sorted((target / "tests").glob("*.py")):
            if f"tests/{stale.name}" not in files:
                stale.unlink()
                changed.append(stale)
        for relative, content in files.items():
            if _write_if_changed(target / relative, content):
                changed.append(target / relative)
    return changed


def differences(exercise: str, expected: dict[str, bytes], target: Path) -> list[str]:
    problems = []
    present = {f"tests/{p.name}" for p in (target / "tests").glob("*.py")} | (
        {f"{exercise}.ipynb"} if (target / f"{exercise}.ipynb").is_file() else set())
    for relative in sorted(set(expected) | present):
        path = target / relative
        if relative not in expected:
            problems.append(f"{path}: not generated by the master (delete it, or run `sinorussia assign`)")
        elif relative not in present:
            problems.append(f"{path}: missing (run `sinorussia assign`)")
        elif relative.endswith(".ipynb"):
            want = comparable(nbformat.reads(expected[relative].decode(), as_version=4))
            have = comparable(nbformat.read(path, as_version=4))
            if want != have:
                problems.append(f"{path}: differs from what its master generates (run `sinorussia assign`)")
        elif path.read_bytes() != expected[relative]:
            problems.append(f"{path}: differs from what its master generates (run `sinorussia assign`)")
    return problems


def check(masters_dir: Path = MASTERS_DIR, exercises_dir: Path = EXERCISES_DIR,
          only: list[str] | None = None) -> list[str]:
    """Regenerate into a temporary folder and list every committed file that differs."""
    problems = []
    selected = masters(masters_dir, only)
    for master, files in zip(selected, _assign_all(selected, None), strict=False):
        problems += differences(master.stem, files, exercises_dir / master.stem)
    names = {m.stem for m in masters(masters_dir)}
    for folder in sorted(p for p in exercises_dir.iterdir() if p.is_dir() and MASTER_NAME.match(p.name)):
        if folder.name not in names and not only:
            problems.append(f"{folder}: a student version without a master in {masters_dir}")
    return problems


# --- the autograder cache ------------------------------------------------------------------

def _master_key(master: Path) -> str:
    """The master, otter's version and what the autograder zip carries (package and data)."""
    digest = hashlib.sha256(master.read_bytes())
    for path in sorted([*(ROOT / "sinorussia").glob("*.py"), *(ROOT / "data").glob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"otter-grader {metadata.version('otter-grader')} generator {GENERATOR_VERSION}".encode())
    return digest.hexdigest()


def store_autograder(master: Path, assign_dir: Path, cache_dir: Path = AUTOGRADER_CACHE) -> Path:
    """Copy what grading needs into the cache, replacing the old entry in one rename."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{master.stem}-", dir=cache_dir))
    shutil.copyfile(_autograder_zip(assign_dir), staging / "autograder.zip")
    shutil.copyfile(assign_dir / "autograder" / master.name, staging / "solution.ipynb")
    shutil.copyfile(assign_dir / "student" / master.name, staging / "student.ipynb")
    (staging / "master.sha256").write_text(_master_key(master) + "\n")
    target = cache_dir / master.stem
    old = Path(tempfile.mkdtemp(prefix=f".{master.stem}-old-", dir=cache_dir))
    try:
        if target.exists():
            target.replace(old / "entry")
        staging.replace(target)
    except OSError:  # another process stored the same master meanwhile: keep theirs
        shutil.rmtree(staging, ignore_errors=True)
    finally:
        shutil.rmtree(old, ignore_errors=True)
    return target


def autograder_dir(exercise: str, masters_dir: Path = MASTERS_DIR,
                   cache_dir: Path = AUTOGRADER_CACHE) -> Path:
    """The cached autograder folder of one exercise (autograder.zip, solution.ipynb), fresh."""
    master = master_path(exercise, masters_dir)
    target = cache_dir / exercise
    stamp = target / "master.sha256"
    if stamp.is_file() and stamp.read_text().strip() == _master_key(master) \
            and (target / "autograder.zip").is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="sinorussia-assign-") as tmp:
        assign_dir = run_assign(master, Path(tmp) / "dist")
        student_files(assign_dir, master)  # refuse to grade with a master that leaks
        return store_autograder(master, assign_dir, cache_dir)


def autograder_zip(exercise: str, masters_dir: Path = MASTERS_DIR,
                   cache_dir: Path = AUTOGRADER_CACHE) -> Path:
    return autograder_dir(exercise, masters_dir, cache_dir) / "autograder.zip"


def answered_version(exercise: str, answer_ids: list[str] | None = None,
                     masters_dir: Path = MASTERS_DIR, cache_dir: Path = AUTOGRADER_CACHE):
    """The student version with answer cells (all, or those in ``answer_ids``) taken from the
    solution: a realistic submission for tests and benchmarks."""
    template = nbformat.read(EXERCISES_DIR / exercise / f"{exercise}.ipynb", as_version=4)
    solution = nbformat.read(autograder_dir(exercise, masters_dir, cache_dir) / "solution.ipynb", as_version=4)
    answers = {c.id: c.source for c in solution.cells
               if "otter_assign_solution_cell" in c.metadata.get("tags", [])}
    for cell in template.cells:
        if cell.id in answers and (answer_ids is None or cell.id in answer_ids):
            cell.source = answers[cell.id]
    return template


def answer_cell_ids(exercise: str) -> list[str]:
    """The ids of the cells students answer in, in order."""
    template = nbformat.read(EXERCISES_DIR / exercise / f"{exercise}.ipynb", as_version=4)
    return [c.id for c in template.cells if "otter_answer_cell" in c.metadata.get("tags", [])]


# --- command line ----------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("only", nargs="*", metavar="EXERCISE",
                        help="only these exercises (e.g. 02-record-trade); default: every master")
    parser.add_argument("--check", action="store_true",
                        help="only report student versions that differ from their masters (exit 1 if any)")
    parser.add_argument("--masters", type=Path, default=MASTERS_DIR, help="folder of masters")
    parser.add_argument("--exercises", type=Path, default=EXERCISES_DIR,
                        help="folder that holds the student versions")


def run(args: argparse.Namespace) -> int:
    if not args.masters.is_dir():
        raise ExerciseError(f"{args.masters}: no such folder of masters")
    selected = masters(args.masters, args.only)
    if not selected:
        raise ExerciseError(f"{args.masters}: no master notebooks (NN-slug.ipynb) found")
    if args.check:
        problems = check(args.masters, args.exercises, args.only)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"student versions are up to date with {len(selected)} master(s)")
        return 1 if problems else 0
    changed = generate(args.masters, args.exercises,
                       AUTOGRADER_CACHE if args.masters == MASTERS_DIR else None, args.only)
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(selected)} master(s), {len(changed)} file(s) changed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sinorussia.exercises",
                                     description="Regenerate the student versions of the exercises from their masters.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ExerciseError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

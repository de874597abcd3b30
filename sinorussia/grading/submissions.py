"""Finding the submitted files and reading each once, with a size cap, in the parent.

Where submissions go (either form, mixed freely):
    SUBMISSIONS_DIR/<student>/<exercise>.ipynb     e.g. alice/02-record-trade.ipynb
    SUBMISSIONS_DIR/<student>__<exercise>.ipynb    e.g. alice__02-record-trade.ipynb
The student is the folder (or the part before ``__``). The exercise is the notebook's
``otter.assignment_name`` metadata (set by otter assign), else the file name. A file that breaks
the convention is still graded, and flagged.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_NOTEBOOK_BYTES = 16 * 2**20       # larger files are refused after reading at most this much
BIG_OUTPUT_BYTES = 2**20              # stored output above this is noted (cells run again anyway)


@dataclass
class Submission:
    path: Path
    relative: str
    student: str
    name_exercise: str                               # what the file name says
    notes: list[str] = field(default_factory=list)   # reasons for "altered"
    info: list[str] = field(default_factory=list)    # worth saying, but the grade stands as it is
    exercise: str | None = None
    digest: str = ""                                 # sha256 of the bytes read
    cells: list[dict] | None = None                  # the code and markdown cells, outputs dropped
    problem: tuple[str, str] | None = None           # (status, message) when it cannot run


def discover(submissions_dir: Path) -> list[Submission]:
    """Every file under the folder (hidden files and checkpoints skipped), named by convention."""
    found = []
    for path in sorted(submissions_dir.rglob("*")):
        relative = path.relative_to(submissions_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        parts = relative.parts
        stem = Path(parts[-1]).stem
        notes = []
        if len(parts) == 2:
            student, name_exercise = parts[0], stem
        elif len(parts) == 1 and "__" in stem:
            student, name_exercise = stem.split("__", 1)
        else:
            student = parts[0] if len(parts) > 1 else stem
            name_exercise = stem.split("__", 1)[-1]
            notes.append(f"misplaced: expected <student>/<exercise>.ipynb or <student>__<exercise>.ipynb, "
                         f"found {relative.as_posix()}")
        found.append(Submission(path, relative.as_posix(), student, name_exercise, notes))
    return found


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _describe(cell: dict) -> str:
    first = next((line.strip() for line in _source(cell).splitlines() if line.strip()), "")
    return f"'{cell.get('id', '?')}' ({first[:50]})" if first else f"'{cell.get('id', '?')}'"


def structure_notes(cells: list[dict], template: list[dict]) -> list[str]:
    """Exercise cells deleted or moved, found by cell id (or unchanged text when ids differ)."""
    by_id = {c.get("id"): i for i, c in enumerate(cells) if c.get("id")}
    unused = set(range(len(cells)))
    matched, missing = [], []
    for t in template:
        i = by_id.get(t.get("id"))
        if i is None or i not in unused:
            i = next((j for j in sorted(unused) if cells[j].get("cell_type") == t.get("cell_type")
                      and _source(cells[j]) == _source(t)), None)
        if i is None:
            missing.append(t)
        else:
            unused.discard(i)
            matched.append((t, i))
    notes = []
    if missing:
        shown = ", ".join(_describe(t) for t in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        notes.append(f"{len(missing)} cell(s) of the exercise deleted: {shown}{more}")
    for (before, i), (after, j) in zip(matched, matched[1:], strict=False):
        if j < i:
            notes.append(f"cells reordered: {_describe(after)} now comes before {_describe(before)}")
            break
    return notes


def read_capped(path: Path, cap: int = MAX_NOTEBOOK_BYTES) -> bytes | None:
    """The file's bytes, or None when it holds more than ``cap`` (never reads more than cap + 1)."""
    with open(path, "rb") as handle:   # read-only: the submission is never written
        content = handle.read(cap + 1)
    return None if len(content) > cap else content


def read(sub: Submission) -> bytes | None:
    """Read the file once (capped); sets ``digest``, or ``problem`` when it cannot be read."""
    if sub.path.is_symlink():
        sub.problem = ("invalid", "a symbolic link, not a file: submit the notebook itself")
        return None
    try:
        content = read_capped(sub.path)
    except OSError as err:
        sub.problem = ("invalid", f"cannot read the file: {err.strerror}")
        return None
    if content is None:
        sub.problem = ("invalid", f"file is above the {MAX_NOTEBOOK_BYTES // 2**20} MB limit: "
                                  "clear the outputs and submit again")
        return None
    sub.digest = hashlib.sha256(content).hexdigest()
    return content


def inspect(sub: Submission, content: bytes, exercises: list[str], templates: dict[str, list[dict]]) -> None:
    """Decide which exercise the file is, or why it cannot be graded; keep only its cells' text."""
    if sub.name_exercise in exercises:
        sub.exercise = sub.name_exercise  # a first guess; the notebook's metadata may correct it
    if not content:
        sub.problem = ("invalid", "empty file (0 bytes): was the notebook saved before upload?")
        return
    suffix = sub.path.suffix.lower()
    try:
        nb = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        what = "a notebook" if suffix == ".ipynb" else f"a notebook (a {suffix or 'suffix-less'} file)"
        sub.problem = ("invalid", f"not {what}: not valid JSON ({str(err).splitlines()[0][:80]})")
        return
    if not (isinstance(nb, dict) and isinstance(nb.get("cells"), list) and nb.get("nbformat") == 4
            and all(isinstance(c, dict) and isinstance(c.get("cell_type"), str)
                    and isinstance(c.get("source", ""), (str, list)) for c in nb["cells"])):
        sub.problem = ("invalid", "JSON but not a Jupyter notebook (version 4 with a list of cells)")
        return
    if suffix != ".ipynb":
        sub.notes.append(f"renamed: a notebook saved as {sub.path.name}, expected a .ipynb file")
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    otter_meta = meta.get("otter") if isinstance(meta.get("otter"), dict) else {}
    declared = otter_meta.get("assignment_name")
    if declared in exercises:
        sub.exercise = declared
        misplaced = any(note.startswith("misplaced") for note in sub.notes)
        if sub.name_exercise != declared and suffix == ".ipynb" and not misplaced:
            sub.notes.append(f"renamed: the file is {sub.path.name}, expected {declared}.ipynb")
    elif sub.exercise is None:
        sub.problem = ("unknown", f"cannot tell which exercise this is: neither the file name "
                                  f"({sub.path.name}) nor the notebook metadata ({str(declared)[:40]!r}) "
                                  f"names one of {', '.join(exercises)}")
        return
    stored = sum(len(json.dumps(c.get("outputs", []))) for c in nb["cells"])
    if stored > BIG_OUTPUT_BYTES:
        sub.info.append(f"note: the file holds {stored / 2**20:.1f} MB of stored output, ignored "
                        "(every cell is run again)")
    sub.notes += structure_notes(nb["cells"], templates.get(sub.exercise, []))
    sub.cells = [{"cell_type": c["cell_type"], "id": str(c.get("id", "")), "source": _source(c)}
                 for c in nb["cells"] if c["cell_type"] in ("code", "markdown")]


def template_cells(exercise: str, exercises_dir: Path, cache_dir: Path) -> list[dict]:
    """The cells students received: the committed student version (else the cached one)."""
    for path in (exercises_dir / exercise / f"{exercise}.ipynb", cache_dir / exercise / "student.ipynb"):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))["cells"]
    return []


def public_tests(exercise: str, exercises_dir: Path) -> dict[str, str]:
    """The public tests students have next to their notebook (``grader.check`` runs them)."""
    folder = exercises_dir / exercise / "tests"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py"))}


def natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)[:120] or "_"


__all__ = ["Submission", "discover", "read", "inspect", "structure_notes", "template_cells", "public_tests",
           "natural", "MAX_NOTEBOOK_BYTES"]

"""Results, feedback files and the resume cache, written by the parent after every sandbox is gone.

``--out gradebook.csv`` gets one row per file: student, exercise, file, one column per question
(points), total, possible, status, message. ``gradebook-feedback/`` beside it gets one text file
per row and ``.graded.json``, the resume cache (each row with the hash of the file and of the
tests it was graded with). Both are staged in full next to the gradebook, then swapped in with
two renames while Ctrl-C and SIGTERM are held back: a run that stops earlier leaves the previous
gradebook and feedback as they were, and no staging folder.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import GradingError
from .submissions import natural, safe_name

CACHE_NAME = ".graded.json"
MAX_CACHE_BYTES = 256 * 2**20
RESUMABLE = {"invalid", "unknown", "flood", "altered", "errors", "ok"}   # not timeout or crashed


@dataclass
class Result:
    student: str
    exercise: str
    file: str
    questions: dict[str, float]                 # points possible
    scores: dict[str, float] | None
    status: str
    messages: list[str]
    feedback: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    key: str = ""                               # content hash + tests hash, for resuming

    @property
    def total(self) -> float:
        return sum(self.scores.values()) if self.scores else 0.0

    @property
    def possible(self) -> float:
        return sum(self.questions.values())


def feedback_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}-feedback")


def check_paths(out: Path) -> None:
    """Refuse, in one line, a gradebook path that is a folder or a feedback path that is a file."""
    if out.is_dir():
        raise GradingError(f"{out}: is a folder; --out names the gradebook CSV file to write")
    folder = feedback_path(out)
    if folder.exists() and not folder.is_dir():
        raise GradingError(f"{folder}: is a file, not the feedback folder; move it away or choose another --out")


def feedback_text(result: Result) -> str:
    lines = [f"Exercise: {result.exercise}", f"Student: {result.student}", f"File: {result.file}",
             f"Status: {result.status}", f"Score: {result.total:g} / {result.possible:g}", ""]
    lines += [f"- {message}" for message in result.messages]
    if result.messages:
        lines.append("")
    for question, possible in result.questions.items():
        got = "-" if result.scores is None else f"{result.scores.get(question, 0):g}"
        lines.append(f"{question}: {got} / {possible:g}")
        if result.feedback.get(question):
            lines.append(result.feedback[question])
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def load_cache(out: Path) -> dict[str, dict]:
    """{file: {"key", "result"}} from the previous run's feedback folder (empty if unusable)."""
    path = feedback_path(out) / CACHE_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_CACHE_BYTES:
            return {}
        entries = json.loads(path.read_text(encoding="utf-8")).get("entries", {})
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def cached_result(entry: dict | None, key: str) -> Result | None:
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    try:
        result = Result(**entry["result"])
    except (TypeError, KeyError):
        return None
    return result if result.status in RESUMABLE else None


@contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until the swap is done (Unix; elsewhere a no-op)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_outputs(results: list[Result], out: Path) -> Path:
    """Stage the gradebook and the feedback folder in full, then swap both in."""
    check_paths(out)
    folder = feedback_path(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.stem}-staging-", dir=out.parent))
    try:
        new_folder = staging / "feedback"
        new_folder.mkdir()
        taken: set[str] = set()
        for result in results:
            base = safe_name(f"{result.student}__{result.exercise or 'unknown'}")
            name, n = f"{base}.txt", 1
            while name.lower() in taken:
                n += 1
                name = f"{base}-{n}.txt"
            taken.add(name.lower())
            (new_folder / name).write_text(feedback_text(result), encoding="utf-8")
        cache = {"entries": {r.file: {"key": r.key, "result": asdict(r)} for r in results if r.key}}
        (new_folder / CACHE_NAME).write_text(json.dumps(cache), encoding="utf-8")

        questions: list[str] = []
        for result in results:
            questions += [q for q in result.questions if q not in questions]
        questions.sort(key=natural)
        new_gradebook = staging / "gradebook.csv"
        with new_gradebook.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", "exercise", "file", *questions, "total", "possible", "status", "message"])
            for r in results:
                points = ["" if r.scores is None or q not in r.questions else f"{r.scores.get(q, 0):g}"
                          for q in questions]
                writer.writerow([_cell(r.student), _cell(r.exercise), _cell(r.file), *points, f"{r.total:g}",
                                 f"{r.possible:g}", r.status, _cell("; ".join(r.messages))])
            handle.flush()
            os.fsync(handle.fileno())

        with _signals_held():
            check_paths(out)  # again: the paths may have changed while grading ran
            old = staging / "old-feedback"
            if folder.exists():
                folder.replace(old)
            try:
                new_folder.replace(folder)
                os.replace(new_gradebook, out)
            except OSError:
                if folder.exists() and old.exists():
                    shutil.rmtree(folder, ignore_errors=True)
                if old.exists():
                    old.replace(folder)
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder

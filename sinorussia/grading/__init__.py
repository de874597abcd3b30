"""Grade a folder of submitted notebooks, each in its own kernel-enforced sandbox.

    sinorussia grade SUBMISSIONS_DIR --out gradebook.csv [--timeout 60] [--memory-mb 1024] [--jobs N]

The modules, one concern each:

- ``submissions``: finding the files, reading each once with a size cap, deciding its exercise;
- ``sandbox``: the bubblewrap command line, resource limits and seccomp filter for one run;
- ``runner``: what runs inside the sandbox (the notebook's cells, then the answers out);
- ``answers``: answers as plain data (JSON) and back, on both sides of the boundary;
- ``otter_adapter``: the only module that touches otter's internals (loading and running tests);
- ``scoring``: the hidden tests, run on the answers in a process no student code touched;
- ``scheduler``: several sandboxes at once, timeouts, caps on what comes back;
- ``gradebook``: results, feedback, the resume cache, written together and atomically;
- ``command``: ``sinorussia grade`` itself.

Nothing here imports a Unix-only module at import time: ``sinorussia grade`` on Windows or
macOS says in one line what it needs.
"""

from __future__ import annotations

# The gradebook's status column, as the code assigns it (worst first); the instructor guide's
# table is checked against this list.
STATUSES = {
    "invalid": "not a gradable notebook (empty, not JSON, not a notebook, too large): no score",
    "unknown": "no exercise matches the file name or the notebook metadata: no score",
    "timeout": "still running after --timeout seconds (wall clock or CPU): no score",
    "flood": "sent more than the answer channel's byte cap: no score",
    "crashed": "the sandbox ended without handing back its answers (killed, os._exit, memory): no score",
    "altered": "graded, but exercise cells were deleted or reordered, or the file was renamed or misplaced",
    "errors": "graded; some cells raised (syntax errors, exceptions, MemoryError)",
    "ok": "graded; every cell ran",
}


class GradingError(Exception):
    """Bad input to the grader, or a machine that cannot grade; the message is one line."""


def default_jobs() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def add_arguments(parser) -> None:
    from .command import add_arguments as add

    add(parser)


def run(args) -> int:
    from .command import run as run_command

    return run_command(args)


def grade(*args, **kwargs):
    from .command import grade as grade_command

    return grade_command(*args, **kwargs)


__all__ = ["STATUSES", "GradingError", "default_jobs", "add_arguments", "run", "grade"]

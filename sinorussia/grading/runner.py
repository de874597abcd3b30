"""What runs inside the sandbox: the notebook's cells, then its answers out as plain data.

    python -I -m sinorussia.grading.runner  < job.json

The job (stdin) holds the notebook's cells, its file name, the public tests (so that
``grader.check`` works as in the student's own session) and the names of the variables the
tests read. Standard output is the answer channel: progress lines, then one line
``ANSWERS <json>``. The cells' own output goes to a capped buffer; file descriptors 0-2 point at
/dev/null while they run. This process holds no hidden test, no score and no secret: whatever
the notebook does to it, it can only change the data it hands back, which is then graded like
an answer typed in.
"""

from __future__ import annotations

import json
import os
import sys

PROGRESS = "CELL "
ANSWERS = "ANSWERS "
KEPT_OUTPUT_CHARS = 4096


class _CappedText:
    """A stdout stand-in that counts everything and keeps only the start."""

    def __init__(self, keep: int):
        self.keep, self.size, self.parts = keep, 0, []

    def write(self, text) -> int:
        text = str(text)
        if self.size < self.keep:
            self.parts.append(text[: self.keep - self.size])
        self.size += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _first_line(source: str) -> str:
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 40 else line[:39] + "…"


def _error_text(err: BaseException) -> str:
    if isinstance(err, SyntaxError):
        return f"SyntaxError: {err.msg} (line {err.lineno})"
    text = str(err).splitlines()[0][:120] if str(err) else ""
    return f"{type(err).__name__}: {text}".rstrip(": ")


def _send(channel: int, line: str) -> None:
    data = (line.replace("\n", " ") + "\n").encode("utf-8", "replace")
    while data:
        data = data[os.write(channel, data):]


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    channel = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)

    os.makedirs("tests", exist_ok=True)
    for name, source in job["public_tests"].items():
        with open(os.path.join("tests", os.path.basename(name)), "w", encoding="utf-8") as handle:
            handle.write(source)
    with open(os.path.basename(job["notebook_name"]), "w", encoding="utf-8") as handle:
        cells = [dict(cell, metadata={}, **({"outputs": [], "execution_count": None}
                                           if cell["cell_type"] == "code" else {})) for cell in job["cells"]]
        json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, handle)

    from .otter_adapter import lighten_import

    lighten_import()
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    shell.display_formatter.active_types = ["text/plain"]
    output = _CappedText(KEPT_OUTPUT_CHARS)
    errors, number = [], 0
    for cell in job["cells"]:
        if cell["cell_type"] != "code":
            continue
        number += 1
        _send(channel, f"{PROGRESS}{number} {_first_line(cell['source'])}")
        sys.stdout = sys.stderr = output
        try:
            result = shell.run_cell(cell["source"], store_history=False)
            err = result.error_before_exec or result.error_in_exec
        except BaseException as caught:  # noqa: BLE001 - a cell may raise anything, even SystemExit
            err = caught
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if err is not None:
            errors.append(f"code cell {number} ({_first_line(cell['source'])}): {_error_text(err)}")

    from .answers import encode_all

    _send(channel, f"{PROGRESS}{number + 1} handing back the answers")
    answers = encode_all(shell.user_ns, job["names"])
    _send(channel, ANSWERS + json.dumps({"answers": answers, "errors": errors[:20],
                                         "output_chars": output.size}))
    os._exit(0)


if __name__ == "__main__":
    main()

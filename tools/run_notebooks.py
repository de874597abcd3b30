"""Run notebooks as a student does: each from its own folder, top to bottom, in the kernel of
the Python that runs this script (a launch test runs it with the environment under test).

    python tools/run_notebooks.py [--jobs N] [--prepend-cell FILE] [--save DIR] NOTEBOOK...

Prints one line per notebook (``ok``/``FAIL`` and seconds) and exits 1 if any failed. With
``--save``, each notebook is also written, as executed, to DIR (for tests that read its outputs).
Needs only nbclient and nbformat, so it runs in a Binder or Colab environment as well.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run_one(path: Path, timeout: int, prepend: str | None, save: Path | None = None) -> tuple[bool, float, str]:
    started = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    if prepend is not None:
        nb.cells.insert(0, nbformat.v4.new_code_cell(prepend))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        lines = [line for line in str(err).splitlines() if line.strip()]
        return False, time.perf_counter() - started, lines[-1] if lines else "cell error"
    except Exception as err:  # a kernel that died or timed out
        return False, time.perf_counter() - started, f"{type(err).__name__}: {err}"
    finally:
        if save is not None:
            nbformat.write(nb, save / path.name)
    return True, time.perf_counter() - started, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--prepend-cell", type=Path, help="a code cell to run first in every notebook")
    parser.add_argument("--save", type=Path, help="write each executed notebook to this folder")
    args = parser.parse_args(argv)
    prepend = args.prepend_cell.read_text() if args.prepend_cell else None
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: run_one(p.resolve(), args.timeout, prepend, args.save), args.notebooks))
    failed = 0
    for path, (ok, seconds, reason) in zip(args.notebooks, results, strict=True):
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {seconds:5.1f}s {path}{'' if ok else ': ' + reason}")
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

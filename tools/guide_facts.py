"""Write the instructor guide's counts, limits, options and timings from the code and the benchmark.

The guide (appendix/instructor-guide.md) includes each of these Markdown snippets with
``{include}``, so no figure in it is typed by hand: the exercises and their questions are counted
in the masters, the options and limits read from the grader's code, the statuses from
``sinorussia.grading.STATUSES``, the timings from ``appendix/benchmark.json`` (written by
``python -m tools.bench``). ``tests/test_guide_facts.py`` fails when a snippet differs from what
this writes, so re-run it after a benchmark or a change to the grader:

    python -m tools.guide_facts [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "appendix" / "generated"
BENCHMARK = ROOT / "appendix" / "benchmark.json"


def _questions(master: Path) -> tuple[int, int]:
    """(questions graded by tests, written questions) of one master."""
    cells = json.loads(master.read_text(encoding="utf-8"))["cells"]
    auto = written = 0
    for cell in cells:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "raw" and text.lstrip().startswith("# BEGIN QUESTION"):
            if re.search(r"^manual:\s*true", text, flags=re.M):
                written += 1
            else:
                auto += 1
    return auto, written


def exercises_text() -> str:
    from sinorussia import exercises

    masters = exercises.masters()
    numbers = [int(m.stem[:2]) for m in masters]
    chapters = [n for n in numbers if 1 <= n <= 11]
    counts = [sum(_questions(m)) for m in masters if 1 <= int(m.stem[:2]) <= 11]
    return (f"The module has {len(masters)} graded exercises: the primer's (exercise 0), one for each of "
            f"the {len(chapters)} chapters (exercises {min(chapters)} to {max(chapters)}) and the capstone memo "
            f"(exercise {max(numbers)}). A chapter's exercise has {min(counts)} to {max(counts)} questions, "
            "the last of them written.\n")


def options_table() -> str:
    from sinorussia import cli

    parser = cli.build_parser()
    grade = next(a for a in parser._subparsers._group_actions[0].choices.items() if a[0] == "grade")[1]
    rows = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
    for action in grade._actions:
        if not action.option_strings or action.dest == "help":
            continue
        name = action.option_strings[0] + (f" {action.metavar or action.dest.upper()}" if action.nargs != 0 else "")
        stated = re.search(r"\(default:? ([^,)]*)", action.help or "")
        default = ("off" if action.nargs == 0 else f"{action.default:g}" if isinstance(action.default, float)
                   else str(action.default) if action.default is not None else stated.group(1) if stated else "none")
        meaning = re.sub(r"\s*\(default[^)]*\)", "", action.help or "").replace("<", "&lt;")
        rows.append(f"| `{name}` | {default} | {meaning} |")
    return "\n".join(rows) + "\n"


def statuses_table() -> str:
    from sinorussia.grading import STATUSES

    rows = ["| Status | Meaning |", "| --- | --- |"] + [f"| `{s}` | {m} |" for s, m in STATUSES.items()]
    return "\n".join(rows) + "\n"


def limits_text() -> str:
    from sinorussia.grading import scheduler, submissions
    from sinorussia.grading.sandbox import SCRATCH_BYTES

    mb = 2 ** 20
    return (f"The grader reads the file once, at most {submissions.MAX_NOTEBOOK_BYTES // mb} MB, and never "
            "writes it. It starts a bubblewrap sandbox: new user, PID, network, IPC and mount namespaces; a "
            "read-only file system that holds only the system's `/usr`, the Python environment, the `sinorussia` "
            f"package and the public data package; a {SCRATCH_BYTES // mb} MB in-memory scratch folder as working "
            "directory (and as much for `/tmp`); limits on memory, CPU time, file size and open files; no "
            "environment variable of yours; no way to start another process (threads work). Inside, the notebook's "
            "code cells run in order in an IPython shell, with the public tests beside it so that `grader.check` "
            "works as in the student's own session. Then the variables the tests read (`growth_usd_bn`, `chart`, "
            "...) leave the sandbox as plain data: numbers, strings, lists, tables as JSON, charts as their "
            f"Vega-Lite spec, at most {scheduler.CHANNEL_BYTES // mb} MB. The hidden tests never enter the sandbox: "
            "a separate scoring process, which no student code ever touched, runs them on that data, with otter's "
            "own test runner.\n")


def speed_text(bench: dict) -> str:
    g = bench["grading"]
    scores = "identical scores" if g["scores_agree"] else "scores that differ: see the benchmark"
    return (f"Measured on {bench['measured_on']} on the {g['cores']}-core machine where the module was built "
            f"(load average {g['load_average_1min']:.1f}): {g['n_submissions']} submissions took "
            f"{g['sinorussia_grade_seconds']:.1f} seconds with {g['jobs']} graded at once, start-up included, "
            f"against {g['otter_run_sequential_seconds']:.1f} seconds for otter's `otter run` one submission "
            f"after another: {g['speedup']:.1f} times faster, with {scores}. One at a time, the grader took "
            f"{g['sinorussia_grade_one_job_seconds']:.1f} seconds. Each sandbox took "
            f"{g['sandbox_seconds_per_submission']:.2f} seconds on average, of which "
            f"{g['empty_sandbox_seconds']:.2f} s is the empty sandbox and the rest Python, pandas and Altair "
            "starting and the cells running; the grader's own start-up (otter's test files, the scoring "
            "processes) is paid once, so small classes gain less than large ones. That is "
            f"{g['sinorussia_grade_per_minute']:.0f} submissions a minute, against "
            f"{g['otter_run_per_minute']:.0f} with `otter run`. `python -m tools.bench` measures it on your "
            "machine.\n")


def snippets(bench: dict | None = None) -> dict[str, str]:
    """{file name: Markdown} for every snippet the guide includes."""
    bench = bench if bench is not None else json.loads(BENCHMARK.read_text(encoding="utf-8"))
    return {"exercises.md": exercises_text(), "grade-options.md": options_table(),
            "statuses.md": statuses_table(), "sandbox.md": limits_text(), "grading-speed.md": speed_text(bench)}


def stale(out: Path = OUT) -> list[str]:
    return [name for name, text in snippets().items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report snippets that are out of date")
    args = parser.parse_args(argv)
    if args.check:
        names = stale()
        for name in names:
            print(f"{OUT / name}: out of date: run python -m tools.guide_facts", file=sys.stderr)
        return 1 if names else 0
    OUT.mkdir(exist_ok=True)
    for name, text in snippets().items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(snippets())} snippets to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

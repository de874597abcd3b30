"""The hidden tests, run on a submission's answers in a process no student code ever touched.

    python -I -m sinorussia.grading.scoring

A long-lived worker: its first stdin line holds every exercise's tests (the only place they
exist outside the autograder zip: never on disk, never in a sandbox); each further line is one
submission's answers (plain data, see ``answers``); it answers each with one line of scores and
feedback. The parent kills and replaces a worker that takes too long.
"""

from __future__ import annotations

import json
import re
import sys


def feedback(cases: list[tuple[bool, bool, str]]) -> str:
    """What the student may read: public test messages, hidden tests' hints, never test code."""
    lines = []
    public_ok = all(passed for hidden, passed, _ in cases if not hidden)
    hidden = [passed for is_hidden, passed, _ in cases if is_hidden]
    for is_hidden, passed, message in cases:
        if passed or (is_hidden and not public_ok):
            continue
        text = [line for line in message.strip().splitlines() if line.strip() and not line.startswith("❌")]
        if is_hidden:
            hint = re.sub(r"^AssertionError:\s*", "", text[-1]) if text else ""
            lines.append(f"  a hidden test failed: {hint[:300]}" if hint else "  a hidden test failed")
        else:
            lines.append("  a public test failed:\n" + "\n".join("    " + line[:300] for line in text[-6:]))
    if not public_ok and hidden:
        lines.append(f"  hidden tests: {sum(hidden)} of {len(hidden)} passed (fix what the public tests say first)")
    return "\n".join(lines)


def score(tests: dict[str, str], answers: dict) -> dict:
    from . import otter_adapter

    scores, notes = {}, {}
    for name in sorted(tests):
        points, cases = otter_adapter.run(tests[name], name, answers)
        question = otter_adapter.load(tests[name], name).name
        scores[question] = points
        notes[question] = feedback(cases)
    return {"scores": scores, "feedback": notes}


def main() -> None:
    from .answers import decode_all

    stdin = sys.stdin.buffer
    tests = json.loads(stdin.readline())
    out = sys.stdout
    for line in stdin:
        job = json.loads(line)
        try:
            reply = score(tests[job["exercise"]], decode_all(job["answers"]))
        except Exception as err:  # noqa: BLE001 - reported, the parent decides
            reply = {"error": f"{type(err).__name__}: {str(err)[:200]}"}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()

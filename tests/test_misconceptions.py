"""Every plausible wrong answer in a master's misconception bank loses points and is named.

Each question of a master carries a bank of wrong answers drawn from its chapter (a raw cell that
starts with ``# ignore``, which otter assign drops; format in exercises/masters/README.md). Each
wrong answer is substituted for the solution in the master's own namespace and run, in this
process, through the question's public tests (what ``grader.check`` shows the student) and its
hidden tests (what the instructor's grade counts), scored with otter's point rules. A chart's
hidden tests also get the chart as a Vega-Lite dict, as the grader may hand it to them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
import yaml

from sinorussia import exercises

pytestmark = pytest.mark.grading

MASTERS = exercises.masters()
MARKER = re.compile(r"^\s*#\s*(BEGIN|END) (QUESTION|SOLUTION|TESTS|PROMPT)\b")
CONFIG = re.compile(r'(?s)^\s*"""\s*#\s*BEGIN TEST CONFIG\s*\n(.*?)"""\s*#\s*END TEST CONFIG')


@dataclass
class CheckCell:
    name: str
    source: str
    hidden: bool
    points: float | None


@dataclass
class Question:
    name: str
    points: float
    manual: bool
    tests: list[CheckCell] = field(default_factory=list)
    bank: list[dict] = field(default_factory=list)


@dataclass
class Master:
    slug: str
    code: list[str]  # setup and solution cells, in order
    questions: dict[str, Question]


def read_master(path: Path) -> Master:
    nb = nbformat.read(path, as_version=4)
    code, questions, question, block = [], {}, None, None
    for cell in nb.cells:
        source = cell.source
        match = MARKER.match(source) if cell.cell_type == "raw" else None
        if match:
            verb, kind = match.groups()
            if kind == "QUESTION" and verb == "BEGIN":
                config = yaml.safe_load(source.split("\n", 1)[1])
                question = Question(config["name"], config.get("points") or 0, bool(config.get("manual")))
                questions[question.name] = question
            elif kind == "QUESTION":
                question = None
            else:
                block = kind if verb == "BEGIN" else None
            continue
        if cell.cell_type == "raw" and re.match(r"#\s*ignore", source) and "misconception" in source.split("\n")[0]:
            assert question is not None, f"{path}: a misconception bank outside a question"
            question.bank = yaml.safe_load(source) or []
            continue
        if cell.cell_type != "code":
            continue
        if block == "TESTS":
            found = CONFIG.match(source)
            config = yaml.safe_load(found.group(1)) if found else {}
            name = re.search(r"def (test_\w+)", source).group(1)
            question.tests.append(CheckCell(name, source, bool(config.get("hidden")), config.get("points")))
        else:
            code.append(source)
    return Master(path.stem, code, questions)


def points_per_test(question: Question) -> list[float]:
    """otter's rule: explicit points stay, the question's remaining points are shared by the rest."""
    explicit = sum(t.points for t in question.tests if t.points is not None)
    unset = [t for t in question.tests if t.points is None]
    share = (question.points - explicit) / len(unset) if unset else 0.0
    return [t.points if t.points is not None else share for t in question.tests]


def run_test(test: CheckCell, namespace: dict) -> str | None:
    """None if the test passes, else its failure message."""
    try:
        exec(compile(test.source, test.name, "exec"), dict(namespace))
    except AssertionError as err:
        return str(err) or "AssertionError"
    except Exception as err:  # a test that crashes counts as failed, as in otter
        return f"{type(err).__name__}: {err}"
    return None


def score(question: Question, namespace: dict) -> tuple[float, list[str], list[str]]:
    """(points, public failure messages, hidden failure messages)."""
    total, public, hidden = 0.0, [], []
    for test, points in zip(question.tests, points_per_test(question), strict=True):
        message = run_test(test, namespace)
        if message is None:
            total += points
        else:
            (hidden if test.hidden else public).append(message)
    return total, public, hidden


def as_vega_lite(namespace: dict) -> dict:
    """The same answers with every chart replaced by its Vega-Lite dict."""
    return {k: (v.to_dict() if type(v).__module__.startswith("altair") and hasattr(v, "to_dict") else v)
            for k, v in namespace.items()}


@pytest.fixture(scope="module")
def solved() -> dict[str, tuple[Master, dict]]:
    """Each master's set-up and solution cells run once, in this process, from its folder."""
    out, here = {}, os.getcwd()
    os.chdir(exercises.MASTERS_DIR)
    try:
        for path in MASTERS:
            master = read_master(path)
            namespace: dict = {"__name__": "__main__"}
            for source in master.code:
                exec(compile(source, path.name, "exec"), namespace)
            out[master.slug] = (master, namespace)
    finally:
        os.chdir(here)
    return out


CASES = [(m.stem, q.name, i) for m in MASTERS for q in read_master(m).questions.values() if not q.manual
         for i in range(len(q.bank))]


@pytest.mark.parametrize("slug", [m.stem for m in MASTERS])
def test_every_graded_question_has_a_bank_of_three_wrong_answers(slug):
    master = read_master(exercises.master_path(slug))
    for question in master.questions.values():
        if question.manual:
            continue
        assert len(question.bank) >= 3, f"{slug} {question.name}: {len(question.bank)} misconceptions, want 3"
        for entry in question.bank:
            assert {"mistake", "answer", "feedback"} <= set(entry), f"{slug} {question.name}: {entry}"
            assert set(entry) <= {"mistake", "answer", "feedback", "points"}, f"{slug} {question.name}: {entry}"


@pytest.mark.parametrize("slug", [m.stem for m in MASTERS])
def test_the_solution_scores_full_marks_in_process(slug, solved):
    """The harness itself: the master's solution passes every test, as objects and as dicts."""
    master, namespace = solved[slug]
    for question in master.questions.values():
        if question.manual:
            continue
        for answers in (namespace, as_vega_lite(namespace)):
            points, public, hidden = score(question, answers)
            assert (public, hidden) == ([], []), f"{slug} {question.name}"
            assert points == pytest.approx(question.points)


@pytest.mark.parametrize("slug,question_name,index", CASES)
def test_a_misconception_loses_points_and_is_named(slug, question_name, index, solved):
    master, base = solved[slug]
    question = master.questions[question_name]
    entry = question.bank[index]
    namespace = dict(base)
    exec(compile(entry["answer"], f"{slug} {question_name} misconception {index}", "exec"), namespace)
    points, public, _ = score(question, namespace)
    label = f"{slug} {question_name}: {entry['mistake']}"
    assert points < question.points, f"{label}: full marks"
    if "points" in entry:  # partial credit declared in the master: the parts that are right still count
        assert points == pytest.approx(entry["points"]), f"{label}: {points} points, the bank says {entry['points']}"
    assert public, f"{label}: the public check says all passed"
    keywords = [entry["feedback"]] if isinstance(entry["feedback"], str) else entry["feedback"]
    assert any(k.lower() in m.lower() for k in keywords for m in public), \
        f"{label}: the public feedback does not name the mistake ({keywords}): {public}"
    graded = [t for t in question.tests if t.hidden]
    assert graded, f"{slug} {question_name}: no hidden test"
    dict_points, _, _ = score(question, as_vega_lite(namespace))
    assert dict_points < question.points, f"{label}: full marks when the chart is a Vega-Lite dict"

"""Multiple-choice items cannot be answered without reading: no length or position cue.

Over the whole book (the chapter quizzes and the exercises' lettered questions), the share of
items whose right answer is the longest option, the share whose right answer is the shortest
(a reverse cue), and the share of the most common position of the right answer must each stay
under 40% (chance, with three or four options, is 25-33%).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import nbformat
import pytest

from sinorussia import exercises, quiz

pytestmark = pytest.mark.fast

LIMIT = 0.40
OPTION = re.compile(r"^\s*- \*\*([A-D])\.\*\* (.+?)(?=^\s*- \*\*[A-D]\.\*\*|^\s*$|\Z)", re.M | re.S)
ANSWER = re.compile(r'^(\w+) = "([A-D])"\s*# SOLUTION', re.M)


def quiz_items() -> list[tuple[str, list[str], int]]:
    items = []
    for path in sorted(quiz.QUIZ_DIR.glob("*.json")):
        for number, question in enumerate(json.loads(path.read_text(encoding="utf-8")), 1):
            texts = [a["text"] for a in question["answers"]]
            right = [i for i, a in enumerate(question["answers"]) if a.get("correct")]
            assert len(right) == 1, f"{path.name} question {number}: one right answer expected"
            items.append((f"{path.name} #{number}", texts, right[0]))
    return items


def exercise_items() -> list[tuple[str, list[str], int]]:
    items = []
    for path in exercises.masters():
        nb = nbformat.read(path, as_version=4)
        answers = {name: letter for c in nb.cells if c.cell_type == "code" for name, letter in ANSWER.findall(c.source)}
        for cell in nb.cells:
            options = OPTION.findall(cell.source) if cell.cell_type == "markdown" else []
            if not options:
                continue
            names = [n for n in answers if f"`{n}" in cell.source or f"{n} =" in cell.source]
            assert len(names) == 1, f"{path.name} {cell.id}: cannot tell which variable answers it ({names})"
            letters = [letter for letter, _ in options]
            texts = [" ".join(text.split()) for _, text in options]
            items.append((f"{path.name} {cell.id}", texts, letters.index(answers[names[0]])))
    return items


def cue_shares(items) -> tuple[float, float, float]:
    """(right answer strictly longest, strictly shortest, most common slot), as shares of the items."""
    def share(better):
        return sum(1 for _, texts, right in items
                   if all(better(len(texts[right]), len(t)) for i, t in enumerate(texts) if i != right)) / len(items)
    slot = Counter(right for _, _, right in items).most_common(1)[0][1]
    return share(lambda a, b: a > b), share(lambda a, b: a < b), slot / len(items)


def test_the_book_has_items_from_both_parts():
    assert len(quiz_items()) >= 30 and len(exercise_items()) >= 15


@pytest.mark.parametrize("part", ["whole book", "quizzes", "exercises"])
def test_the_right_answer_is_not_the_longest_shortest_or_in_one_slot_more_than_40_percent(part, capsys):
    items = {"quizzes": quiz_items(), "exercises": exercise_items()}.get(part) or quiz_items() + exercise_items()
    longest, shortest, slot = cue_shares(items)
    with capsys.disabled():
        print(f"\n{part}: {len(items)} items; right answer longest {longest:.0%}, shortest {shortest:.0%}, "
              f"most common slot {slot:.0%}")
    assert longest < LIMIT, f"{part}: the right answer is the longest option in {longest:.0%} of {len(items)} items"
    assert shortest < LIMIT, f"{part}: the right answer is the shortest option in {shortest:.0%} of {len(items)} items"
    assert slot < LIMIT, f"{part}: the right answer sits in the same slot in {slot:.0%} of {len(items)} items"


def test_the_measure_catches_a_cued_book():
    cued = [("x", ["short", "the much longer right answer", "tiny"], 1)] * 3 + [("y", ["a", "bb", "ccc"], 0)]
    assert cue_shares(cued) == (0.75, 0.25, 0.75)


def test_every_wrong_quiz_option_says_why_it_is_wrong():
    for path in sorted(quiz.QUIZ_DIR.glob("*.json")):
        for number, question in enumerate(json.loads(path.read_text(encoding="utf-8")), 1):
            feedback = [a["feedback"] for a in question["answers"] if not a.get("correct")]
            for text in feedback:
                assert len(text.split()) >= 6, f"{path.name} question {number}: {text!r} does not say why"
            assert len(set(feedback)) == len(feedback), f"{path.name} question {number}: wrong options share feedback"

"""The capstone notebook's rubric is the capstone page's rubric, criterion by criterion and level by level."""

from __future__ import annotations

import re

import pytest

from sinorussia import ROOT, exercises, written

pytestmark = pytest.mark.fast

CAPSTONE = "12-capstone-memo"
LEVELS = ["Beginning", "Proficient", "Exemplary"]


def page_rubric(text: str) -> list[str]:
    """One line per criterion of the page, in the form the notebook's rubric uses."""
    rubric = text.split("\n## Rubric\n", 1)[1].split("\n## ", 1)[0]
    criteria = []
    for name, body in re.findall(r"^### \d+\. (.+?)\n(.*?)(?=^### |\Z)", rubric, flags=re.M | re.S):
        cells = dict(re.findall(r"^\| (Beginning|Proficient|Exemplary) \| (.+?) \|$", body, flags=re.M))
        assert list(cells) == LEVELS, f"{name}: levels {list(cells)}"
        criteria.append(f"{name}: " + "; ".join(f"{i} {cells[level]}" for i, level in enumerate(LEVELS, 1)))
    return criteria


def test_the_memo_is_graded_with_the_pages_rubric_three_points_a_criterion():
    text = (ROOT / "appendix" / "teaching" / "capstone.md").read_text(encoding="utf-8")
    expected = page_rubric(text)
    assert len(expected) == 5
    assert f"for a total out of {3 * len(expected)}" in text
    (memo,) = written.questions_of(exercises.master_path(CAPSTONE))
    assert [r["criterion"] for r in memo.rubric] == expected
    assert [r["points"] for r in memo.rubric] == [3] * len(expected) and memo.points == 3 * len(expected)


def test_the_comparison_sees_a_changed_level():
    text = (ROOT / "appendix" / "teaching" / "capstone.md").read_text(encoding="utf-8")
    changed = text.replace("| Proficient | A clear answer in the first paragraph |",
                           "| Proficient | An answer somewhere |")
    assert changed != text and page_rubric(changed) != page_rubric(text)

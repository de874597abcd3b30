"""A sentence that states a figure resting on a weak source says so, as the charts do.

A figure rests on a weak source when only state media or a copy of a page report it, with no
independent confirmation (``weak_rows`` in tests/test_source_policy.py). Charts outline such
figures (the chart policy); a sentence must say it in words: "not yet independently confirmed"
(linked to the glossary), "provisional", "unconfirmed" or "state media".

The test reads each chapter as the book executed it (its execution cache): every number glued
into the prose whose value is a weak row's figure in a table the chapter loads must stand in a
sentence that says so. A glued number can equal a weak figure by chance (a count of members
equal to a count of meetings); ``COINCIDENCES`` lists those, with what the number really is.
Numbers computed from weak figures (a growth rate, a sum) are not matched: their sentences
are checked by reading (see the note of this change).
"""

from __future__ import annotations

import re

import pytest
from test_source_policy import weak_rows

from sinorussia import data
from tools.prose_audit import CHAPTERS, loaded_tables, read_chapter

pytestmark = pytest.mark.notebooks

SAID = re.compile(r"not yet independently confirmed|\bprovisional\b|\bunconfirmed\b|\bstate(?:-run)? media\b",
                  re.IGNORECASE)
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

# (chapter, glued name) -> what the number is: it equals a weak figure only by chance.
COINCIDENCES = {
    ("03-leaders-institutions", "n_statements"): "the number of statements in the table, not a meeting count",
    ("03-leaders-institutions", "sco_now"): "the SCO's members in 2024 (sco_membership), not a meeting count",
    ("03-leaders-institutions", "brics_now"): "BRICS members in 2025 (brics_membership), not a meeting count",
    ("03-leaders-institutions", "n_syria"): "joint vetoes on Syria (un_joint_vetoes), not a meeting count",
    ("03-leaders-institutions", "reuters_count"): "Reuters' own 'more than 40' of 2024 and 2025, a strong row; "
                                                  "the weak 40 is Ushakov's 'about 40' of 2023",
    ("07-energy-money", "yuan_may23"): "the yuan's May 2023 share, corroborated by BOFIT; the weak 25 is June's",
    ("07-energy-money", "pos2_design"): "Power of Siberia 2's design capacity (pipelines), not a settlement claim",
    ("09-ukraine-pragmatism", "n_opposed_against"): "a count of UN votes, not China's rank among crude suppliers",
    ("10-reverse-kissinger", "meetings_count"): "Reuters' 'more than 40' meetings of February 2025, a strong row",
    ("10-reverse-kissinger", "gallup_unfav_2022"): "Gallup's 85% of February 2022, a strong row; the weak 85 is Pew's",
    ("10-reverse-kissinger", "gallup_2022"): "Gallup's 85% of February 2022, a strong row; the weak 85 is Pew's",
    ("11-status-quo", "pos1_2025"): "Power of Siberia 1's 2025 deliveries (pos1_deliveries, strong), not the "
                                    "2009 trade total",
}


def weak_figures(tables: set[str]) -> dict[float, list[str]]:
    """Every figure of a weak row of these tables -> the rows that state it."""
    found: dict[float, list[str]] = {}
    for name in sorted(tables):
        weak = weak_rows(data.load(name))
        for column in weak.select_dtypes("number").columns.drop("year", errors="ignore"):
            for index, value in weak[column].dropna().items():
                found.setdefault(float(value), []).append(f"{name} row {index + 2} ({column})")
    return found


def glued_numbers(notebook) -> dict[str, float]:
    """The numbers a notebook glued, by name, as the book shows them."""
    glued = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get("application/papermill.record/text/plain", "")
            if name and NUMBER.match(text.strip()):
                glued[name] = float(text)
    return glued


def unsaid(sentences: list[str], glued: dict[str, float], weak: dict[float, list[str]],
           chapter: str) -> list[str]:
    problems = []
    for name, value in glued.items():
        if value not in weak or (chapter, name) in COINCIDENCES:
            continue
        for sentence in sentences:
            if "{" + name + "}" in sentence and not SAID.search(sentence):
                problems.append(f"{{{name}}} = {value:g} ({'; '.join(weak[value])}): {sentence[:160]}")
    return problems


def executed(cache, path):
    """The chapter as the book executed it."""
    cached = cache.get_cached_project_nb(str(path))
    assert cached is not None, f"{path.name} did not execute (see test_book_notebooks)"
    return cache.get_cache_bundle(cached.pk).nb


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_a_sentence_says_when_its_figure_is_not_yet_independently_confirmed(execution_cache, path):
    glued = glued_numbers(executed(execution_cache, path))
    assert glued, f"{path.name}: no glued numbers found in the executed notebook"
    problems = unsaid(read_chapter(path)[0], glued, weak_figures(loaded_tables(path) - {"claims"}), path.stem)
    assert not problems, (f"{path.name}: sentences state figures that rest only on state media or a copy, "
                          "without saying so:\n" + "\n".join(problems))


@pytest.mark.parametrize("chapter,name", sorted(COINCIDENCES))
def test_each_coincidence_is_still_one(execution_cache, chapter, name):
    """A listed coincidence that no longer matches a weak figure is taken off the list."""
    path = next(p for p in CHAPTERS if p.stem == chapter)
    assert glued_numbers(executed(execution_cache, path)).get(name) in weak_figures(loaded_tables(path) - {"claims"}), \
        f"{chapter}: {name} no longer equals a weak figure; take it off COINCIDENCES"


def test_the_check_can_fail():
    weak = {14.6: ["trade_shares row 2 (share_pct)"]}
    sentences = ["China took {share_2021}% of Russia's exports.",
                 "China took {share_2023}% (not yet independently confirmed)."]
    assert len(unsaid(sentences, {"share_2021": 14.6, "share_2023": 14.6}, weak, "01")) == 1
    assert not unsaid(sentences, {"share_2021": 14.5}, weak, "01")  # another number

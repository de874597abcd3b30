"""The teaching kit (appendix/teaching/): what can be checked without building the book.

Each check is a function that returns a list of problems, so that the tests can run it on the
committed pages (no problems) and on a deliberately broken copy (problems found): every check
is shown to be able to fail.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

from sinorussia import ROOT

pytestmark = pytest.mark.fast

KIT = ROOT / "appendix" / "teaching"
DATA = ROOT / "data"
PAGES = ("facilitation", "syllabus", "debate", "capstone")
LEDGER = KIT / "evidence-ledger.csv"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def page(name: str) -> str:
    return (KIT / f"{name}.md").read_text(encoding="utf-8")


# --- Facilitation: one section per chapter, timings that add up --------------------------------

def chapter_slugs() -> list[str]:
    """Every chapter of the book (chapters/NN-slug.ipynb), and the primer."""
    slugs = [f"chapters/{p.stem}" for p in sorted((ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))]
    return slugs + ["primer/first-steps"]


def sections(text: str) -> list[str]:
    return re.split(r"^## ", text, flags=re.M)[1:]


def timing_problems(text: str) -> list[str]:
    problems = []
    for slug in chapter_slugs():
        link = f"<../../{slug}>`"
        found = [s for s in sections(text) if link in s.split("\n\n", 2)[1]]
        if len(found) != 1:
            problems.append(f"{slug}: {len(found)} sections link to it in their first paragraph, expected 1")
            continue
        section = found[0]
        stated = re.search(r"^Session length: (\d+) minutes", section, flags=re.M)
        steps = [int(m) for m in re.findall(r"^- \*\*(\d+) min\*\*", section, flags=re.M)]
        if not stated or not steps:
            problems.append(f"{slug}: no 'Session length: N minutes' or no '- **N min**' steps")
        elif sum(steps) != int(stated.group(1)):
            problems.append(f"{slug}: steps add up to {sum(steps)} min, the session is {stated.group(1)}")
        if slug.startswith("chapters/"):
            name = slug.split("/")[1]
            for needed in (f"<../../exercises/{name}/{name}>`", f"../../chapters/{name}.html#check-your-understanding"):
                if needed not in section:
                    problems.append(f"{slug}: no link {needed}")
    return problems


def test_every_chapter_has_a_facilitation_section_with_timings_that_add_up():
    assert len(chapter_slugs()) == 12  # eleven chapters and the primer
    assert timing_problems(page("facilitation")) == []


def test_timing_check_can_fail():
    text = page("facilitation")
    section = text.index("## Chapter 2.")
    broken = text[:section] + text[section:].replace("- **10 min** Quiz.", "- **15 min** Quiz.", 1)
    assert any("02-record-trade: steps add up to 95" in p for p in timing_problems(broken))
    missing = text.replace("{doc}`chapter <../../chapters/07-energy-money>`", "chapter 7")
    assert any("07-energy-money: 0 sections" in p for p in timing_problems(missing))


# --- Cross-references: register IDs and documents ------------------------------------------------

@cache
def register_ids() -> frozenset[str]:
    with open(DATA / "claims.csv", encoding="utf-8", newline="") as f:
        return frozenset(row["claim_id"] for row in csv.DictReader(f))


def register_link_problems(text: str) -> list[str]:
    linked = re.findall(r"checking-the-article\.html#([A-Za-z0-9]+)", text)
    return [f"register ID {i} is not in data/claims.csv" for i in linked if i not in register_ids()]


def test_every_register_id_linked_from_the_kit_exists():
    kit = "\n".join(page(name) for name in PAGES)
    assert re.search(r"checking-the-article\.html#C\d\d", kit), "the kit links no register entry"
    assert register_link_problems(kit) == []


def test_register_check_can_fail():
    broken = page("debate").replace("checking-the-article.html#C45", "checking-the-article.html#C99", 1)
    assert register_link_problems(broken) == ["register ID C99 is not in data/claims.csv"]


def doc_link_problems(text: str, folder: Path) -> list[str]:
    """{doc} targets must be pages of the book (checked before a build, which also checks them)."""
    targets = re.findall(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`", text)
    return [f"{{doc}} target {t} has no page" for t in targets
            if not any((folder / f"{t}{ext}").resolve().is_file() for ext in (".md", ".ipynb"))]


def test_every_doc_link_in_the_kit_resolves():
    for name in PAGES:
        assert doc_link_problems(page(name), KIT) == [], name
    assert doc_link_problems("{doc}`x <../../chapters/12-nowhere>`", KIT) != []


# --- Numbers in the capstone's exemplars and the ledger come from the data package ---------------

@cache
def table_numbers(table: str) -> frozenset[float]:
    """Every number written in any cell of a data table (a date gives its year, month and day)."""
    path = DATA / f"{table}.csv"
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8", newline="") as f:
        return frozenset(float(n) for row in csv.reader(f) for cell in row for n in NUMBER.findall(cell))


def unsourced_numbers(paragraph: str, tables: list[str]) -> list[str]:
    """Numbers in a paragraph that none of the tables it cites holds."""
    held = frozenset().union(*(table_numbers(t) for t in tables))
    return [n for n in NUMBER.findall(paragraph) if float(n) not in held]


def exemplars(text: str) -> list[str]:
    return re.findall(r"^:::\{admonition\} Exemplar[^\n]*\n:class: exemplar\n(.*?)^:::$", text, flags=re.M | re.S)


def exemplar_problems(text: str) -> list[str]:
    """Each number must appear in a table that the same paragraph cites as (table `name`)."""
    problems = []
    for block in exemplars(text):
        for paragraph in block.split("\n\n"):
            tables = re.findall(r"`([a-z0-9_]+)`", paragraph)
            prose = re.sub(r"`[^`]*`", "", paragraph)  # table and column names are not figures
            prose = re.sub(r"\bchapters? \d+(?:(?:, | and )\d+)*", "", prose, flags=re.I)
            for n in unsourced_numbers(prose, tables):
                problems.append(f"{n} (tables cited: {', '.join(tables) or 'none'}) in: {paragraph[:60]}...")
    return problems


def test_capstone_has_two_short_exemplars_whose_figures_are_in_the_data_package():
    blocks = exemplars(page("capstone"))
    assert len(blocks) == 2
    for block in blocks:
        assert 250 <= len(block.split()) <= 450, len(block.split())
    assert exemplar_problems(page("capstone")) == []


def test_exemplar_check_can_fail():
    text = page("capstone")
    invented = text.replace("delivered 38.8 bcm in 2025", "delivered 41.2 bcm in 2025")
    assert [p.split()[0] for p in exemplar_problems(invented)] == ["41.2"]
    uncited = text.replace("32.7% in 2023 (table `trade_shares`)", "32.7% in 2023")
    assert exemplar_problems(uncited)  # the paragraph no longer names a table that holds its numbers
    wrong_table = text.replace("(table `trade_shares`)", "(table `events`)", 1)
    assert [p.split()[0] for p in exemplar_problems(wrong_table)] == ["14.6", "32.7"]


def test_exemplar_scores_add_up_to_the_stated_total():
    text = page("capstone")
    totals = re.findall(r"\*\*Scores: (\d+) out of 15, [a-z]+\.\*\*\n\n\|.*?\n\|.*?\n((?:\|.*\n)+)", text)
    assert len(totals) == 2
    for stated, rows in totals:
        scores = [int(row.split("|")[2]) for row in rows.strip().splitlines()]
        assert len(scores) == 5 and sum(scores) == int(stated)


# --- The evidence ledger ----------------------------------------------------------------------

def documented_ledger_columns(text: str) -> list[str]:
    """The columns the capstone page documents: the first cell of each row of its column table."""
    start = text.index("(evidence-ledger)=")
    table = text[start:text.index("\n## ", start + 20)]
    return re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M)


def ledger_problems(path: Path, documented: list[str]) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = reader.fieldnames
    if header != documented:
        return [f"{path.name}: header {header} is not the documented {documented}"]
    problems = [] if rows else [f"{path.name}: no example rows"]
    for line, row in enumerate(rows, start=2):
        if row["register_id"] and row["register_id"] not in register_ids():
            problems.append(f"{path.name}:{line}: register ID {row['register_id']} is not in data/claims.csv")
        tables = [t.strip() for t in row["source_table"].split(";")]
        problems += [f"{path.name}:{line}: {n} is in none of {tables}"
                     for n in unsourced_numbers(row["evidence"], tables)]
        if row["supports"] not in {"reverse_kissinger", "status_quo", "both", "neither"}:
            problems.append(f"{path.name}:{line}: supports must be reverse_kissinger, status_quo, both or neither")
    return problems


def test_evidence_ledger_has_the_documented_header_and_sourced_examples():
    documented = documented_ledger_columns(page("capstone"))
    assert documented == ["chapter", "claim", "evidence", "source_table", "register_id", "strength", "supports"]
    assert ledger_problems(LEDGER, documented) == []


def test_ledger_check_can_fail(tmp_path):
    documented = documented_ledger_columns(page("capstone"))
    text = LEDGER.read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(text.replace("source_table", "source", 1), encoding="utf-8")
    assert "header" in ledger_problems(renamed, documented)[0]
    invented = tmp_path / "invented.csv"
    invented.write_text(text.replace("38.8 bcm", "39.9 bcm").replace(",C31,", ",C77,"), encoding="utf-8")
    found = ledger_problems(invented, documented)
    assert any("39.9 is in none of" in p for p in found) and any("C77" in p for p in found)


# --- Debate and syllabus: the schedule holds together ------------------------------------------

def debate_minutes(text: str) -> int:
    start = text.index("## Sequence (90 minutes)")
    table = text[start:text.index("\n## ", start + 5)]
    return sum(int(m) for m in re.findall(r"^\| [^|]+ \| (\d+) \|$", table, flags=re.M))


def test_debate_steps_fill_its_session():
    text = page("debate")
    assert debate_minutes(text) == 90
    assert debate_minutes(text.replace("| Proposition opening | 5 |", "| Proposition opening | 6 |")) == 91


def numbers_in(cells: str, prefix: str) -> set[int]:
    """Chapter or exercise numbers in cells such as 'Ch. 3, 4' or 'Ex. 5, 6; M1'."""
    found = set()
    for group in re.findall(rf"{prefix}\. ([\d, ]+)", cells, flags=re.I):
        found |= {int(n) for n in re.findall(r"\d+", group)}
    return found


def schedule_problems(text: str) -> list[str]:
    """Each unit reads every chapter and collects every exercise (the primer's and the capstone
    included), each exactly once."""
    problems = []
    for unit in re.split(r"^## ", text, flags=re.M)[1:]:
        rows = re.findall(r"^\| (\d+) \| ([^|]*) \| [^|]* \| ([^|]*) \|$", unit, flags=re.M)
        if not rows:
            continue
        title = unit.splitlines()[0]
        read = [n for _, before, _ in rows for n in sorted(numbers_in(before, "Ch"))]
        due = [n for _, _, cell in rows for n in sorted(numbers_in(cell, "Ex"))]
        due += [int(n) for pair in re.findall(r"handed in as exercise (\d+)|and exercise (\d+) are due", unit)
                for n in pair if n]
        if sorted(read) != list(range(1, 12)):
            problems.append(f"{title}: chapters read {sorted(read)}")
        if sorted(due) != list(range(0, 13)):  # the primer's exercise 0 to the capstone, 12
            problems.append(f"{title}: exercises due {sorted(due)}")
    return problems


def test_each_unit_reads_every_chapter_and_collects_every_exercise_once():
    text = page("syllabus")
    assert len(re.findall(r"^## (?:Three|Six) weeks", text, flags=re.M)) == 2
    assert schedule_problems(text) == []
    broken = text.replace("| 4 | Ch. 5, 6 | Ch. 5 and 6 | Ex. 3, 4 |", "| 4 | Ch. 5 | Ch. 5 and 6 | Ex. 3 |")
    assert schedule_problems(broken) == ["Three weeks: nine sessions: chapters read "
                                         "[1, 2, 3, 4, 5, 7, 8, 9, 10, 11]",
                                         "Three weeks: nine sessions: exercises due "
                                         "[0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]"]

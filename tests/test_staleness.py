"""Staleness: the book says how recent its data are, and sentences about the latest year follow the data.

- Each chapter shows "data as of", generated from the data (``sinorussia.data.as_of``: the
  latest period of every table the notebook loaded), glued into its opening.
- A sentence that states a series' latest value is linked to that series by a marker on a
  hidden ``assert`` line::

      assert data.latest("trade_usd") == "2025"  # latest: trade_usd "In 2025 trade fell"

  The quoted phrase must be in the chapter and name the table's latest year, read here from
  the CSV without running anything. When a new year is added to the table, the marker fails
  (here, and the assert fails in the notebook), so the sentence is rewritten for the new year.
- Every chapter that loads a time series has such a marker for it, or a reason, below, why no
  sentence states its latest value.
- A table's title that ends with a year range ("..., 2008–2025") ends at its latest year.
"""

from __future__ import annotations

import json
import re

import pytest

from sinorussia import ROOT, data
from tools.prose_audit import CHAPTERS, _hidden_markers, _source, loaded_tables, read_chapter

pytestmark = pytest.mark.fast

LATEST = re.compile(r"[#;]\s*latest:\s*(\w+)\s*\"([^\"]+)\"")
# Tables whose latest period moves as sources publish new figures.
SERIES = {"trade_usd", "trade_cny", "trade_shares", "crude_imports_from_russia", "pos1_deliveries",
          "russia_gas_to_europe", "moex_yuan_share", "export_payment_currency", "central_asia_trade",
          "central_asia_partner_share", "xi_putin_meetings", "us_opinion", "un_votes", "china_total_trade_usd"}
# Chapters that load a series but state no latest value of it, and why.
NOT_STATED = {
    ("02-record-trade", "trade_cny"): "discusses the yuan growth rates of 2023 and 2024 that the article quotes",
    ("06-war-accelerant", "trade_cny"): "compares the yuan and dollar rates the article quotes (2023, 2024)",
    ("10-reverse-kissinger", "us_opinion"): "polls are dated by fieldwork in each sentence; the chapter is about "
                                             "the polls around the article, not the latest one",
}


def _latest_markers(path) -> list[tuple[str, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "code" and "remove-cell" in cell.get("metadata", {}).get("tags", []):
            code = _source(cell)
            _hidden_markers(code)  # markers must sit on assert lines
            asserts = {line for line in code.splitlines() if line.lstrip().startswith("assert")}
            for line in code.splitlines():
                for table, phrase in LATEST.findall(line):
                    assert line in asserts, f"{path.name}: latest marker {phrase!r} is not on an assert line"
                    found.append((table, phrase))
    return found


def stale(table: str, phrase: str) -> str | None:
    """Why the phrase is stale for the table, or None."""
    year = data.latest(table)[:4]
    return None if year in phrase else f"{table} now runs to {data.latest(table)}, the sentence names no {year}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_sentences_about_the_latest_year_name_it(path):
    sentences, _ = read_chapter(path)
    text = "\n".join(sentences)
    problems = []
    for table, phrase in _latest_markers(path):
        if phrase not in text:
            problems.append(f"{phrase!r} is in no sentence")
        elif why := stale(table, phrase):
            problems.append(f"{phrase!r}: {why}")
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_series_a_chapter_uses_has_its_latest_sentence(path):
    marked = {table for table, _ in _latest_markers(path)}
    missing = sorted(t for t in (loaded_tables(path) & SERIES) - marked if (path.stem, t) not in NOT_STATED)
    assert not missing, (f"{path.name}: no sentence is marked as stating the latest value of {missing}: add "
                         "`# latest: <table> \"<phrase naming the year>\"` to an assert, or a reason in NOT_STATED")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_shows_data_as_of(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = _source(cells[0])
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert "{glue:text}`data_as_of`" in first, f"{path.name}: the opening gives no 'data as of' line"
    assert re.search(r"data_as_of=data\.as_of\(\)", code), f"{path.name}: data_as_of is not computed by data.as_of()"


@pytest.mark.parametrize("name", [n for n in data.names()
                                  if re.search(r"\d{4}\s*[–-]\s*\d{4}\s*$", data.resource(n)["title"])])
def test_title_year_range_ends_at_the_latest_year(name):
    end = re.search(r"(\d{4})\s*$", data.resource(name)["title"]).group(1)
    assert end == data.latest(name)[:4], f"{name}: title ends at {end}, the table runs to {data.latest(name)}"


def test_not_stated_entries_are_still_needed():
    for (chapter, table), reason in NOT_STATED.items():
        path = ROOT / "chapters" / f"{chapter}.ipynb"
        assert path.exists() and table in loaded_tables(path) and reason, (chapter, table)
        assert table not in {t for t, _ in _latest_markers(path)}, f"{chapter}: {table} is marked; drop NOT_STATED"


def test_loaded_tables_are_read_from_the_code():
    assert {"trade_usd", "trade_cny"} <= loaded_tables(ROOT / "chapters" / "02-record-trade.ipynb")


def test_a_sentence_left_behind_by_new_data_is_caught():
    year = data.latest("trade_usd")[:4]
    assert stale("trade_usd", f"In {year} trade fell") is None
    assert "now runs to" in stale("trade_usd", f"In {int(year) - 1} trade fell")
    assert LATEST.findall('assert x  # claim: "fell"; latest: trade_usd "In 2025 trade fell"') == [
        ("trade_usd", "In 2025 trade fell")]

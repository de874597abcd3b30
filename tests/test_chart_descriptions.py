"""Chart descriptions follow the data: no number is typed into a description's text.

A screen-reader user hears the description instead of seeing the chart. ``publish`` refuses a
number the chart's data does not hold; this test goes further and refuses any number typed into
the literal text of a description (years included), so that every figure is filled in from the
data and a correction to the data changes the sentence (see tools/typed_numbers.py for the rule).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sinorussia import chart_text
from tools.typed_numbers import book_notebooks, descriptions

pytestmark = pytest.mark.fast


def test_no_chart_description_has_a_typed_number():
    found = [d for path in book_notebooks() for d in descriptions(path)]
    assert len(found) >= 40, f"only {len(found)} chart descriptions found: is the parser still reading publish calls?"
    typed = [f"{d.notebook} cell {d.cell} ({d.title}): {', '.join(d.typed)}" for d in found if d.typed]
    assert not typed, "numbers typed into chart descriptions (fill them in from the data):\n" + "\n".join(typed)


def _notebook(tmp_path, source: str):
    path = tmp_path / "chart.ipynb"
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_typed_numbers_are_found_and_filled_in_ones_are_not(tmp_path):
    path = _notebook(tmp_path, (
        "charts.publish(chart, title='T', subtitle='s', source='trade_usd',\n"
        "    description=(f'Trade rose to {totals[2024]:.1f} billion in {year}, up from 57 billion '\n"
        "                 'in 2008; Power of Siberia 1 and a 12-point plan are names.'))\n"))
    (description,) = descriptions(path)
    # The field {totals[2024]:.1f} selects a row and formats it: neither 2024 nor .1f is typed text.
    assert description.typed == ("57", "2008")


def test_describers_say_the_numbers_of_the_data():
    series = pd.Series({2019: 77.62, 2020: 83.6, 2024: 108.5})
    assert chart_text.values_by_year(series, unit="million tonnes") == (
        "77.6 million tonnes in 2019, 83.6 in 2020 and 108.5 in 2024")
    assert chart_text.number(-6.94) == "minus 6.9" and chart_text.number(5.04) == "5"
    assert chart_text.number(1_000_000.0) == "1,000,000"
    assert chart_text.gaps_sentence(series.index) == " 2021, 2022 and 2023 are missing."
    assert chart_text.gaps_sentence([2010, 2011]) == ""
    assert chart_text.years_said([2019, 2020, 2021, 2022]) == "from 2019 to 2022"
    assert chart_text.years_said([2023, 2024]) == "in 2023 and 2024"
    assert chart_text.date_said(pd.Timestamp("2022-02-04")) == "4 February 2022"


def test_a_data_correction_changes_the_description():
    """The same describer over corrected data says the corrected number, and publish accepts it."""
    before = pd.Series({2023: 240.1, 2024: 244.8})
    after = before.copy()
    after[2024] = 246.0
    assert chart_text.values_by_year(before) != chart_text.values_by_year(after)
    said = f"Trade reached {chart_text.values_by_year(after)} in the corrected table."
    rows = {"d": [{"year": y, "v": v} for y, v in after.items()]}
    assert chart_text.unsupported_numbers(said, rows) == []
    assert chart_text.unsupported_numbers(said, {"d": [{"year": y, "v": v} for y, v in before.items()]}) == ["246"]


def test_a_long_series_is_said_as_its_first_last_and_highest_values():
    points = [("May 2022", 12.0), ("May 2024", 60.4), ("June 2024", 54.0)]
    assert chart_text.first_to_last(points, 0, " percent") == (
        "from 12 percent in May 2022 to 54 percent in June 2024, highest 60 percent in May 2024")
    assert chart_text.first_to_last(points[:1], unit=" percent") == "12 percent in May 2022"
    assert chart_text.first_to_last([("2019", 1), ("2020", 2)]) == "from 1 in 2019 to 2 in 2020"

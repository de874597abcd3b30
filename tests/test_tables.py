"""Tables shown to students: labelled, rounded, no bare index, no NaN."""

from __future__ import annotations

import pandas as pd
import pytest

from sinorussia import tables

pytestmark = pytest.mark.fast


def test_a_table_has_labels_rounding_and_no_bare_index_or_nan():
    frame = pd.DataFrame({"year": [2021, 2022], "value_usd_bn": [146.8867, None], "note": ["a", None]})
    html = tables.to_html(frame, {"year": "Year", "value_usd_bn": "Trade, US$ bn"}, caption="Trade")
    assert "<th" in html and "Trade, US$ bn" in html and "value_usd_bn" not in html
    assert "146.9" in html and "146.8867" not in html and "2021" in html and "2,021" not in html
    assert "nan" not in html.lower() and "–" in html
    assert "note" not in html  # only the columns asked for
    assert ">0<" not in html  # no bare 0, 1 … index
    assert "<caption>Trade</caption>" in html and 'class="dataframe sr-table"' in html


def test_a_meaningful_index_becomes_a_column():
    series = pd.Series([1.25, 2.5], index=pd.Index([2020, 2021], name="year"), name="growth_pct")
    html = tables.to_html(series)
    assert "Year" in html and "Growth, %" in html and "1.2" in html


def test_an_unknown_column_is_named():
    with pytest.raises(KeyError, match="'nope'"):
        tables.to_html(pd.DataFrame({"a": [1]}), {"nope": "Nope"})

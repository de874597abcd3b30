"""sinorussia.chartcheck tells a right chart from plausibly wrong ones, as objects and as dicts."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from sinorussia import chartcheck

pytestmark = pytest.mark.fast

TABLE = pd.DataFrame({
    "year": [2021, 2022, 2023, 2021, 2022, 2023],
    "flow": ["total"] * 3 + ["exports"] * 3,
    "value": [146.9, 190.3, 240.1, 67.5, 76.1, 111.0],
})
TOTALS = TABLE[TABLE["flow"] == "total"]
EXPECTED = TOTALS[["year", "value"]].set_axis(["x", "y"], axis=1)


def check(chart, mark="line", encodings=None):
    chartcheck.expect_chart(chart, mark, encodings or {"x": "year", "y": "value"}, EXPECTED, what="the totals")


GOOD = {
    "plain": alt.Chart(TOTALS).mark_line().encode(x="year:O", y="value:Q").properties(title="t"),
    "filter expression": alt.Chart(TABLE).mark_line().encode(x="year:O", y="value:Q")
    .transform_filter(alt.datum.flow == "total").properties(title="t"),
    "field predicate": alt.Chart(TABLE).mark_line().encode(x="year:O", y="value:Q")
    .transform_filter(alt.FieldOneOfPredicate(field="flow", oneOf=["total"])).properties(title="t"),
    "calculate": alt.Chart(TOTALS.assign(value=TOTALS["value"] / 2)).mark_line()
    .encode(x="year:O", y="value:Q").transform_calculate(value="datum.value * 2").properties(title="t"),
}


@pytest.mark.parametrize("name", GOOD)
def test_right_charts_pass_as_objects_and_as_dicts(name):
    check(GOOD[name])
    check(GOOD[name].to_dict())


BAD = {
    "no encodings": (alt.Chart(TOTALS).mark_text(text="?"), "mark is 'text'"),
    "times seven": (alt.Chart(TOTALS).mark_line().encode(x="year:O", y="value:Q")
                    .transform_calculate(value="datum.value * 7").properties(title="t"), "differ from the data"),
    "reversed axis": (alt.Chart(TOTALS).mark_line().encode(
        x="year:O", y=alt.Y("value:Q", scale=alt.Scale(reverse=True))).properties(title="t"), "reversed"),
    "years backwards": (alt.Chart(TOTALS).mark_line().encode(
        x=alt.X("year:O", sort="descending"), y="value:Q").properties(title="t"), "sorted another way"),
    "clipped axis": (alt.Chart(TOTALS).mark_line().encode(
        x="year:O", y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 200]))).properties(title="t"), "cuts off"),
    "filter hides the peak": (alt.Chart(TOTALS).mark_line().encode(x="year:O", y="value:Q")
                              .transform_filter(alt.datum.year < 2023).properties(title="t"), "missing"),
    "zigzag through two series": (alt.Chart(TABLE).mark_line().encode(x="year:O", y="value:Q")
                                  .properties(title="t"), "more than one value"),
    "no title": (alt.Chart(TOTALS).mark_line().encode(x="year:O", y="value:Q"), "title"),
    "unsupported transform": (alt.Chart(TOTALS).mark_line().encode(x="year:O", y="value:Q")
                              .transform_window(rank="rank()").properties(title="t"), "cannot evaluate"),
}


@pytest.mark.parametrize("name", BAD)
def test_plausibly_wrong_charts_fail_with_a_hint_that_names_the_mistake(name):
    chart, hint = BAD[name]
    for form in (chart, chart.to_dict()):
        with pytest.raises(chartcheck.ChartProblem, match=hint):
            check(form)


def test_encoding_aggregates_are_applied_before_comparing():
    summed = alt.Chart(TABLE).mark_line().encode(x="year:O", y="sum(value):Q")
    chartcheck.expect_points(summed.transform_filter(alt.FieldEqualPredicate(field="flow", equal="total")), EXPECTED)
    with pytest.raises(chartcheck.ChartProblem, match="differ from the data"):
        chartcheck.expect_points(summed, EXPECTED)  # exports added to the totals


def test_bars_must_start_at_zero():
    bars = alt.Chart(TOTALS).mark_bar().encode(x="year:O", y=alt.Y("value:Q", scale=alt.Scale(zero=False)))
    with pytest.raises(chartcheck.ChartProblem, match="start at zero"):
        chartcheck.expect_honest_scales(bars.properties(title="t"))
    with pytest.raises(chartcheck.ChartProblem, match="starts above zero"):
        chartcheck.expect_honest_scales(alt.Chart(TOTALS).mark_bar().encode(
            x="year:O", y=alt.Y("value:Q", scale=alt.Scale(domain=[100, 300]))).to_dict())


def test_one_line_per_series_passes_with_a_colour_and_fails_without():
    coloured = alt.Chart(TABLE).mark_line().encode(x="year:O", y="value:Q", color="flow:N")
    chartcheck.expect_one_series_per_line(coloured)
    with pytest.raises(chartcheck.ChartProblem, match="mixes series"):
        chartcheck.expect_one_series_per_line(coloured.encode(color=alt.value("black")))


def test_not_a_chart_is_a_hint_not_a_crash():
    for value, hint in [(..., "still Ellipsis"), (42, "not a int"), ("nonsense", "text, not a chart")]:
        with pytest.raises(chartcheck.ChartProblem, match=hint):
            chartcheck.spec(value)
    with pytest.raises(chartcheck.ChartProblem, match="file or URL"):
        chartcheck.rows({"mark": "line", "data": {"url": "x.csv"}})

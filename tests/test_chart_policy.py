"""The book's chart policy: descriptions, source lines, data tables, offline scripts."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from sinorussia import ROOT, charts, data

pytestmark = pytest.mark.fast


def _chart():
    frame = data.load("trade_usd")
    return alt.Chart(frame).mark_line().encode(x="year:O", y="value_usd_bn:Q", color="flow:N")


def test_publish_sets_title_description_and_source():
    chart = charts.publish(_chart(), title="Trade", subtitle="US$ bn",
                           description="Three lines of China–Russia trade flows from 2008 to 2025.",
                           source="trade_usd")
    spec = chart.to_dict()
    assert spec["description"].startswith("Three lines")
    assert spec["usermeta"]["title"] == "Trade" and spec["usermeta"]["subtitle"] == "US$ bn"
    assert "China General Administration of Customs" in spec["usermeta"]["source"]


def test_publish_embeds_no_bookkeeping_columns():
    chart = charts.publish(_chart(), title="T", subtitle="s",
                           description="Three lines of China–Russia trade flows from 2008 to 2025.",
                           source="trade_usd")
    rows = next(iter(chart.to_dict()["datasets"].values()))
    assert "source_url" not in rows[0] and "note" not in rows[0]


def test_a_vague_description_is_refused():
    with pytest.raises(ValueError, match="description"):
        charts.publish(_chart(), title="T", subtitle="s", description="A chart", source="trade_usd")


def test_rendered_chart_has_source_line_and_data_table():
    chart = charts.publish(_chart(), title="T", subtitle="s",
                           description="Three lines of China–Russia trade flows from 2008 to 2025.",
                           source="trade_usd")
    html = chart._repr_mimebundle_()["text/html"]
    assert "sr-chart-source" in html and "Source:" in html
    assert "<p class='sr-chart-title'>T</p>" in html  # HTML title: wraps on a phone
    assert "<details class='sr-chart-data'>" in html and "<th scope='col'>Value usd bn</th>" in html
    assert "<caption>Data shown in the chart “T”</caption>" in html
    assert '"actions": false' in html  # no unlabeled actions menu


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:7] == ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                                  "#56B4E9", "#000000"]


def test_installed_vega_lite_matches_altair():
    installed = json.loads((ROOT / "node_modules" / "vega-lite" / "package.json").read_text())
    assert installed["version"] == alt.VEGALITE_VERSION


def test_chart_scripts_are_pinned_and_lock_has_no_addresses():
    manifest = json.loads((ROOT / "package.json").read_text())
    for name, version in {**manifest["dependencies"], **manifest.get("devDependencies", {})}.items():
        assert version[0].isdigit(), f"{name} is not pinned exactly: {version}"
    assert manifest["dependencies"]["vega-lite"] == alt.VEGALITE_VERSION
    lock = (ROOT / "package-lock.json").read_text()
    assert '"resolved"' not in lock


def _spec(chart) -> dict:
    return charts.chart_spec.polish(chart.to_dict(), charts.COLOURS, charts.STATUS_OPACITY)


def _tooltips(spec) -> dict:
    return {t.get("title", t["field"]): t for u, _ in charts.chart_spec.units(spec)
            for t in u["encoding"].get("tooltip", [])}


def test_publish_keeps_the_status_a_chart_draws_and_drops_other_bookkeeping():
    frame = data.load("trade_usd")
    chart = charts.publish(
        alt.Chart(frame).mark_bar().encode(x="year:O", y="value_usd_bn:Q", opacity=charts.status_opacity()),
        title="T", subtitle="s", description="Three lines of China–Russia trade flows from 2008 to 2025.",
        source="trade_usd")
    rows = next(iter(chart.to_dict()["datasets"].values()))
    assert "status" in rows[0] and "derived" in {r["status"] for r in rows}
    assert "source_url" not in rows[0]


def test_tooltips_are_formatted_from_the_data():
    frame = pd.DataFrame({"year": [2020, 2021, 2022], "bcm": [38.0, 55.0, None], "gone": ["a", "b", "c"]})
    chart = alt.Chart(frame.drop(columns="gone")).mark_bar().encode(
        x="year:O", y="bcm:Q",
        tooltip=[alt.Tooltip("bcm:Q", title="Adds, bcm", format="g"), alt.Tooltip("gone:N", title="Gone"),
                 alt.Tooltip("year:O", title="Year")])
    spec = _spec(chart)
    tips = _tooltips(spec)
    assert "Gone" not in tips  # a field the data lacks would print "undefined"
    shown = tips["Adds, bcm"]["field"]
    values = [r[shown] for r in next(iter(spec["datasets"].values()))]
    assert values == ["38", "55", "not reported"]  # no "38.0000", no "null"


def test_number_formats_follow_the_values():
    assert charts.chart_spec.number_format([1.0, 2.0]) == ".0f"
    assert charts.chart_spec.number_format([1.25, 2.5]) == ".2f"
    assert charts.chart_spec.number_format([480000, 1.5]) == ",.1f"
    assert charts.chart_spec.format_number(-6.94, "+.1f") == "−6.9"


def test_each_entity_has_one_colour_in_every_chart():
    a = pd.DataFrame({"side": ["Russia", "China"], "v": [1, 2]})
    b = pd.DataFrame({"who": ["China", "Russia", "China"], "v": [1, 2, 3]})
    ranges = []
    for frame, field in ((a, "side"), (b, "who")):
        enc = _spec(alt.Chart(frame).mark_bar().encode(x="v:Q", color=f"{field}:N"))["encoding"]["color"]
        ranges.append(dict(zip(enc["scale"]["domain"], enc["scale"]["range"], strict=True)))
    assert ranges[0] == ranges[1] and ranges[0]["China"] != ranges[0]["Russia"]


def test_a_missing_year_keeps_its_place():
    frame = pd.DataFrame({"year": [2010, 2011, 2013], "v": [1, 2, 3]})
    spec = _spec(alt.Chart(frame).mark_bar().encode(x="year:O", y="v:Q"))
    assert spec["encoding"]["x"]["scale"]["domain"] == [2010, 2011, 2012, 2013]


def test_legends_and_row_labels_fit_a_phone():
    frame = pd.DataFrame({"label": ["A long event name"], "v": [1], "kind": ["Treaty"]})
    chart = alt.Chart(frame).mark_point().encode(
        x="v:Q", y="label:N", color=alt.Color("kind:N", legend=alt.Legend(columns=3, labelLimit=0)))
    enc = _spec(chart)["encoding"]
    assert "columns" not in enc["color"]["legend"] and enc["color"]["legend"]["direction"] == "vertical"
    assert "containerSize" in enc["color"]["legend"]["labelLimit"]["expr"]
    assert "containerSize" in enc["y"]["axis"]["labelLimit"]["expr"]


def test_data_table_shows_the_charts_columns_with_their_titles():
    frame = pd.DataFrame({"year": [2020, 2021], "usd_bn": [1.234, 2.5], "helper": [0, 1], "who": ["A", "B"]})
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("year:O", title=None), y=alt.Y("usd_bn:Q", title="US$ billion"), color=alt.Color("who:N", title="Who"),
        tooltip=[alt.Tooltip("usd_bn:Q", title="Trade, US$ bn", format=".1f")])
    table = charts.chart_table.to_html(_spec(chart), "Trade")
    assert "<th scope='col'>Trade, US$ bn</th>" in table and "<th scope='col'>Year</th>" in table
    assert "helper" not in table.lower()
    assert "<td class='sr-num'>1.2</td>" in table and "<td>A</td>" in table
    assert "<caption>Data shown in the chart “Trade”</caption>" in table


def test_derived_values_are_filled_paler_wherever_the_data_marks_them():
    frame = pd.DataFrame({"year": [2020, 2021], "v": [1.0, 2.0], "status": ["reported", "derived"]})
    enc = _spec(alt.Chart(frame).mark_bar().encode(x="year:O", y="v:Q"))["encoding"]
    levels = dict(zip(enc["fillOpacity"]["scale"]["domain"], enc["fillOpacity"]["scale"]["range"], strict=True))
    assert levels["derived"] < levels["reported"] and enc["fillOpacity"]["title"] == "Value is"
    # A chart that already draws the status keeps its own encoding.
    own = _spec(alt.Chart(frame).mark_bar().encode(x="year:O", y="v:Q", opacity=charts.status_opacity()))
    assert "fillOpacity" not in own["encoding"]


def _weak_frame() -> pd.DataFrame:
    return pd.DataFrame({"year": [2020, 2021, 2022], "v": [1.0, 2.0, 3.0],
                         "source_tier": ["official", "state_media", "mirror_or_aggregator"],
                         "corroboration_tier": ["", "", "independent_media"]})


def test_figures_on_a_weak_source_get_a_dashed_outline_and_say_so_in_the_tooltip():
    chart = charts.publish(alt.Chart(_weak_frame()).mark_bar().encode(x="year:O", y="v:Q", tooltip=["year:O", "v:Q"]),
                           title="T", subtitle="s", description="Bars of a value for each year, one of them weak.",
                           source="trade_usd")
    rows = next(iter(chart.to_dict()["datasets"].values()))
    # Only 2021 is weak: 2022's copy is corroborated by an independent page.
    assert [r["weak_source"] for r in rows] == [False, True, False]
    assert rows[1]["source_check"] == data.WEAK_WORDS["state_media"]
    assert "corroboration_tier" not in rows[0] and "source_tier" not in rows[0]
    enc = _spec(chart)["encoding"]
    assert enc["strokeDash"]["condition"] == {"test": charts.chart_spec.WEAK_TEST, "value": charts.chart_spec.WEAK_DASH}
    assert enc["stroke"]["value"] is None and enc["strokeWidth"]["value"] == 0
    assert enc["tooltip"][-1] == {"field": "source_check", "type": "nominal", "title": "Source check"}
    html = chart._repr_mimebundle_()["text/html"]
    assert charts.WEAK_NOTE in html and "<th scope='col'>Source check</th>" in html
    assert html.count(data.WEAK_WORDS["state_media"]) >= 2  # in the data table and the embedded data


def test_a_chart_that_loses_track_of_weak_sources_is_refused():
    trade = data.load("trade_usd")
    assert data.weak_source(trade).any()  # the table has figures on a weak source
    totals = trade[trade["flow"] == "total"]
    bare = alt.Chart(totals[["year", "value_usd_bn"]]).mark_bar().encode(x="year:O", y="value_usd_bn:Q")
    with pytest.raises(ValueError, match="trade_usd has figures that rest on a weak source"):
        charts.publish(bare, title="T", subtitle="s", description="Bars of trade for each year since 2008.",
                       source="trade_usd")
    # A figure computed from several rows is weak when any of them is.
    flows = trade[trade["flow"] != "total"]
    weak_years = data.weak_where_any(flows, "year")
    assert weak_years[2010] and not weak_years[2024]
    balance = flows.pivot(index="year", columns="flow", values="value_usd_bn").diff(axis=1).iloc[:, -1]
    frame = balance.rename("b").reset_index().assign(weak_source=lambda d: d["year"].map(weak_years))
    chart = charts.publish(alt.Chart(frame).mark_bar().encode(x="year:O", y="b:Q"), title="T", subtitle="s",
                           description="Bars of the balance for each year since 2010.", source="trade_usd")
    rows = next(iter(chart.to_dict()["datasets"].values()))
    assert {r["year"]: r["source_check"] for r in rows}[2010] == data.COMPUTED_WEAK_WORDS


def test_a_chart_with_no_weak_figure_has_no_outline_or_note():
    frame = _weak_frame().assign(corroboration_tier="independent_media")
    chart = charts.publish(alt.Chart(frame).mark_bar().encode(x="year:O", y="v:Q"),
                           title="T", subtitle="s", description="Bars of a value for each year, none of them weak.",
                           source="trade_usd")
    assert "strokeDash" not in _spec(chart)["encoding"]
    assert charts.WEAK_NOTE not in chart._repr_mimebundle_()["text/html"]


def test_publish_refuses_a_number_the_data_does_not_hold():
    chart = _chart()
    with pytest.raises(ValueError, match="states 999"):
        charts.publish(chart, title="T", subtitle="s", source="trade_usd",
                       description="Trade reached 999 billion dollars, which no row of the data says.")
    # The same sentence with the number filled in from the data is accepted.
    record = data.load("trade_usd").query("flow == 'total'")["value_usd_bn"].max()
    charts.publish(chart, title="T", subtitle="s", source="trade_usd",
                   description=f"Trade reached {record:.0f} billion dollars at its record, as the data says.")


def test_description_numbers_match_at_the_precision_stated():
    rows = {"d": [{"year": 2010, "v": 57.34, "name": "Power of Siberia 2"}, {"year": 2013, "v": 245.0, "name": "x"}]}
    assert charts.chart_text.unsupported_numbers("about 57 and 57.3, in 2010; 2012 is missing", rows) == []
    assert charts.chart_text.unsupported_numbers("about 57.4 and 58", rows) == ["57.4", "58"]
    assert charts.chart_text.unsupported_numbers("a growth of 9 percent", rows, {"growth": 9.2}) == []


def test_a_yearly_line_breaks_where_years_are_missing():
    frame = pd.DataFrame({"year": [2010, 2014, 2015, 2016, 2010, 2014, 2015, 2016],
                          "v": [1.0, 2, 3, 4, 5, 6, 7, 8], "side": ["China"] * 4 + ["Russia"] * 4})
    frame["status"] = "reported"
    line = alt.Chart(frame).mark_line().encode(x="year:Q", y="v:Q", color="side:N",
                                               tooltip=[alt.Tooltip("v:Q", title="Value"), "status:N"])
    spec = _spec(line + line.mark_point())
    rows = next(iter(spec["datasets"].values()))
    gaps = sorted((r["year"], r["side"]) for r in rows if r["v"] is None)
    assert gaps == [(y, s) for y in (2011, 2012, 2013) for s in ("China", "Russia")]
    # Every layer's tooltip reads a missing year as "not reported", never null or undefined.
    for unit, _ in charts.chart_spec.units(spec):
        for tip in unit["encoding"]["tooltip"]:
            assert all(r.get(tip["field"]) is not None for r in rows), tip


def test_a_line_joining_occasional_figures_is_left_alone():
    frame = pd.DataFrame({"year": [2002, 2014, 2017, 2022], "pct": [66.0, 34, 28, 15]})
    spec = _spec(alt.Chart(frame).mark_line().encode(x="year:Q", y="pct:Q"))
    assert all(r["pct"] is not None for r in next(iter(spec["datasets"].values())))


def test_a_slider_on_years_keeps_every_year_in_range_on_the_axis():
    frame = pd.DataFrame({"year": [2010, 2011, 2013], "v": [1, 2, 3]})
    first = alt.param(name="first_year", value=2010)
    bars = alt.Chart(frame).mark_bar().encode(x="year:O", y="v:Q").add_params(first).transform_filter(
        alt.datum.year >= first)
    assert _spec(bars)["encoding"]["x"]["scale"]["domain"] == {"expr": "sequence(max(2010, first_year), 2013 + 1)"}


def test_row_labels_move_above_their_points_or_bars_on_a_narrow_screen():
    frame = pd.DataFrame({"label": ["A long event name", "Another"], "year": [1858, 1860]})
    points = alt.Chart(frame).mark_point().encode(x="year:Q", y="label:N")
    axis = _spec(points)["encoding"]["y"]["axis"]
    assert axis["labelAlign"]["expr"] == "containerSize()[0] < 560 ? 'left' : 'right'"
    assert "? -7" in axis["labelPadding"]["expr"]  # into the plot on a phone
    # Bars: each label sits on its band's top edge, in a gap the thinner bars leave on a phone.
    y = _spec(alt.Chart(frame).mark_bar().encode(x="year:Q", y="label:N"))["encoding"]["y"]
    assert y["axis"]["labelAlign"]["expr"] == "containerSize()[0] < 560 ? 'left' : 'right'"
    assert y["axis"]["labelOffset"]["expr"] == "containerSize()[0] < 560 ? -bandwidth('y') / 2 - 1 : 0"
    assert y["scale"]["paddingInner"]["expr"] == "containerSize()[0] < 560 ? 0.55 : 0.1"
    # Vertical bars (rows of labels on x) are not touched.
    columns = _spec(alt.Chart(frame).mark_bar().encode(y="year:Q", x="label:N"))["encoding"]["x"]
    assert "labelAlign" not in columns.get("axis", {})
    # Rows whose points carry their own text labels keep the row labels beside the plot.
    labelled = points + points.mark_text(dy=-11).encode(text="label:N")
    layers = charts.chart_spec.units(_spec(labelled))
    assert all("labelAlign" not in u["encoding"]["y"].get("axis", {}) for u, _ in layers)


def test_chart_scripts_call_the_shared_embed_instead_of_a_cdn_loader():
    """The book's pages carry no per-chart copy of Altair's CDN loader (_ext/offline_vega.py)."""
    import importlib.util

    from altair.vegalite.v6.display import html_renderer

    location = ROOT / "_ext" / "offline_vega.py"
    spec_of = importlib.util.spec_from_file_location("offline_vega", location)
    offline_vega = importlib.util.module_from_spec(spec_of)
    spec_of.loader.exec_module(offline_vega)

    spec = alt.Chart(pd.DataFrame({"year": [2024, 2025]})).mark_bar().encode(x="year:O").to_dict()
    html = html_renderer(spec, embed_options={"actions": False})["text/html"]
    assert "cdn.jsdelivr" in html  # Altair's own code names the CDN: the rewrite must remove it
    compact = offline_vega.compact_chart_scripts(html)
    chart_id = re.search(r'id="(altair-viz-[0-9a-f]+)"', html).group(1)
    call = re.search(r'srEmbed\("(altair-viz-[0-9a-f]+)", (.*)\);', compact, re.S)
    assert call and call.group(1) == chart_id
    assert json.loads("[" + call.group(2) + "]") == [spec, {"actions": False, "mode": "vega-lite"}]
    assert "cdn.jsdelivr" not in compact and "maybeLoadScript" not in compact
    assert offline_vega.compact_chart_scripts("<p>No chart here.</p>") == "<p>No chart here.</p>"


def test_many_bars_get_a_row_height_with_room_for_a_label_above_each():
    many = pd.DataFrame({"page": [f"page {i}" for i in range(38)], "kb": range(38)})
    few = many.head(5)
    assert _spec(alt.Chart(many).mark_bar().encode(x="kb:Q", y="page:N"))["height"] == {"step": 28}
    assert _spec(alt.Chart(few).mark_bar().encode(x="kb:Q", y="page:N"))["height"] == 300


def test_a_jittered_timeline_labelled_by_expression_gets_its_labels_above_on_a_phone():
    frame = pd.DataFrame({"row": [1, 2, 2.2], "year": [2014, 2022, 2023]})
    axis = alt.Axis(values=[1, 2], labelExpr="datum.value == 1 ? 'Summits' : 'War and sanctions'")
    spec = _spec(alt.Chart(frame).mark_point().encode(x="year:Q", y=alt.Y("row:Q", axis=axis)))
    assert spec["encoding"]["y"]["axis"]["labelAlign"]["expr"] == "containerSize()[0] < 560 ? 'left' : 'right'"

"""The book's chart policy: descriptions, source lines, data tables, offline scripts."""

from __future__ import annotations

import json

import altair as alt
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
    assert "<details class='sr-chart-data'>" in html and "<th scope='col'>value_usd_bn</th>" in html
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

"""No chart repeats another: the trade-total chart lives in chapter 2, other chapters and the
appendix chart something that adds to it (read from the charts' own specs in the built pages).
The primer is left out: it teaches how to draw a chart, on the module's best-known series."""

from __future__ import annotations

import json
import re

import pytest

from sinorussia import data
from tools.pages import book_pages

pytestmark = pytest.mark.book

HOME = "chapters/02-record-trade.html"


def chart_specs(html: str) -> list[dict]:
    """The Vega-Lite spec of each chart on a page (each chart's script passes it to srEmbed)."""
    decoder = json.JSONDecoder()
    specs = []
    for match in re.finditer(r'srEmbed\("altair-viz-[0-9a-f]+", (?=\{)', html):
        spec, _ = decoder.raw_decode(html, match.end())
        if "$schema" in spec:
            specs.append(spec)
    return specs


def _units(spec: dict):
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _units(part)


def charts_trade_totals(spec: dict, totals: dict[int, float]) -> bool:
    """True if the chart draws China–Russia trade totals in dollars, five years or more, on its y axis."""
    for unit in _units(spec):
        y = (unit.get("encoding") or {}).get("y") or {}
        name = (unit.get("data") or spec.get("data") or {}).get("name")
        rows = spec.get("datasets", {}).get(name, [])
        field = y.get("field")
        same = {r["year"] for r in rows if field and "year" in r and totals.get(r["year"]) == r.get(field)}
        if len(same) >= 5:  # whatever the column is called, its values are the yearly totals
            return True
    return False


def test_the_trade_total_chart_appears_once(built_book):
    trade = data.load("trade_usd")
    totals = trade[trade["flow"] == "total"].set_index("year")["value_usd_bn"].to_dict()
    pages = {}
    for path in [p for p in book_pages(built_book) if not p.startswith("primer/")]:
        specs = chart_specs((built_book / path).read_text(encoding="utf-8"))
        pages[path] = specs
    assert sum(len(s) for s in pages.values()) >= 30, "too few chart specs read: is the extraction broken?"
    found = {path for path, specs in pages.items() for spec in specs if charts_trade_totals(spec, totals)}
    assert HOME in found, f"chapter 2's trade-total chart was not recognised (found on {sorted(found)})"
    assert found == {HOME}, f"pages charting the trade totals again: {sorted(found - {HOME})}"

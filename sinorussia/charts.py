"""The book's one chart policy: theme, palette, descriptions, source lines, data tables.

Importing this module registers and enables it. Each chart goes through ``publish``, which
sets its title, subtitle and text description (Vega turns the description into the SVG's
aria-label) and records its source line. The renderer is Altair's own HTML renderer,
wrapped so that every chart is followed by its visible source line and by a collapsible
table of the data it shows (a text alternative for readers who cannot see the chart).
"""

from __future__ import annotations

import copy
import html
import json
import re

import altair as alt
import pandas as pd
from altair.vegalite.v6.display import html_renderer

from . import chart_spec, chart_table, chart_text, data, notebook_display

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
# Darker than the page text's minimum contrast, for text and rules drawn on charts.
INK = "#222222"
MUTED = "#595959"
# One colour for a mark that stands for no particular side (a total, a count): not Vega's default blue.
NEUTRAL = "#3d6b7d"

# One colour per entity, the same in every chart of the book. Families (sides, kinds of event,
# currencies) may reuse a colour; within a family each entity keeps its own. Matched ignoring case.
_SIDES = {
    "China": "#D55E00", "China's trade": "#D55E00", "China's surplus": "#D55E00", "China → Russia": "#D55E00",
    "Russia": "#0072B2", "Russia's trade": "#0072B2", "Russia's surplus": "#0072B2", "Russia → China": "#0072B2",
    "China and Russia": "#009E73", "United States and Russia": "#CC79A7",
}
_EVENTS = {
    "Treaty": "#009E73", "Institution": "#56B4E9", "Diplomacy": "#CC79A7", "Joint statement": "#CC79A7",
    "Diplomacy and UN votes": "#CC79A7", "Summit": "#E69F00", "Summits": "#E69F00", "Energy": "#000000",
    "War and sanctions": "#D55E00", "War and its consequences": "#D55E00", "Armed clash": "#D55E00",
    "Trump 2.0": "#0072B2", "Trump 2": "#0072B2", "US moves under Trump": "#0072B2",
}
_MISC = {"Reported": NEUTRAL, "Derived": "#8fb3c0", "Rose": "#009E73", "Fell": "#D55E00",
         "In yuan": "#D55E00", "In US dollars": "#0072B2"}
COLOURS = {name.casefold(): colour for family in (_SIDES, _EVENTS, _MISC) for name, colour in family.items()}

# Under a chart that outlines figures resting on a weak source (see chart_spec._weak_source_outline).
WEAK_NOTE = ("A dashed outline (or a dashed line) marks a figure not yet independently confirmed: it rests only on "
             "state media or on a copy of a page whose original was not found (see the Data sources page).")
# Derived values are drawn paler than reported ones, unconfirmed ones paler still (see status_opacity).
STATUS_OPACITY = {"reported": 1.0, "derived": 0.45, "unconfirmed": 0.25}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


@alt.theme.register("sinorussia", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "width": "container",
        "height": 300,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            # Marks stay out of the accessibility tree: a reader hears the chart's description
            # and can open its data table, instead of hundreds of unnamed "circle mark" items.
            "mark": {"aria": False, "color": NEUTRAL},
            "bar": {"color": NEUTRAL},
            "range": {"category": PALETTE},
            "title": {"fontSize": 16, "subtitleFontSize": 13, "subtitleColor": MUTED,
                      "anchor": "start", "color": INK, "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": INK,
                     "titleColor": INK, "gridColor": "#e6e6e6", "domainColor": MUTED,
                     "tickColor": MUTED},
            # Years read left to right in every chart, thinned out rather than turned on their side.
            "axisX": {"labelAngle": 0, "labelOverlap": "greedy"},
            # Below the plot, one entry per line: a legend never widens the chart on a phone.
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom", "direction": "vertical",
                       "labelColor": INK, "titleColor": INK, "labelLimit": 300, "titleLimit": 300,
                       # Several legends stack one above the other instead of side by side.
                       "layout": {"expr": "{bottom: {anchor: 'start', direction: 'vertical', margin: 8}, "
                                          "top: {anchor: 'start', direction: 'vertical', margin: 8}}"}},
            "text": {"fontSize": 12, "color": INK},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 60, "filled": True},
        },
    }


def publish(chart: alt.TopLevelMixin, *, title: str, subtitle: str, description: str,
            source: str | list[str] | None = None, source_text: str | None = None,
            figures: dict[str, float] | None = None) -> alt.TopLevelMixin:
    """Give a chart the book's title block, screen-reader description and source line.

    ``source`` names the data-package table(s) the chart draws on; the source line is
    written from their descriptors, so it cannot drift from the data. Charts of something
    other than the data package (the benchmark) give ``source_text`` instead.

    Every number in ``description`` must be in the chart's data (or in ``figures``, values the
    cell computed from the data, which are listed under the chart): fill them in from the data,
    so that a correction to the data changes the text, or is refused here until it does.
    """
    if (source is None) == (source_text is None):
        raise ValueError(f"chart {title!r}: give either source (table names) or source_text")
    if len(description.split()) < 8:
        raise ValueError(f"chart {title!r}: the description should say what the chart shows "
                         f"in a sentence or two, not {description!r}")
    if source is not None:
        tables = [source] if isinstance(source, str) else list(source)
        source_text = source_line(tables)
        _require_weak_flags(chart, tables, title)
    _strip_bookkeeping(chart)
    stray = chart_text.unsupported_numbers(description, chart.to_dict(validate=False).get("datasets", {}), figures)
    if stray:
        raise ValueError(f"chart {title!r}: the description states {', '.join(stray)}, which the chart's data "
                         "does not hold: fill the numbers in from the data (or pass computed ones as figures=)")
    # Title and subtitle are written as HTML above the chart (see render): HTML text wraps on
    # a phone, where a long Vega title would squeeze the plot to nothing.
    return chart.properties(
        description=description,
        usermeta={"title": title, "subtitle": subtitle, "source": source_text,
                  **({"figures": {k: float(v) for k, v in figures.items()}} if figures else {})},
    )


def source_line(tables: list[str]) -> str:
    """'Source: …' text for the given data-package tables."""
    parts = []
    for name in tables:
        res = data.resource(name)
        publishers = "; ".join(s["title"] for s in res.get("sources", []))
        parts.append(f"{publishers} (table {name})")
    return "Source: " + " — ".join(parts) + ". Every row's source is listed on the Data sources page."


def _frames(chart: alt.TopLevelMixin) -> list[pd.DataFrame]:
    return [part.data for part in [chart, *getattr(chart, "layer", [])]
            if isinstance(getattr(part, "data", None), pd.DataFrame)]


def _require_weak_flags(chart: alt.TopLevelMixin, tables: list[str], title: str) -> None:
    """A chart drawn from a table with figures on a weak source must know which rows they are,
    so that it can mark them: a frame built anew (a pivot, a difference) carries ``weak_source``."""
    # The claims register is not a table of figures: its verdicts' sources are its evidence tables'.
    weak = [t for t in tables if t != "claims" and data.weak_source(data.load(t)).any()]
    if weak and not any("weak_source" in f.columns or {"source_tier", "corroboration_tier"} <= set(f.columns)
                        for f in _frames(chart)):
        raise ValueError(f"chart {title!r}: table {', '.join(weak)} has figures that rest on a weak source, but the "
                         "chart's data does not say which: keep the column weak_source (data.weak_source; "
                         "data.weak_where_any for figures computed from several rows) in the chart's frame")


def _strip_bookkeeping(chart: alt.TopLevelMixin) -> None:
    """Embed only what the chart draws: source columns that no encoding uses stay in the data
    package (a chart that shows a row's status or note keeps that column). Each row keeps whether
    its figure rests on a weak source, in a flag and in words, so that the chart marks it."""
    used = _fields_used(chart.to_dict(validate=False))
    bookkeeping = data.SOURCE_COLUMNS + data.TRACE_COLUMNS + ["note"]
    for part in [chart, *getattr(chart, "layer", [])]:
        if isinstance(getattr(part, "data", None), pd.DataFrame):
            frame = data.with_source_check(part.data)
            part.data = frame.drop(columns=[c for c in bookkeeping if c in frame.columns and c not in used])


_DATUM_FIELD = re.compile(r"datum\.(\w+)|datum\[['\"]([^'\"]+)")


def _fields_used(spec) -> set[str]:
    """Every field name a spec refers to (encodings, tooltips, transforms, selections)."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "field" and isinstance(value, str):
                found.add(value)
            elif key in ("fields", "groupby") and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            elif key in ("filter", "calculate", "test", "expr") and isinstance(value, str):
                found.update(a or b for a, b in _DATUM_FIELD.findall(value))
            else:
                found |= _fields_used(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _fields_used(item)
    return found


def status_opacity(title: str = "Value is") -> alt.Opacity:
    """The encoding that draws derived (and unconfirmed) values paler, with its legend."""
    return alt.Opacity("status:N", title=title,
                       scale=alt.Scale(domain=list(STATUS_OPACITY), range=list(STATUS_OPACITY.values())))


# --- rendering ---------------------------------------------------------------------------

def render(spec: dict, **metadata) -> dict:
    """Altair's HTML renderer, plus the source line and the data table under the chart."""
    meta = spec.get("usermeta") or {}
    spec = chart_spec.polish(copy.deepcopy(spec), COLOURS, STATUS_OPACITY, ink=INK)
    # In JupyterLab and Notebook 7 the chart draws offline from the pinned scripts (see the module).
    bundle = notebook_display.adapt(html_renderer(spec, **metadata), spec, **metadata)
    heading = ""
    if meta.get("title"):
        heading = (f"<p class='sr-chart-title'>{html.escape(meta['title'])}</p>"
                   f"<p class='sr-chart-subtitle'>{html.escape(meta.get('subtitle', ''))}</p>")
    source = meta.get("source", "")
    figures = meta.get("figures") or {}
    if figures:
        items = "".join(f"<li>{html.escape(k)}: {chart_spec.format_number(v, chart_spec.number_format([v]))}</li>"
                        for k, v in figures.items())
        heading_figures = f"<ul class='sr-chart-figures' aria-label='Figures computed from the data'>{items}</ul>"
    else:
        heading_figures = ""
    caption = f"<p class='sr-chart-source'>{html.escape(source)}</p>" if source else ""
    if (spec.get("usermeta") or {}).get("weak_marked"):
        caption = f"<p class='sr-chart-weak'>{WEAK_NOTE}</p>{caption}"
    label = html.escape(meta.get("title", "Chart"), quote=True)
    bundle["text/html"] = (f"<div class='sr-chart' role='figure' aria-label='{label}'>"
                           f"{heading}{bundle['text/html']}{_hint(spec)}{heading_figures}{caption}"
                           f"{chart_table.to_html(spec, meta.get('title', ''))}</div>")
    return bundle


def _hint(spec: dict) -> str:
    """How to use (and undo) a legend selection, said under the chart that has one."""
    if not re.search(r'"bind": ("legend"|\{"legend")', json.dumps(spec)):
        return ""
    return ("<p class='sr-chart-hint'>Click a legend entry (or Tab to it and press Enter) to pick it out; "
            "double-click the chart or press Escape to show everything again.</p>")


alt.renderers.register("sinorussia", render)
# No actions menu: its unlabeled summary fails accessibility checks, and readers get the data
# from the table under each chart and the Data sources page instead.
alt.renderers.enable("sinorussia", embed_options={"actions": False, "renderer": "svg"})

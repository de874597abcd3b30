"""The book's one chart policy: theme, palette, descriptions, source lines, data tables.

Importing this module registers and enables it. Each chart goes through ``publish``, which
sets its title, subtitle and text description (Vega turns the description into the SVG's
aria-label) and records its source line. The renderer is Altair's own HTML renderer,
wrapped so that every chart is followed by its visible source line and by a collapsible
table of the data it shows (a text alternative for readers who cannot see the chart).
"""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
from altair.vegalite.v6.display import html_renderer

from . import data, notebook_display

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
# Darker than the page text's minimum contrast, for text and rules drawn on charts.
INK = "#222222"
MUTED = "#595959"
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
            "mark": {"aria": False},
            "range": {"category": PALETTE},
            "title": {"fontSize": 16, "subtitleFontSize": 13, "subtitleColor": MUTED,
                      "anchor": "start", "color": INK, "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": INK,
                     "titleColor": INK, "gridColor": "#e6e6e6", "domainColor": MUTED,
                     "tickColor": MUTED},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom",
                       "labelColor": INK, "titleColor": INK},
            "text": {"fontSize": 12, "color": INK},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 60, "filled": True},
        },
    }


def publish(chart: alt.TopLevelMixin, *, title: str, subtitle: str, description: str,
            source: str | list[str] | None = None, source_text: str | None = None) -> alt.TopLevelMixin:
    """Give a chart the book's title block, screen-reader description and source line.

    ``source`` names the data-package table(s) the chart draws on; the source line is
    written from their descriptors, so it cannot drift from the data. Charts of something
    other than the data package (the benchmark) give ``source_text`` instead.
    """
    if (source is None) == (source_text is None):
        raise ValueError(f"chart {title!r}: give either source (table names) or source_text")
    if len(description.split()) < 8:
        raise ValueError(f"chart {title!r}: the description should say what the chart shows "
                         f"in a sentence or two, not {description!r}")
    if source is not None:
        source_text = source_line([source] if isinstance(source, str) else list(source))
    _strip_bookkeeping(chart)
    # Title and subtitle are written as HTML above the chart (see render): HTML text wraps on
    # a phone, where a long Vega title would squeeze the plot to nothing.
    return chart.properties(
        description=description,
        usermeta={"title": title, "subtitle": subtitle, "source": source_text},
    )


def source_line(tables: list[str]) -> str:
    """'Source: …' text for the given data-package tables."""
    parts = []
    for name in tables:
        res = data.resource(name)
        publishers = "; ".join(s["title"] for s in res.get("sources", []))
        parts.append(f"{publishers} (table {name})")
    return "Source: " + " — ".join(parts) + ". Every row's source is listed on the Data sources page."


def _strip_bookkeeping(chart: alt.TopLevelMixin) -> None:
    """Embed only what the chart draws: the source columns stay in the data package."""
    for part in [chart, *getattr(chart, "layer", [])]:
        if isinstance(getattr(part, "data", None), pd.DataFrame):
            part.data = data.drop_sources(part.data)


# --- rendering ---------------------------------------------------------------------------

def _data_table(spec: dict, limit: int = 60) -> str:
    """An HTML table of the chart's embedded data (the first dataset), for screen readers."""
    datasets = spec.get("datasets") or {}
    if not datasets:
        return ""
    rows = next(iter(datasets.values()))
    if not rows:
        return ""
    columns = list(rows[0])
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows[:limit]
    )
    more = f"<p>First {limit} of {len(rows)} rows.</p>" if len(rows) > limit else ""
    return (f"<details class='sr-chart-data'><summary>Data table for this chart</summary>"
            f"<div class='sr-table-wrap'><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>{more}</details>")


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str) and value.endswith("T00:00:00"):
        return value[:-9]  # a date drawn on a time axis: the time of day means nothing here
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def render(spec: dict, **metadata) -> dict:
    """Altair's HTML renderer, plus the source line and the data table under the chart."""
    bundle = notebook_display.adapt(html_renderer(spec, **metadata), spec, **metadata)
    meta = spec.get("usermeta") or {}
    heading = ""
    if meta.get("title"):
        heading = (f"<p class='sr-chart-title'>{html.escape(meta['title'])}</p>"
                   f"<p class='sr-chart-subtitle'>{html.escape(meta.get('subtitle', ''))}</p>")
    source = meta.get("source", "")
    caption = f"<p class='sr-chart-source'>{html.escape(source)}</p>" if source else ""
    label = html.escape(meta.get("title", "Chart"), quote=True)
    bundle["text/html"] = (f"<div class='sr-chart' role='figure' aria-label='{label}'>"
                           f"{heading}{bundle['text/html']}{caption}{_data_table(spec)}</div>")
    return bundle


alt.renderers.register("sinorussia", render)
# No actions menu: its unlabeled summary fails accessibility checks, and readers get the data
# from the table under each chart and the Data sources page instead.
alt.renderers.enable("sinorussia", embed_options={"actions": False, "renderer": "svg"})

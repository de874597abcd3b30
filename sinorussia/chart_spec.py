"""The chart policy applied to a finished Vega-Lite spec, whatever chart cell wrote it.

``polish(spec, colours)`` runs once per chart, in the renderer. It fixes at one place what a
reader would otherwise meet chart by chart: tooltips that print "undefined", "null" or
"38.0000"; a series drawn in another colour than in the previous chapter; a missing year that
leaves no gap; a legend or a column of long row labels that squeezes the plot on a phone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import pairwise

# Narrow screens: the width (px) of the chart's box below which labels are shortened.
NARROW = 560
# Row labels that stay beside the plot are cut beyond this (with an ellipsis; the tooltip and the
# data table keep the full text): on a phone so that the plot keeps at least about 200 px, on a
# wide screen at half the chart's width.
_WIDE_LIMIT = "max(240, containerSize()[0] / 2)"
ROW_LABEL_LIMIT = {"expr": f"containerSize()[0] < {NARROW} ? 120 : {_WIDE_LIMIT}"}
LEGEND_LABEL_LIMIT = {"expr": "max(120, containerSize()[0] - 60)"}
# Rows of points (timelines): on a narrow screen each row's label moves inside the plot, just above
# its row, so that the plot keeps the full width and the label its full text.
_NARROW = f"containerSize()[0] < {NARROW}"
ROW_LABELS_ABOVE = {
    "labelAlign": {"expr": f"{_NARROW} ? 'left' : 'right'"},
    "labelBaseline": {"expr": f"{_NARROW} ? 'bottom' : 'middle'"},
    "labelPadding": {"expr": f"{_NARROW} ? -7 : 2"},  # ticks are 5 px: the label starts 2 px into the plot
    "labelOffset": {"expr": f"{_NARROW} ? -7 : 0"},  # its baseline clears the row's point
    "labelLimit": {"expr": f"{_NARROW} ? containerSize()[0] - 30 : {_WIDE_LIMIT}"},
}
# Rows of bars: the same on a narrow screen, each label just above its bar, in the gap that
# thinner bars leave (Vega ignores an expression for the axis's bandPosition, so the label is
# moved up by half a band instead; the scale is named "y" in a single or layered chart).
BAR_LABELS_ABOVE = {**ROW_LABELS_ABOVE, "labelOffset": {"expr": f"{_NARROW} ? -bandwidth('y') / 2 - 1 : 0"}}
BAR_STEP = 28  # px per row of bars at least: a 12 px label above a bar 45% of the row thick
BAR_BANDS = {"paddingInner": {"expr": f"{_NARROW} ? 0.55 : 0.1"},
             "paddingOuter": {"expr": f"{_NARROW} ? 0.55 : 0.05"}}
POINT_MARKS = ("point", "circle", "square")
MISSING = "not reported"
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "opacity", "strokeDash", "size")


def units(spec: dict, data: str | None = None) -> Iterator[tuple[dict, str | None]]:
    """Every single-view spec inside ``spec``, with the name of the dataset it draws."""
    if isinstance(spec.get("data"), dict) and "name" in spec["data"]:
        data = spec["data"]["name"]
    if "mark" in spec:
        yield spec, data
    for key in ("layer", "concat", "hconcat", "vconcat"):
        for part in spec.get(key, []):
            yield from units(part, data)


def polish(spec: dict, colours: dict[str, str], status_opacity: dict[str, float], ink: str = "#222222") -> dict:
    datasets = spec.get("datasets") or {}
    # Rows of points get their labels above them on a phone, unless text marks already sit there.
    point_rows = _row_fields(spec, POINT_MARKS, _y_is_rows) - _row_fields(spec, ("text",))
    # Rows of bars too, where the y scale has the name the label's offset reads (not in a concat).
    single = not any(key in spec for key in ("concat", "hconcat", "vconcat", "facet"))
    bar_rows = _row_fields(spec, ("bar",), _y_is_nominal) - point_rows if single else set()
    _room_for_labels(spec, bar_rows, datasets)
    # Rows for missing years first, so that every layer's tooltips see them ("not reported").
    for unit, name in units(spec):
        _break_lines_at_gaps(unit, unit.get("encoding", {}), datasets.get(name, []))
    for unit, name in units(spec):
        rows = datasets.get(name, [])
        encoding = unit.get("encoding", {})
        _tooltips(unit, encoding, rows)
        _entity_colours(encoding, rows, colours)
        _year_gaps(unit, encoding, rows)
        _fitting_labels(encoding, rows_above=_y_field(unit) in point_rows, bars_above=_y_field(unit) in bar_rows)
        _status_shading(unit, encoding, rows, status_opacity)
        if _weak_source_outline(unit, encoding, rows, ink):
            spec.setdefault("usermeta", {})["weak_marked"] = True
    return spec


def _row_fields(spec: dict, marks: tuple[str, ...], rows=lambda unit: True) -> set[str]:
    """The y fields of the units drawing ``marks`` whose y axis ``rows`` accepts."""
    return {_y_field(u) for u, _ in units(spec) if _mark(u) in marks and rows(u)} - {None}


def _room_for_labels(spec: dict, bar_rows: set[str], datasets: dict) -> None:
    """A chart of many bars gets a height per row instead of a fixed one, so that each label
    has room above its bar on a phone."""
    rows = max((len({r.get(f) for rows in datasets.values() for r in rows} - {None}) for f in bar_rows), default=0)
    height = spec.get("height")
    if rows and isinstance(height, int | float) and height / rows < BAR_STEP:
        spec["height"] = {"step": BAR_STEP}


def _mark(unit: dict) -> str:
    return unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]


def _y_field(unit: dict) -> str | None:
    y = unit.get("encoding", {}).get("y")
    return y.get("field") if isinstance(y, dict) else None


def _y_is_nominal(unit: dict) -> bool:
    y = unit.get("encoding", {}).get("y")
    return isinstance(y, dict) and y.get("type") == "nominal" and y.get("axis", {}) is not None


def _y_is_rows(unit: dict) -> bool:
    """Rows named on the y axis: nominal, or numbers the axis labels with names (a jittered timeline)."""
    y = unit.get("encoding", {}).get("y")
    return _y_is_nominal(unit) or (isinstance(y, dict) and "labelExpr" in (y.get("axis") or {}))


# --- tooltips ----------------------------------------------------------------------------

def number_format(values) -> str:
    """A d3 format for these numbers: as many decimals as they carry, at most two, with a
    thousands separator from 10,000 on (years stay 2024, not 2,024)."""
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)
               and math.isfinite(v)]
    decimals = 0
    for v in numbers:
        for places in range(3):
            if abs(round(v, places) - v) < 1e-9:
                break
        decimals = max(decimals, places)
    big = any(abs(v) >= 10_000 for v in numbers)
    return f"{',' if big else ''}.{decimals}f"


def format_number(value: float, fmt: str) -> str:
    """Python's reading of the simple d3 formats the book uses ('+,.1f', '.0%', 'd')."""
    match = re.fullmatch(r"(\+?)(,?)(?:\.(\d+))?([fd%]?)", fmt or "")
    if not match:
        return format_number(value, number_format([value]))
    sign, comma, places, kind = match.groups()
    if kind == "%":
        value, suffix = value * 100, "%"
    else:
        suffix = ""
    digits = 0 if kind == "d" else int(places or 0)
    text = f"{value:{sign}{comma}.{digits}f}{suffix}"
    return text.replace("-", "−") if text.startswith("-") else text


def _tooltips(unit: dict, encoding: dict, rows: list[dict]) -> None:
    tips = encoding.get("tooltip")
    if not tips or not rows:
        return
    entries = tips if isinstance(tips, list) else [tips]
    columns = set().union(*(r.keys() for r in rows))
    made = _fields_made(unit)
    aggregated = any("aggregate" in t for t in unit.get("transform", []))
    kept = []
    for tip in entries:
        field = tip.get("field")
        if not field or tip.get("aggregate"):
            kept.append(tip)
            continue
        if field not in columns:
            if field in made:
                kept.append(tip)
            continue  # a field this chart's data does not have: it would print "undefined"
        values = [r.get(field) for r in rows]
        if tip.get("type") == "quantitative" and tip.get("format") in (None, "", "g"):
            tip["format"] = number_format(values)
        if any(v is None for v in values) and not aggregated:
            # "null" in a tooltip: show the value as text, with the gap said in words.
            shown = f"{field} (as shown)"
            for r in rows:
                v = r.get(field)
                r[shown] = (MISSING if v is None else
                            format_number(v, tip.get("format", "")) if tip.get("type") == "quantitative"
                            else str(v))
            tip = {"field": shown, "type": "nominal", "title": tip.get("title", field)}
        kept.append(tip)
    encoding["tooltip"] = kept


def _fields_made(unit: dict) -> set[str]:
    made = set()
    for step in unit.get("transform", []):
        if "as" in step and isinstance(step["as"], str):
            made.add(step["as"])
        for part in step.get("aggregate", []) + step.get("window", []) + step.get("joinaggregate", []):
            made.add(part.get("as"))
    return made


# --- status ------------------------------------------------------------------------------

SHADED_MARKS = ("bar", "point", "circle", "square", "rect", "tick", "arc", "area")


def _status_shading(unit: dict, encoding: dict, rows: list[dict], levels: dict[str, float]) -> None:
    """Marks of a derived or unconfirmed value are filled paler, in every chart whose data says
    so, with a legend entry: the chart does not have to remember to do it."""
    mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
    statuses = {r.get("status") for r in rows} - {None}
    if mark not in SHADED_MARKS or not statuses - {"reported"}:
        return
    if any(isinstance(encoding.get(c), dict) and encoding[c].get("field") == "status"
           for c in ("opacity", "fillOpacity")):
        return  # the chart already draws the status
    if isinstance(unit["mark"], dict) and unit["mark"].get("filled") is False:
        return
    domain = [s for s in levels if s in statuses]
    encoding["fillOpacity"] = {"field": "status", "type": "nominal", "title": "Value is",
                               "scale": {"domain": domain, "range": [levels[s] for s in domain]}}


# --- weak sources --------------------------------------------------------------------------

WEAK_TEST = "datum.weak_source === true"
WEAK_DASH = [4, 2]


def _weak_source_outline(unit: dict, encoding: dict, rows: list[dict], ink: str) -> bool:
    """A mark whose figure rests only on state media or a copy gets a dashed outline (a rule, a
    dashed stroke), and its tooltip says so, in every chart whose data has such a row (the renderer
    explains the outline under the chart). True when this unit now marks them."""
    mark = _mark(unit)
    if mark not in (*SHADED_MARKS, "rule") or not any(r.get("weak_source") is True for r in rows):
        return False
    if "strokeDash" in encoding or (mark != "rule" and "stroke" in encoding):
        return False  # the chart draws outlines of its own
    if not any(isinstance(encoding.get(c), dict) and "field" in encoding[c] for c in ("x", "y", "theta")):
        return False  # a reference line at a constant, not a figure of the data
    own = unit["mark"] if isinstance(unit["mark"], dict) else {}
    encoding["strokeDash"] = {"condition": {"test": WEAK_TEST, "value": WEAK_DASH}, "value": own.get("strokeDash", [])}
    if mark != "rule":
        # Other marks keep the outline they had (e.g. white lines between stacked bars).
        encoding["stroke"] = {"condition": {"test": WEAK_TEST, "value": ink}, "value": own.get("stroke")}
        encoding["strokeWidth"] = {"condition": {"test": WEAK_TEST, "value": 1.5},
                                   "value": own.get("strokeWidth", 1) if own.get("stroke") else 0}
    tips = encoding.get("tooltip")
    if isinstance(tips, list) and not any(t.get("field") == "source_check" for t in tips if isinstance(t, dict)):
        tips.append({"field": "source_check", "type": "nominal", "title": "Source check"})
    return True


# --- colours, years, labels ---------------------------------------------------------------

def _entity_colours(encoding: dict, rows: list[dict], colours: dict[str, str]) -> None:
    for channel in ("color", "fill", "stroke"):
        enc = encoding.get(channel)
        if not isinstance(enc, dict) or enc.get("type") != "nominal" or "field" not in enc:
            continue
        scale = enc.setdefault("scale", {})
        if "range" in scale or "scheme" in scale:
            continue
        present = [v for v in dict.fromkeys(r.get(enc["field"]) for r in rows) if v is not None]
        given = enc["sort"] if isinstance(enc.get("sort"), list) else None
        domain = scale.get("domain") or given or sorted(map(str, present))
        if domain and all(str(v).casefold() in colours for v in domain):
            scale["domain"] = list(domain)
            scale["range"] = [colours[str(v).casefold()] for v in domain]
        elif not scale:
            del enc["scale"]


# A slider that picks the first (or last) year shown: `datum.year >= param` (or `<=`).
_YEAR_BOUND = re.compile(r"datum\.year\s*(>=|<=)\s*([A-Za-z_]\w*)")


def _year_gaps(unit: dict, encoding: dict, rows: list[dict]) -> None:
    """A year missing from the data keeps its place on a year axis, so the gap shows; a chart
    whose slider filters years keeps every year in range on its axis, gaps included."""
    x = encoding.get("x")
    if not (isinstance(x, dict) and x.get("field") == "year" and x.get("type") == "ordinal"):
        return
    scale = x.setdefault("scale", {})
    filters = [str(step["filter"]) for step in unit.get("transform", []) if "filter" in step]
    years = sorted({r["year"] for r in rows if isinstance(r.get("year"), int)})
    on_year = [f for f in filters if "year" in f]
    bounds = {op: name for f in on_year for op, name in _YEAR_BOUND.findall(f)}
    if "domain" in scale or len(years) < 2 or (on_year and not bounds):
        if not scale:
            del x["scale"]
        return
    if bounds:
        # The axis follows the slider: every year from its first to its last, the missing ones too.
        low = f"max({years[0]}, {bounds['>=']})" if ">=" in bounds else str(years[0])
        high = f"min({years[-1]}, {bounds['<=']})" if "<=" in bounds else str(years[-1])
        scale["domain"] = {"expr": f"sequence({low}, {high} + 1)"}
    else:
        scale["domain"] = list(range(years[0], years[-1] + 1))


PATH_MARKS = ("line", "area", "trail")
SERIES_CHANNELS = ("color", "stroke", "strokeDash", "detail", "shape", "opacity")


def _break_lines_at_gaps(unit: dict, encoding: dict, rows: list[dict]) -> None:
    """A line over years breaks where a yearly series has no value, instead of drawing a straight
    segment across the missing years as if they were known.

    Each missing year gets a row with no value; Vega-Lite breaks a path at such a row (its
    default for invalid values) and leaves it out of point and bar marks. Only yearly series
    (most steps one year) are broken: a line that joins occasional figures (a poll every few
    years, two estimates seven years apart) is drawn as it is.
    """
    mark = unit["mark"]["type"] if isinstance(unit["mark"], dict) else unit["mark"]
    x, y = encoding.get("x"), encoding.get("y")
    if (mark not in PATH_MARKS or not isinstance(x, dict) or x.get("field") != "year"
            or not isinstance(y, dict) or y.get("type") != "quantitative" or "aggregate" in y or not rows
            or any(k in step for step in unit.get("transform", []) for k in ("aggregate", "window", "impute"))):
        return
    keys = [encoding[c]["field"] for c in SERIES_CHANNELS
            if isinstance(encoding.get(c), dict) and isinstance(encoding[c].get("field"), str)]
    for step in unit.get("transform", []):  # a row must pass the chart's filters to be drawn
        keys += [a or b for a, b in _FILTER_FIELD.findall(str(step.get("filter", "")))]
    keys = list(dict.fromkeys(k for k in keys if k not in ("year", y["field"])))
    series: dict[tuple, set[int]] = {}
    for r in rows:
        if isinstance(r.get("year"), int) and r.get(y["field"]) is not None:
            series.setdefault(tuple(r.get(k) for k in keys), set()).add(r["year"])
    added = []
    for key, years in series.items():
        ordered = sorted(years)
        steps = sorted(b - a for a, b in pairwise(ordered))
        if not steps or steps[len(steps) // 2] != 1:
            continue  # not a yearly series
        added += [{**dict(zip(keys, key, strict=True)), "year": year, y["field"]: None}
                  for year in range(ordered[0], ordered[-1] + 1) if year not in years]
    if added:
        rows.extend(added)
        rows.sort(key=lambda r: r.get("year") if isinstance(r.get("year"), int) else 0)


_FILTER_FIELD = re.compile(r"datum\.(\w+)|datum\[['\"]([^'\"]+)")


def _fitting_labels(encoding: dict, rows_above: bool = False, bars_above: bool = False) -> None:
    y = encoding.get("y")
    if isinstance(y, dict) and ("axis" not in y or y["axis"] is not None):
        axis = y.setdefault("axis", {})
        if rows_above:
            axis.update(ROW_LABELS_ABOVE)
        elif bars_above:
            axis.update(BAR_LABELS_ABOVE)
            y.setdefault("scale", {}).update(BAR_BANDS)
        elif y.get("type") in ("nominal", "ordinal") or "labelExpr" in axis:
            axis["labelLimit"] = ROW_LABEL_LIMIT
    for channel in LEGEND_CHANNELS:
        enc = encoding.get(channel)
        if not isinstance(enc, dict) or "field" not in enc or enc.get("legend", {}) is None:
            continue
        legend = enc.setdefault("legend", {})
        legend.pop("columns", None)
        if legend.get("orient") in ("top", "bottom", None):
            legend["direction"] = "vertical"
        legend["labelLimit"] = LEGEND_LABEL_LIMIT
        legend["titleLimit"] = LEGEND_LABEL_LIMIT

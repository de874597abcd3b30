"""The data table under each chart: the text alternative for a reader who cannot see it.

Built from the chart's own spec, so it shows what the chart shows: the columns its encodings and
tooltips use, labelled with their titles (which carry the units), numbers rounded as the chart
rounds them, text left-aligned and numbers right-aligned, with a caption naming the chart.
"""

from __future__ import annotations

import html

from .chart_spec import MISSING, format_number, number_format, units

CHANNEL_ORDER = ("y", "x", "row", "column", "color", "shape", "strokeDash", "opacity", "size", "x2", "y2",
                 "text", "tooltip")


def columns(spec: dict, dataset: str) -> list[dict]:
    """[{field, title, type, format}] for each field of ``dataset`` that the chart shows."""
    found: dict[str, dict] = {}
    for unit, name in units(spec):
        if name != dataset:
            continue
        encoding = unit.get("encoding", {})
        for channel in CHANNEL_ORDER:
            entries = encoding.get(channel)
            for enc in entries if isinstance(entries, list) else [entries]:
                if not isinstance(enc, dict) or not enc.get("field") or enc.get("aggregate") == "count":
                    continue
                if "labelExpr" in (enc.get("axis") or {}):
                    continue  # a helper position (a row number drawn with its own labels)
                field = enc["field"].removesuffix(" (as shown)")
                col = found.setdefault(field, {"field": field, "type": enc.get("type"), "title": None, "format": None})
                # A tooltip's title is the most explicit (it names the unit); an axis title comes next.
                title = (enc.get("title") or (enc.get("axis") or {}).get("title")
                         or (enc.get("legend") or {}).get("title"))
                if title and (channel == "tooltip" or not col["title"]):
                    col["title"] = title
                fmt = enc.get("format") or (enc.get("axis") or {}).get("format")
                if fmt and not col["format"] and enc.get("type") == "quantitative":
                    col["format"] = fmt
    return list(found.values())


def _human(field: str) -> str:
    words = field.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _cell(value, col: dict, fmt: str) -> tuple[str, bool]:
    """The cell's text and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and value != value):
        return MISSING, False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, (int, float)):
        if col["field"] == "year" or col["type"] in ("ordinal", "nominal"):
            return str(value), True
        return format_number(value, fmt), True
    text = str(value)
    if text.endswith("T00:00:00"):
        text = text[:-9]  # a date drawn on a time axis: the time of day means nothing here
    return text, False


def to_html(spec: dict, title: str, limit: int = 60) -> str:
    datasets = spec.get("datasets") or {}
    # The chart's main data: the largest of its datasets (reference lines come in small ones).
    name = max(datasets, key=lambda n: len(datasets[n]), default=None)
    rows = datasets.get(name) or []
    cols = [c for c in columns(spec, name) if any(c["field"] in r for r in rows)] if rows else []
    if not cols:
        return ""
    formats = {c["field"]: c["format"] or number_format([r.get(c["field"]) for r in rows]) for c in cols}
    head = "".join(f"<th scope='col'>{html.escape(c['title'] or _human(c['field']))}</th>" for c in cols)
    body = []
    for r in rows[:limit]:
        cells = []
        for c in cols:
            text, number = _cell(r.get(c["field"]), c, formats[c["field"]])
            # Only numbers carry a class (right-aligned); text is left-aligned by default.
            cells.append(f"<td class='sr-num'>{html.escape(text)}</td>" if number else f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>First {limit} of {len(rows)} rows.</p>" if len(rows) > limit else ""
    caption = f"Data shown in the chart “{title}”" if title else "Data shown in the chart"
    return (f"<details class='sr-chart-data'><summary>Data table for this chart</summary>"
            f"<div class='sr-table-wrap' tabindex='0' role='region' aria-label='{html.escape(caption, quote=True)}'>"
            f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>{more}</details>")

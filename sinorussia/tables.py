"""Tables shown to students: labelled columns, no bare 0, 1, 2 … index, no NaN, rounded numbers.

    from sinorussia import tables
    tables.show(frame, {"year": "Year", "value_usd_bn": "Trade, US$ bn"}, caption="China–Russia trade")

Only the columns named in ``labels`` are shown, in that order (all columns, humanised, when no
labels are given). A meaningful index (years, names) becomes the first column; a default
0, 1, 2 … index is hidden. Missing values read "–"; numbers are rounded to ``decimals``
places, except whole numbers and years.
"""

from __future__ import annotations

import html

import pandas as pd
from pandas.io.formats.style import Styler

MISSING = "–"


# Column-name endings that are units, said the way a reader expects them.
UNITS = {"_usd_bn": ", US$ bn", "_pct": ", %", "_bcm": ", bcm", "_km2": ", km²", "_mt": ", million tonnes"}


def human(name: str) -> str:
    """'value_usd_bn' -> 'Value, US$ bn'; 'statement_date' -> 'Statement date'."""
    words, unit = str(name), ""
    for ending, said in UNITS.items():
        if words.endswith(ending) and words != ending:
            words, unit = words[: -len(ending)], said
            break
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:] + unit


def tidy(frame: pd.DataFrame | pd.Series, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The frame as it will be shown: index as a column when it means something, labelled columns."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(frame.name if frame.name is not None else "value")
    # A chart's flag for figures on a weak source: the chart marks them, the Data sources page lists them.
    frame = frame.drop(columns=[c for c in ("weak_source", "source_check") if c in frame.columns])
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    else:
        frame = frame.reset_index(drop=True)
    frame.columns.name = None  # a pivot's column label ("measure") is not a column
    if labels:
        missing = [c for c in labels if c not in frame.columns]
        if missing:
            raise KeyError(f"tables.show: no column {', '.join(map(repr, missing))} in {list(frame.columns)}")
        frame = frame[list(labels)].rename(columns=labels)
    else:
        frame = frame.rename(columns=human)
    return frame


def _formatter(series: pd.Series, decimals: int):
    whole = pd.api.types.is_integer_dtype(series) or (
        pd.api.types.is_float_dtype(series) and (series.dropna() % 1 == 0).all())
    year_like = whole and series.dropna().between(1000, 2100).all()

    def fmt(value) -> str:
        if pd.isna(value):
            return MISSING
        if year_like:
            return f"{int(value)}"
        if whole:
            return f"{int(value):,}"
        return f"{value:,.{decimals}f}"
    return fmt


def to_html(frame, labels: dict[str, str] | None = None, *, caption: str | None = None, decimals: int = 1) -> str:
    shown = tidy(frame, labels)
    # No cell ids or style block: a plain table, light enough to embed many on a page.
    styler = Styler(shown, cell_ids=False).hide(axis="index")
    for column in shown.columns:
        if pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column]):
            styler = styler.format(_formatter(shown[column], decimals), subset=[column])
        else:
            styler = styler.format(lambda v: MISSING if v is None or (isinstance(v, float) and pd.isna(v)) else v,
                                   subset=[column])
    if caption:
        styler = styler.set_caption(caption)
    label = html.escape(caption or "Table", quote=True)
    return (f"<div class='sr-table-wrap' tabindex='0' role='region' aria-label='{label}'>"
            + styler.to_html(exclude_styles=True).replace("<table>", '<table class="dataframe sr-table">', 1)
            + "</div>")


class _Shown:
    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


def show(frame, labels: dict[str, str] | None = None, *, caption: str | None = None, decimals: int = 1) -> _Shown:
    """Display ``frame`` as a student-facing table (see the module's docstring)."""
    return _Shown(to_html(frame, labels, caption=caption, decimals=decimals))

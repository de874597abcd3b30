"""Is a figure one the data package holds? The capstone's check of requirement 4 ("no new figures").

A figure counts when it equals, as written, a value of a numeric column of the table named with
it; years (a column named ``year``) are dates, not figures.
"""

from __future__ import annotations

import math
import numbers
from functools import cache

from . import data


@cache
def values(table: str) -> tuple[float, ...]:
    """Every value of the table's numeric columns, years left out."""
    frame = data.load(table).select_dtypes("number")
    frame = frame.drop(columns=[c for c in frame.columns if c == "year" or c.endswith("_year")])
    return tuple(float(v) for v in frame.to_numpy().ravel() if not math.isnan(v))


def not_in_their_tables(pairs) -> list[tuple]:
    """The (table, figure) pairs whose figure is not a value of that table (or that are no such pair)."""
    missing = []
    for pair in pairs:
        try:
            table, figure = pair
            found = (table in data.names() and isinstance(figure, numbers.Real)
                     and any(math.isclose(figure, v, rel_tol=0, abs_tol=1e-9) for v in values(table)))
        except (TypeError, ValueError):
            found = False
        if not found:
            missing.append(tuple(pair) if isinstance(pair, (list, tuple)) else (pair, None))
    return missing

"""Numbers for the narrative: every figure in a chapter's text is glued from the data.

``glue(total_2024=totals[2024], record_year=2024)`` stores each value under its name for
``{glue:text}`total_2024:.1f``` in the Markdown. Values are turned into plain Python
numbers first: NumPy 2 scalars print as ``np.float64(…)``, which glue cannot format.
"""

from __future__ import annotations

import numbers

from myst_nb import glue as _glue

from . import notebook_display


def plain(value):
    """A NumPy or pandas scalar as the equivalent built-in Python number."""
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def glue(**values) -> None:
    """Glue each keyword's value under its name, without displaying it."""
    for name, value in values.items():
        _glue(name, plain(value), display=False)
    notebook_display.show_glued({name: plain(value) for name, value in values.items()})

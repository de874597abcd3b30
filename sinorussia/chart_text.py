"""Chart descriptions that follow the data: every number a description states must be in it.

A screen-reader user hears the description instead of seeing the chart. A number typed by hand
into it goes stale the day the data is corrected; ``unsupported_numbers`` finds such numbers, and
``publish`` refuses them, so descriptions are written with their numbers filled in from the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# 1,000,000 or 57 or 0.32 or 2024; not the 2 of "km2" or "G7", nor a part of a longer word.
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")


# Numbers that are part of a name, not a figure: "Power of Siberia 1", "a 12-point plan".
NAMES = re.compile(r"Power of Siberia \d|\d+-point")


def stated_numbers(text: str) -> list[str]:
    return [m.group(0) for m in NUMBER.finditer(NAMES.sub("", text))]


def data_values(rows: Iterable[dict]) -> tuple[set[float], set[str]]:
    """Numbers in the data: numeric cells, and the numbers inside text cells (dates, names)."""
    numbers: set[float] = set()
    words: set[str] = set()
    count = 0
    for row in rows:
        count += 1
        for value in row.values():
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, (int, float)):
                numbers.add(abs(float(value)))
            else:
                for part in re.findall(r"\d+(?:\.\d+)?", str(value)):
                    words.add(part.lstrip("0") or "0")
    numbers.add(float(count))  # "Timeline of 42 events" counts the rows
    # A year missing from a run of years is a fact of the data too ("2012 is missing").
    years = {int(v) for r in rows for k, v in r.items() if k == "year" and isinstance(v, (int, float))}
    if years:
        numbers |= {float(y) for y in range(min(years), max(years) + 1)}
    return numbers, words


def unsupported_numbers(description: str, datasets: dict[str, list[dict]],
                        figures: dict[str, float] | None = None) -> list[str]:
    """The numbers in ``description`` that no dataset of the chart holds, at the precision stated.

    ``figures`` are values the chart cell computed from the data (a growth rate, a sum); they
    count as data, and the chart shows them under itself.
    """
    numbers: set[float] = {abs(float(v)) for v in (figures or {}).values()}
    words: set[str] = set()
    for rows in datasets.values():
        n, w = data_values(rows)
        numbers |= n
        words |= w
    missing = []
    for text in stated_numbers(description):
        plain = text.replace(",", "")
        places = len(plain.split(".")[1]) if "." in plain else 0
        value = float(plain)
        if plain.lstrip("0") in words or plain in words:
            continue
        if any(abs(round(v, places) - value) < 1e-9 for v in numbers):
            continue
        missing.append(text)
    return missing

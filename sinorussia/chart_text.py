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


# --- describers: sentences with their numbers read from the data -------------------------
# A chart cell writes the finding in words and fills every number in from the frame the chart
# draws, with these helpers or plain f-strings; tools/typed_numbers.py lists any number typed
# into a description's text instead.

def number(value: float, decimals: int | None = None) -> str:
    """A figure as a sentence states it: thousands separated, rounded to ``decimals`` places
    (default 1) without trailing zeros, a minus sign spelled out."""
    places = 1 if decimals is None else decimals
    text = f"{abs(float(value)):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")  # 38.0 -> 38, 5.04 -> 5
    return ("minus " + text) if float(value) < 0 and float(text.replace(",", "")) != 0 else text


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def first_to_last(points: Iterable[tuple[str, float]], decimals: int | None = None, unit: str = "") -> str:
    """'from 12 percent in May 2022 to 54 percent in June 2024, highest 60 percent in May 2024' over
    (when, value) pairs in time order: the finding a reader needs, the rest is in the chart's table."""
    points = [(str(when), float(value)) for when, value in points]
    if not points:
        return ""
    said = [f"{number(value, decimals)}{unit} in {when}" for when, value in points]
    if len(points) == 1:
        return said[0]
    text = f"from {said[0]} to {said[-1]}"
    peak = max(range(len(points)), key=lambda i: points[i][1])
    if 0 < peak < len(points) - 1:
        text += f", highest {said[peak]}"
    return text


def values_by_year(series, decimals: int | None = None, unit: str = "") -> str:
    """'78 in 2019, 84 in 2020 and 108.5 in 2024' from a year-indexed series (the unit, if any,
    follows the first value only: 'about 78 million tonnes in 2019, 84 in 2020')."""
    parts = []
    for i, (year, value) in enumerate(series.items()):
        parts.append(f"{number(value, decimals)}{(' ' + unit) if unit and i == 0 else ''} in {year}")
    return join(parts)


def year_span(years: Iterable) -> str:
    """'from 2008 to 2025' over the years a chart draws."""
    years = sorted(int(y) for y in years)
    return f"from {years[0]} to {years[-1]}" if years[0] != years[-1] else f"in {years[0]}"


def missing_years(years: Iterable) -> list[int]:
    """Years absent from inside the run of years a chart draws."""
    years = sorted({int(y) for y in years})
    return [y for y in range(years[0], years[-1] + 1) if y not in years] if years else []


def gaps_sentence(years: Iterable) -> str:
    """' 2012 is missing.' (or '2011, 2012 and 2013 are missing.'), or '' when no year is."""
    gone = missing_years(years)
    if not gone:
        return ""
    return f" {join(map(str, gone))} {'is' if len(gone) == 1 else 'are'} missing."


def date_said(when) -> str:
    """'4 February 2022' from a date or timestamp."""
    return f"{when.day} {when:%B %Y}"


def month_said(when) -> str:
    """'February 2022' from a date or timestamp."""
    return f"{when:%B %Y}"


def years_said(years: Iterable) -> str:
    """'from 2019 to 2022' for a run of three or more years, else 'in 2023 and 2024'."""
    years = sorted({int(y) for y in years})
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"from {years[0]} to {years[-1]}"
    return "in " + join(map(str, years))

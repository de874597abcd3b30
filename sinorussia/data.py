"""Load the data package's tables, checking each against its Table Schema first.

A table is named by its resource name in ``data/datapackage.json``. Loading is strict: a
value of the wrong type, a missing source or a value out of range stops with a
``DataError`` that names the file, the row and the field, so a bad edit cannot slip into a
chart. The checks cover the Table Schema features this package uses (types, required,
minimum, maximum, enum, pattern); the tests also validate the package with frictionless.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from . import DATA_DIR

# Every table carries these columns: where each value comes from, row by row.
SOURCE_COLUMNS = ["status", "source_publisher", "source_url", "source_date"]
# ... and how strong that source is: its tier, the copy it was read at when the original could not
# be opened, and a second source that reports the same figure (see data/README.md).
TRACE_COLUMNS = ["source_tier", "read_at_url", "corroboration_publisher", "corroboration_url", "corroboration_tier"]
STATUSES = ["reported", "derived", "unconfirmed"]
# Source tiers, strongest first. A figure the book uses rests on one of the first three, or on a
# weaker source corroborated by one of them.
TIERS = ["official", "research", "independent_media", "state_media", "mirror_or_aggregator"]
STRONG_TIERS = TIERS[:3]


class DataError(ValueError):
    """A data file breaks its schema; the message names file, row and field."""


def _package(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None


@cache
def _cached_package(data_dir: str) -> dict:
    return _package(Path(data_dir))


def package(data_dir: Path = DATA_DIR) -> dict:
    """The data package descriptor (``datapackage.json``) as a dict."""
    return _cached_package(str(data_dir))


def resource(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The descriptor of one resource, by name."""
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in package(data_dir)["resources"])
    raise KeyError(f"no table named {name!r} in {data_dir / 'datapackage.json'}; tables: {names}")


def names(data_dir: Path = DATA_DIR) -> list[str]:
    return [r["name"] for r in package(data_dir)["resources"]]


# --- checking one value against its field -------------------------------------------------

def _parse(value: str, field: dict):
    """Turn the CSV text into a Python value of the field's type, or raise ValueError."""
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "integer":
        return int(value)
    if kind == "number":
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError
        return number
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ValueError
        return int(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise ValueError
        return value == "true"
    raise ValueError(f"type {kind!r} is not supported by sinorussia.data")


def _problem(value: str, field: dict) -> str | None:
    """What is wrong with one cell, in words, or None."""
    constraints = field.get("constraints", {})
    if value == "":
        return "is empty but required" if constraints.get("required") else None
    try:
        parsed = _parse(value, field)
    except ValueError:
        return f"{value!r} is not a valid {field.get('type', 'string')}"
    if "enum" in constraints and value not in [str(v) for v in constraints["enum"]]:
        return f"{value!r} is not one of {constraints['enum']}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"{value!r} does not match the pattern {constraints['pattern']}"
    if "minimum" in constraints and parsed < _parse(str(constraints["minimum"]), field):
        return f"{value} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and parsed > _parse(str(constraints["maximum"]), field):
        return f"{value} is above the maximum {constraints['maximum']}"
    return None


def check(name: str, data_dir: Path = DATA_DIR) -> list[str]:
    """Every problem in one table, each naming file, row and field; empty when clean."""
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    if not path.exists():
        return [f"{path}: file missing (resource {name!r})"]
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        return [f"{path}: file is empty"]
    if rows[0] != expected:
        return [f"{path}, header: columns are {rows[0]}, the schema expects {expected}"]
    problems = []
    keys = res["schema"].get("primaryKey", [])
    seen = {}
    for number, row in enumerate(rows[1:], start=1):
        shown = path.relative_to(data_dir.parent) if data_dir.parent in path.parents else path
        where = f"{shown}, row {number} (line {number + 1})"
        if len(row) != len(fields):
            problems.append(f"{where}: has {len(row)} values, the schema has {len(fields)} fields")
            continue
        for value, field in zip(row, fields, strict=False):
            issue = _problem(value, field)
            if issue:
                problems.append(f"{where}, field {field['name']!r}: {issue}")
        if keys:
            key = tuple(row[expected.index(k)] for k in keys)
            if key in seen:
                problems.append(f"{where}: duplicates row {seen[key]} on the key {keys} = {key}")
            seen.setdefault(key, number)
    return problems


# --- loading -------------------------------------------------------------------------------

_DTYPES = {"integer": "Int64", "number": "float64", "year": "Int64", "boolean": "boolean"}


@cache
def _load(name: str, data_dir: str) -> pd.DataFrame:
    problems = check(name, Path(data_dir))
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise DataError(f"table {name!r} does not match its schema:\n  {shown}{more}")
    res = resource(name, Path(data_dir))
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _DTYPES.get(f.get("type"), "string") for f in fields if f.get("type") != "date"}
    frame = pd.read_csv(Path(data_dir) / res["path"], dtype=dtypes, keep_default_na=False,
                        na_values={f["name"]: [""] for f in fields if f.get("type") in _DTYPES})
    for f in fields:
        if f.get("type") == "date":
            frame[f["name"]] = pd.to_datetime(frame[f["name"]].replace("", None))
    return frame


# Tables loaded in this process, in order: what a chapter's "data as of" line reports.
_LOADED: dict[str, None] = {}


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One table of the data package as a DataFrame, after checking it against its schema.

    >>> trade = load("trade_usd")          # doctest: +SKIP
    """
    frame = _load(name, str(data_dir)).copy()
    _LOADED.setdefault(name, None)
    return frame


# --- how recent the data are --------------------------------------------------------------

# The column that dates a row, in order of preference: a table's period is the first of these
# it has. Dates are ISO text (YYYY, YYYY-MM or YYYY-MM-DD), so they sort as text.
PERIOD_COLUMNS = ["year", "date", "period", "statement_date", "field_date"]


def latest(name: str, data_dir: Path = DATA_DIR) -> str:
    """The latest period a table covers, as ISO text ("2025", "2026-04", "2025-02-24")."""
    frame = _load(name, str(data_dir))
    column = next((c for c in PERIOD_COLUMNS if c in frame.columns), None)
    if column is None:
        raise KeyError(f"table {name!r} has no period column ({', '.join(PERIOD_COLUMNS)})")
    values = frame[column].dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.max().strftime("%Y-%m-%d")
    texts = values.astype(str).str.extract(r"(\d{4}(?:-\d{2}){0,2})")[0].dropna()
    return max(texts, key=lambda s: (s[:4], s))


def as_of(names: list[str] | None = None, data_dir: Path = DATA_DIR) -> str:
    """'table to period' for each table (by default every table loaded so far), for a page's
    "data as of" line."""
    chosen = list(_LOADED) if names is None else names
    dated = [n for n in chosen if any(c in [f["name"] for f in resource(n, data_dir)["schema"]["fields"]]
                                      for c in PERIOD_COLUMNS)]
    return "; ".join(f"{n} to {latest(n, data_dir)}" for n in dated)


def sources(frame: pd.DataFrame) -> list[str]:
    """Distinct 'publisher (date)' strings for the rows of a loaded table, in order."""
    seen: dict[str, None] = {}
    for publisher, when in zip(frame["source_publisher"], frame["source_date"], strict=False):
        seen.setdefault(f"{publisher} ({when})", None)
    return list(seen)


def weak_source(frame: pd.DataFrame) -> pd.Series:
    """True for rows whose figure rests on a weaker tier (state media, a mirror) with no strong
    corroboration: what a chart should mark."""
    corroborated = frame["corroboration_tier"].isin(STRONG_TIERS) if "corroboration_tier" in frame else False
    return ~frame["source_tier"].isin(STRONG_TIERS) & ~corroborated


# What a chart's tooltip and data table say of a weak row's source, by tier.
WEAK_WORDS = {"state_media": "state media only, not yet independently confirmed",
              "mirror_or_aggregator": "a copy only (original not found), not yet independently confirmed"}
STRONG_WORDS = "official, research or independent"


def source_check(frame: pd.DataFrame) -> pd.Series:
    """In words, how strong each row's source is (for a chart's tooltip and data table)."""
    weak = weak_source(frame)
    return frame["source_tier"].map(WEAK_WORDS).where(weak, STRONG_WORDS).fillna(STRONG_WORDS)


COMPUTED_WEAK_WORDS = "computed from a figure that rests on state media or a copy only"


def weak_where_any(frame: pd.DataFrame, by: str | list[str]) -> pd.Series:
    """For figures computed from several rows (a difference, a sum, an index): weak where any
    row they use is weak, indexed by ``by``. A chart of such figures keeps it as ``weak_source``."""
    return weak_source(frame).groupby([frame[c] for c in ([by] if isinstance(by, str) else by)]).any()


def with_source_check(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with ``weak_source`` (a flag a chart marks) and ``source_check`` (its words)."""
    frame = frame.copy()
    if "source_tier" in frame.columns:
        frame["weak_source"] = weak_source(frame)
        frame["source_check"] = source_check(frame)
    elif "weak_source" in frame.columns and "source_check" not in frame.columns:
        frame["weak_source"] = frame["weak_source"].astype(bool)
        frame["source_check"] = frame["weak_source"].map({True: COMPUTED_WEAK_WORDS, False: STRONG_WORDS})
    return frame


def drop_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """The table without its bookkeeping columns: what a chart needs to embed. ``source_tier``
    stays, with ``weak_source`` and ``source_check`` (see ``with_source_check``), so that a chart
    can mark figures that rest on a weaker source."""
    frame = with_source_check(frame)
    drop = SOURCE_COLUMNS + TRACE_COLUMNS[1:] + ["note"]
    return frame.drop(columns=[c for c in drop if c in frame.columns])

"""Check a student's chart by what it draws, not by the rows it happens to embed.

The exercises' chart questions are graded on the chart's Vega-Lite JSON (``chart.to_dict()``):
the mark, each encoding's field, type and aggregate, the points actually plotted (the embedded
rows after the chart's own ``transform_*`` steps and the encodings' aggregates), and the scales
(a zero baseline for bars, no reversed or clipped axis), the sort order and one series per line.
Every helper takes an Altair chart, a Vega-Lite dict, or that dict as JSON text: the grader may
hand hidden tests either.

The helpers raise ``ChartProblem`` (``AssertionError`` itself) whose message is the hint a
student reads: what is wrong and where to look, never the expected values. Transforms the
checker cannot evaluate (window, lookup, selections...) fail with a message that says so,
rather than being passed unchecked.
"""

from __future__ import annotations

import ast
import json
import math
import numbers
import re

import pandas as pd

SHORT_TYPES = {"Q": "quantitative", "O": "ordinal", "N": "nominal", "T": "temporal"}
SERIES_CHANNELS = ("color", "detail", "strokeDash", "shape", "opacity", "size")
GROUPING_CHANNELS = ("x", "y", "x2", "y2", "color", "detail", "strokeDash", "shape", "opacity",
                     "size", "tooltip", "text", "row", "column", "facet")


# What is wrong with a chart, worded as a hint for the student. A plain AssertionError, so that
# grader.check shows it like every other test's hint ("AssertionError: ...").
ChartProblem = AssertionError


# --- the spec --------------------------------------------------------------------------------

def spec(chart, name: str = "chart") -> dict:
    """The Vega-Lite dict of an Altair chart, a dict, or JSON text; a hint if it is none."""
    if chart is ... or chart is None:
        raise ChartProblem(f"{name} is still {chart!r}: build it with alt.Chart(table).mark_...().encode(...)")
    if isinstance(chart, str):
        try:
            chart = json.loads(chart)
        except ValueError:
            raise ChartProblem(f"{name} is text, not a chart: build it with alt.Chart(table)") from None
    if hasattr(chart, "to_dict") and not isinstance(chart, dict):
        try:
            chart = chart.to_dict()
        except Exception as err:  # Altair's validation error: say it in one line
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ChartProblem(f"{name} cannot be drawn: {first}") from None
    if not isinstance(chart, dict):
        raise ChartProblem(f"{name} should be an Altair chart, not a {type(chart).__name__}: "
                           "build it with alt.Chart(table)")
    if any(key in chart for key in ("hconcat", "vconcat", "concat", "repeat")):
        raise ChartProblem(f"{name} puts several charts side by side: draw one chart")
    return chart


def _view(vl: dict) -> dict:
    """The single view that draws (a layered chart: its one layer with a mark)."""
    if "layer" in vl:
        layers = [layer for layer in vl["layer"] if isinstance(layer, dict)]
        if len(layers) != 1:
            raise ChartProblem("the chart has several layers: draw one mark, without layering charts")
        merged = {**{k: v for k, v in vl.items() if k != "layer"}, **layers[0]}
        merged["encoding"] = {**vl.get("encoding", {}), **layers[0].get("encoding", {})}
        return merged
    if "facet" in vl and "spec" in vl:
        raise ChartProblem("the chart is faceted into small multiples: draw one chart")
    return vl


def mark(chart) -> str | None:
    """The mark type (``"bar"``, ``"line"``...)."""
    view = _view(spec(chart))
    value = view.get("mark")
    return value.get("type") if isinstance(value, dict) else value


def encoding(chart, channel: str) -> dict:
    """One channel's definition (field, type, aggregate, scale, sort...), ``{}`` if absent.

    A tooltip given as a list of fields returns the first; shorthand strings are expanded."""
    definition = _view(spec(chart)).get("encoding", {}).get(channel) or {}
    if isinstance(definition, list):
        definition = definition[0] if definition else {}
    if isinstance(definition, str):
        definition = _shorthand(definition)
    if isinstance(definition.get("field"), str) and ":" in definition["field"] and "type" not in definition:
        definition = {**definition, **_shorthand(definition["field"])}
    return definition


def _shorthand(text: str) -> dict:
    match = re.fullmatch(r"(?:(\w+)\((\w*)\)|([^:]+))(?::([QONT]))?", text)
    if not match:
        return {"field": text}
    aggregate, inner, plain, kind = match.groups()
    out = {"field": inner if aggregate else plain}
    if aggregate:
        out["aggregate"] = aggregate
        if not inner:
            out.pop("field")
    if kind:
        out["type"] = SHORT_TYPES[kind]
    return out


def title(chart) -> str:
    value = spec(chart).get("title") or _view(spec(chart)).get("title")
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        value = " ".join(map(str, value))
    return str(value or "").strip()


# --- assertions on the form ------------------------------------------------------------------

def expect_mark(chart, allowed, hint: str = "") -> None:
    allowed = [allowed] if isinstance(allowed, str) else list(allowed)
    found = mark(chart)
    if found not in allowed:
        wanted = " or ".join(f".mark_{m}()" for m in allowed)
        raise ChartProblem(f"The mark is {found!r}: use {wanted}" + (f" {hint}" if hint else ""))


def expect_field(chart, channel: str, fields, types=None, aggregate=None, hint: str = "") -> dict:
    """The channel encodes one of ``fields``, with one of ``types``, aggregated as said (None: not)."""
    fields = [fields] if isinstance(fields, str) else list(fields)
    definition = encoding(chart, channel)
    if not definition:
        raise ChartProblem(f"The chart encodes nothing on {channel}: put {fields[0]} on it with "
                           f"encode({channel}=...)" + (f". {hint}" if hint else ""))
    if definition.get("field") not in fields:
        raise ChartProblem(f"The {channel} channel shows {definition.get('field') or definition.get('value')!r}: "
                           f"put {fields[0]} on it" + (f". {hint}" if hint else ""))
    if types is not None:
        types = [types] if isinstance(types, str) else list(types)
        types = [SHORT_TYPES.get(t, t) for t in types]
        if definition.get("type") not in types:
            raise ChartProblem(f"{fields[0]} on {channel} is encoded as {definition.get('type')!r} data: "
                               f"write it as {types[0]} (e.g. \"{fields[0]}:{types[0][0].upper()}\")")
    if definition.get("aggregate") != aggregate:
        if aggregate is None:
            raise ChartProblem(f"{channel} aggregates {fields[0]} with {definition.get('aggregate')!r}: "
                               "plot the values themselves, without sum/mean/count")
        raise ChartProblem(f"{channel} should show the {aggregate} of {fields[0]}")
    if definition.get("bin") or definition.get("timeUnit"):
        raise ChartProblem(f"{channel} bins or rounds {fields[0]} (bin/timeUnit): plot the values themselves")
    return definition


def expect_title(chart) -> None:
    if not title(chart):
        raise ChartProblem("Give the chart a title with .properties(title=...)")


# --- the data actually plotted -----------------------------------------------------------------

def rows(chart) -> pd.DataFrame:
    """The rows the chart draws from: its data after its own transforms, in order."""
    vl = spec(chart)
    view = _view(vl)
    data = view.get("data") or vl.get("data") or {}
    if "values" in data:
        values = data["values"]
    elif "name" in data and data["name"] in vl.get("datasets", {}):
        values = vl["datasets"][data["name"]]
    elif not data:
        raise ChartProblem("the chart has no data: start from alt.Chart(table)")
    else:
        raise ChartProblem("the chart reads its data from a file or URL: pass it a table, alt.Chart(table)")
    table = pd.DataFrame(values)
    for step in view.get("transform", []):
        table = _transform(table, step)
    return table.reset_index(drop=True)


def points(chart, channels=None) -> pd.DataFrame:
    """What is plotted: one column per encoded channel (``x``, ``y``, ``color``...), one row per mark
    item, after the transforms and after the encodings' own aggregates."""
    vl = spec(chart)
    enc = {name: encoding(vl, name) for name in _view(vl).get("encoding", {})}
    enc = {name: d for name, d in enc.items() if d.get("field") or d.get("aggregate")}
    table = rows(vl)
    for name, d in enc.items():
        if d.get("bin") or d.get("timeUnit"):
            raise ChartProblem(f"{name} bins or rounds its field (bin/timeUnit): the checker reads plain fields; "
                               "prepare the column with pandas")
        if d.get("field") and d["field"] not in table.columns:
            raise ChartProblem(f"{name} encodes {d['field']!r}, which is not a column of the chart's data")
    aggregated = {name: d for name, d in enc.items() if d.get("aggregate")}
    plain = {name: d for name, d in enc.items() if not d.get("aggregate")}
    if aggregated:
        keys = list(dict.fromkeys(d["field"] for d in plain.values()))
        grouped = table.groupby(keys, dropna=False, sort=False) if keys else None
        out = {}
        for name, d in aggregated.items():
            out[name] = _aggregate(table, grouped, d["aggregate"], d.get("field"))
        result = pd.DataFrame(out).reset_index() if keys else pd.DataFrame({k: [v] for k, v in out.items()})
        for name, d in plain.items():
            result[name] = result[d["field"]]
    else:
        result = pd.DataFrame({name: table[d["field"]] for name, d in enc.items()})
    wanted = [c for c in (channels or enc) if c in enc]
    missing = [c for c in (channels or []) if c not in enc]
    if missing:
        raise ChartProblem(f"The chart encodes nothing on {missing[0]}")
    return result[wanted].reset_index(drop=True)


def expect_points(chart, expected: pd.DataFrame, what: str = "the table's values", tolerance: float = 0.01) -> None:
    """The plotted points equal ``expected`` (columns named by channel), as a set.

    The messages say which part differs (points missing, extra, values changed), not the values."""
    got = points(chart, list(expected.columns))
    got_rows = [tuple(_norm(v) for v in row) for row in got.itertuples(index=False)]
    want_rows = [tuple(_norm(v) for v in row) for row in expected.itertuples(index=False)]
    unmatched_want, unmatched_got = list(want_rows), []
    for row in got_rows:
        index = next((i for i, w in enumerate(unmatched_want) if _close(row, w, tolerance)), None)
        if index is None:
            unmatched_got.append(row)
        else:
            del unmatched_want[index]
    if not unmatched_want and not unmatched_got:
        return
    key = expected.columns[0]
    got_keys, want_keys = [r[0] for r in got_rows], [r[0] for r in want_rows]
    if len(set(got_keys)) < len(got_keys) and len(set(want_keys)) == len(want_keys):
        raise ChartProblem(f"Several marks share the same {key}: the chart plots more than one value per {key} "
                           f"(did you keep rows of other series, or mix two series?). It should show {what}")
    if len(got_rows) < len(want_rows):
        raise ChartProblem(f"{len(want_rows) - len(got_rows)} of the {len(want_rows)} expected marks are missing: "
                           f"does a filter hide some? The chart should show {what}")
    if len(got_rows) > len(want_rows):
        raise ChartProblem(f"The chart plots {len(got_rows) - len(want_rows)} more mark(s) than it should: "
                           f"keep only {what}")
    row = unmatched_got[0]
    near = next((w for w in unmatched_want if w[0] == row[0]), None)
    channel = key if near is None else next(
        (c for c, a, b in zip(expected.columns, row, near, strict=True) if not _close((a,), (b,), tolerance)), key)
    raise ChartProblem(f"The values on {channel} differ from the data: plot {what} as they are "
                       "(no factor, calculation or aggregation that changes them)")


def _norm(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).normalize() if value.tzinfo else value.normalize()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d(-\d\d)?([T ][\d:.]+)?Z?", value):
        return pd.Timestamp(value.rstrip("Z")).normalize()
    return str(value)


def _close(a, b, tolerance) -> bool:
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) and isinstance(y, float):
            if not (math.isclose(x, y, abs_tol=tolerance) or (math.isnan(x) and math.isnan(y))):
                return False
        elif x != y:
            return False
    return True


# --- scales, sort, series ---------------------------------------------------------------------

def expect_honest_scales(chart) -> None:
    """No reversed axis; no axis clipped to hide plotted values; bars and areas start at zero."""
    vl = spec(chart)
    kind = mark(vl)
    plotted = None
    for channel in ("x", "y"):
        d = encoding(vl, channel)
        scale = d.get("scale") or {}
        if scale.get("reverse"):
            raise ChartProblem(f"The {channel} axis is reversed (scale reverse=True): draw it the usual way round")
        if d.get("type") != "quantitative":
            continue
        domain = scale.get("domain")
        low = domain[0] if isinstance(domain, list) and len(domain) == 2 else scale.get("domainMin")
        high = domain[1] if isinstance(domain, list) and len(domain) == 2 else scale.get("domainMax")
        if isinstance(low, numbers.Real) and isinstance(high, numbers.Real) and low > high:
            raise ChartProblem(f"The {channel} axis runs backwards (its domain goes from high to low)")
        if kind in ("bar", "area"):
            if scale.get("zero") is False or scale.get("type") in ("log", "sqrt", "pow", "symlog"):
                raise ChartProblem(f"The bars' {channel} axis does not start at zero: a bar's length must be "
                                   "its value (remove zero=False, type='log' or the domain)")
            if isinstance(low, numbers.Real) and low > 0:
                raise ChartProblem(f"The bars' {channel} axis starts above zero: a bar's length must be its value")
        if isinstance(low, numbers.Real) or isinstance(high, numbers.Real):
            if plotted is None:
                plotted = points(vl)
            values = pd.to_numeric(plotted.get(channel), errors="coerce").dropna()
            if len(values) and ((isinstance(low, numbers.Real) and values.min() < low)
                                or (isinstance(high, numbers.Real) and values.max() > high)):
                raise ChartProblem(f"The {channel} axis's domain cuts off some of the plotted values: "
                                   "widen or remove scale(domain=...)")


def expect_sorted(chart, channel: str = "x") -> None:
    """The channel runs in its natural ascending order (years left to right)."""
    d = encoding(chart, channel)
    order = d.get("sort")
    if order is None or order == "ascending":
        return
    if order == "descending" or (isinstance(order, dict) and order.get("order") == "descending") \
            or (isinstance(order, str) and order.lstrip("-") in GROUPING_CHANNELS):
        raise ChartProblem(f"The {channel} axis is sorted another way (sort={order!r}): keep the natural "
                           "order, earliest first")
    if isinstance(order, list) and [_norm(v) for v in order] != sorted(_norm(v) for v in order):
        raise ChartProblem(f"The {channel} axis has a hand-written order (sort=[...]) that is not ascending")


def expect_one_series_per_line(chart, x: str = "x") -> None:
    """Each line or area joins one series: no x value twice within a line (a zigzag)."""
    vl = spec(chart)
    if mark(vl) not in ("line", "area", "trail"):
        return
    plotted = points(vl)
    series = [c for c in SERIES_CHANNELS if c in plotted.columns]
    groups = plotted.groupby(series, dropna=False) if series else [((), plotted)]
    for _, group in groups:
        if group[x].map(_norm).duplicated().any():
            raise ChartProblem("One line goes through several values for the same " + x + ": it mixes "
                               "series. Give each series its own line (encode color=... by the column that "
                               "tells them apart), or keep only the series asked for")


# --- transforms evaluated in Python -------------------------------------------------------------

def _transform(table: pd.DataFrame, step: dict) -> pd.DataFrame:
    if "filter" in step:
        keep = [bool(_predicate(step["filter"], row)) for row in table.to_dict("records")]
        return table[keep] if len(table) else table
    if "calculate" in step:
        function = _expression(step["calculate"])
        table = table.copy()
        table[step["as"]] = [function(row) for row in table.to_dict("records")]
        return table
    if "aggregate" in step:
        groupby = step.get("groupby", [])
        grouped = table.groupby(groupby, dropna=False, sort=False) if groupby else None
        out = {}
        for spec_ in step["aggregate"]:
            name = spec_.get("as") or f"{spec_['op']}_{spec_.get('field', '')}".rstrip("_")
            out[name] = _aggregate(table, grouped, spec_["op"], spec_.get("field"))
        if groupby:
            return pd.DataFrame(out).reset_index()
        return pd.DataFrame({k: [v] for k, v in out.items()})
    if "fold" in step:
        key, value = step.get("as", ["key", "value"])
        rest = [c for c in table.columns if c not in step["fold"]]
        return table.melt(id_vars=rest, value_vars=step["fold"], var_name=key, value_name=value)
    kind = next(iter(step), "?")
    raise ChartProblem(f"The chart uses a transform_{kind} step, which the checker cannot evaluate: "
                       "prepare the table with pandas before charting it")


def _aggregate(table, grouped, op: str, field):
    ops = {"sum": "sum", "mean": "mean", "average": "mean", "median": "median", "min": "min", "max": "max",
           "count": "size", "valid": "count", "distinct": "nunique"}
    if op not in ops:
        raise ChartProblem(f"The chart aggregates with {op!r}, which the checker cannot evaluate: "
                           "compute the figure with pandas first")
    if op == "count":
        return grouped.size() if grouped is not None else len(table)
    target = grouped[field] if grouped is not None else table[field]
    return getattr(target, ops[op])()


def _predicate(predicate, row: dict) -> bool:
    if isinstance(predicate, str):
        return _truthy(_expression(predicate)(row))
    if not isinstance(predicate, dict):
        raise ChartProblem(f"The chart filters with {predicate!r}, which the checker cannot read")
    if "and" in predicate:
        return all(_predicate(p, row) for p in predicate["and"])
    if "or" in predicate:
        return any(_predicate(p, row) for p in predicate["or"])
    if "not" in predicate:
        return not _predicate(predicate["not"], row)
    if "param" in predicate or "selection" in predicate:
        raise ChartProblem("The chart filters by an interactive selection: the checker reads static charts; "
                           "filter the table with pandas")
    if "timeUnit" in predicate:
        raise ChartProblem("The chart filters with a timeUnit, which the checker cannot evaluate: filter with pandas")
    if "field" in predicate:
        value = row.get(predicate["field"])
        checks = {
            "equal": lambda v, t: v == t, "lt": lambda v, t: v < t, "lte": lambda v, t: v <= t,
            "gt": lambda v, t: v > t, "gte": lambda v, t: v >= t, "oneOf": lambda v, t: v in t,
            "range": lambda v, t: t[0] <= v <= t[1],
            "valid": lambda v, t: (v is not None and not (isinstance(v, float) and math.isnan(v))) == t,
        }
        for name, check in checks.items():
            if name in predicate:
                try:
                    return check(value, predicate[name])
                except TypeError:
                    return False
    raise ChartProblem(f"The chart filters with {predicate!r}, which the checker cannot read")


def _truthy(value) -> bool:
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


# A Vega expression is close enough to Python that, after swapping its operators, Python's own
# parser reads it; only the node types below are evaluated (no names but ``datum``, few functions).
_FUNCTIONS = {"abs": abs, "round": round, "floor": math.floor, "ceil": math.ceil, "sqrt": math.sqrt,
              "log": math.log, "exp": math.exp, "pow": pow, "min": min, "max": max,
              "toNumber": float, "toString": str, "isValid": lambda v: v is not None,
              "parseInt": int, "parseFloat": float}
_TOKENS = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(===|!==|&&|\|\||!(?!=)|\btrue\b|\bfalse\b|\bnull\b)""")
_SWAP = {"===": "==", "!==": "!=", "&&": " and ", "||": " or ", "!": " not ", "true": "True", "false": "False",
         "null": "None"}


def _expression(text: str):
    if "?" in re.sub(r"'[^']*'|\"[^\"]*\"", "", text):
        raise ChartProblem("The chart uses a conditional (?:) expression the checker cannot evaluate: "
                           "compute the column with pandas")
    source = _TOKENS.sub(lambda m: m.group(1) or _SWAP[m.group(2)], text)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        raise ChartProblem(f"The checker cannot read the expression {text!r}: compute it with pandas") from None

    def evaluate(node, datum):
        if isinstance(node, ast.Expression):
            return evaluate(node.body, datum)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id == "datum":
            return datum
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "datum":
            return datum.get(node.attr)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "datum":
            return datum.get(evaluate(node.slice, datum))
        if isinstance(node, ast.BoolOp):
            values = [evaluate(v, datum) for v in node.values]
            return all(map(_truthy, values)) if isinstance(node.op, ast.And) else any(map(_truthy, values))
        if isinstance(node, ast.UnaryOp):
            value = evaluate(node.operand, datum)
            return {ast.Not: lambda v: not _truthy(v), ast.USub: lambda v: -v, ast.UAdd: lambda v: +v}[
                type(node.op)](value)
        if isinstance(node, ast.BinOp):
            a, b = evaluate(node.left, datum), evaluate(node.right, datum)
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.Div: lambda: a / b if b else math.nan, ast.Mod: lambda: a % b}
            if type(node.op) in ops:
                return ops[type(node.op)]()
        if isinstance(node, ast.Compare):
            left = evaluate(node.left, datum)
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                right = evaluate(right_node, datum)
                compare = {ast.Eq: lambda x, y: x == y, ast.NotEq: lambda x, y: x != y,
                           ast.Lt: lambda x, y: x < y, ast.LtE: lambda x, y: x <= y,
                           ast.Gt: lambda x, y: x > y, ast.GtE: lambda x, y: x >= y}.get(type(op))
                if compare is None:
                    break
                try:
                    if not compare(left, right):
                        return False
                except TypeError:
                    return False
                left = right
            else:
                return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
            return _FUNCTIONS[node.func.id](*[evaluate(a, datum) for a in node.args])
        raise ChartProblem(f"The checker cannot evaluate {ast.unparse(node)!r} in {text!r}: "
                           "compute the column with pandas before charting")

    return lambda datum: evaluate(tree, datum)


# --- one call per question --------------------------------------------------------------------

def expect_chart(chart, mark_type, encodings: dict, expected: pd.DataFrame | None = None,
                 what: str = "the rows asked for", sort: tuple = ("x",), needs_title: bool = True) -> dict:
    """Everything a chart question asks, in the order a student fixes it.

    ``encodings`` maps a channel to a field name, or to ``(fields, types)``; ``expected`` (columns
    named by channel) is what must be plotted. Returns the Vega-Lite dict."""
    vl = spec(chart)
    expect_mark(vl, mark_type)
    for channel, wanted in encodings.items():
        fields, types = wanted if isinstance(wanted, tuple) else (wanted, None)
        expect_field(vl, channel, fields, types)
    if needs_title:
        expect_title(vl)
    if expected is not None:
        expect_points(vl, expected, what)
    expect_honest_scales(vl)
    for channel in sort:
        expect_sorted(vl, channel)
    expect_one_series_per_line(vl)
    return vl

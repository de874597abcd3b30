"""Answers as plain data: encoded inside the sandbox, rebuilt outside. No pickle crosses.

Every value becomes a tagged JSON object: numbers, strings, lists, dicts, ``None`` and ``...``
as themselves; numpy scalars with their dtype; pandas tables and series as JSON in pandas'
``table`` orientation; Altair charts as their Vega-Lite spec (``chart.to_dict()``). Anything
else becomes a placeholder that no test accepts. Encoding runs among the student's objects, so
what it yields is only as trustworthy as the student: it is data, judged like an answer typed
in. Decoding builds fresh objects from that data and never calls student code.
"""

from __future__ import annotations

import copy
import json
import math

MAX_DEPTH = 32
MAX_ITEMS = 200_000          # values in one answer (nested), beyond which it is cut
NUMPY_DTYPES = {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint64", "uint32",
                "uint16", "uint8", "bool"}


class _Budget:
    def __init__(self):
        self.left = MAX_ITEMS

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ValueError("too large")


def _type_name(value) -> str:
    kind = type(value)
    return f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', '?')}"[:120]


def encode(value, depth: int = 0, budget: _Budget | None = None) -> dict:
    """One answer as tagged plain data (runs inside the sandbox)."""
    budget = budget or _Budget()
    budget.spend()
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if value is None:
        return {"t": "none"}
    module = type(value).__module__ or ""
    if module.startswith("numpy") and hasattr(value, "dtype") and getattr(value, "shape", None) == ():
        # before float: numpy's float64 is a float subclass, and tests may tell them apart
        return {"t": "numpy", "dtype": str(value.dtype), "v": encode(value.item(), depth + 1, budget)}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(value, bool):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, int):
        return {"t": "int", "v": str(int(value))}
    if isinstance(value, float):
        return {"t": "float", "v": repr(float(value))}
    if isinstance(value, str):
        return {"t": "str", "v": str.__str__(value)}
    if isinstance(value, (list, tuple)):
        tag = "tuple" if isinstance(value, tuple) else "list"
        return {"t": tag, "v": [encode(item, depth + 1, budget) for item in list(value)]}
    if isinstance(value, dict):
        return {"t": "dict", "v": [[encode(k, depth + 1, budget), encode(v, depth + 1, budget)]
                                   for k, v in list(value.items())]}
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(value, (pd.DataFrame, pd.Series)):
            budget.left -= int(value.size)
            if budget.left < 0:
                raise ValueError("too large")
            if isinstance(value, pd.Series):
                return {"t": "series", "orient": "split", "v": value.to_json(orient="split")}
            try:  # the table orientation keeps column types
                return {"t": "frame", "orient": "table", "v": value.to_json(orient="table")}
            except Exception:
                return {"t": "frame", "orient": "split", "v": value.to_json(orient="split")}
    if module.startswith("altair") and hasattr(value, "to_dict"):
        return {"t": "chart", "class": type(value).__name__, "v": value.to_dict()}
    return {"t": "other", "type": _type_name(value)}


def encode_all(namespace: dict, names: list[str]) -> dict:
    """The named variables (missing ones left out); a value that cannot be encoded is a placeholder."""
    answers = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            answers[name] = encode(namespace[name])
        except BaseException as err:  # noqa: BLE001 - a hostile object may raise anything
            answers[name] = {"t": "other", "type": f"unexportable ({type(err).__name__})"}
    return answers


# --- outside: plain data back to values -------------------------------------------------------

class Unexportable:
    """Stands for an answer that is not plain data: equal to nothing, true for no test."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<a {self.type_name} object, which the grader cannot read>"

    def __eq__(self, other) -> bool:
        return False

    __hash__ = object.__hash__


class ChartData:
    """An Altair chart as its Vega-Lite spec: what tests read of a chart is ``to_dict()``."""

    def __init__(self, spec: dict, class_name: str = "Chart"):
        self._spec, self.class_name = spec, class_name

    def to_dict(self, *args, **kwargs) -> dict:
        return copy.deepcopy(self._spec)

    def to_json(self, *args, **kwargs) -> str:
        return json.dumps(self._spec)

    def __repr__(self) -> str:
        return f"alt.{self.class_name}(...)"


def decode(data, depth: int = 0):
    """Rebuild one answer from its tagged form (runs outside, on data only)."""
    if depth > MAX_DEPTH + 2 or not isinstance(data, dict):
        return Unexportable("malformed answer")
    tag = data.get("t")
    value = data.get("v")
    if tag == "none":
        return None
    if tag == "ellipsis":
        return Ellipsis
    if tag == "bool" and isinstance(value, bool):
        return value
    if tag == "int" and isinstance(value, str) and len(value) <= 4000:
        return int(value)
    if tag == "float" and isinstance(value, str) and len(value) <= 40:
        number = float(value)
        return number if not math.isnan(number) else float("nan")
    if tag == "str" and isinstance(value, str):
        return value
    if tag in ("list", "tuple") and isinstance(value, list):
        items = [decode(item, depth + 1) for item in value]
        return tuple(items) if tag == "tuple" else items
    if tag == "dict" and isinstance(value, list):
        out = {}
        for pair in value:
            if isinstance(pair, list) and len(pair) == 2:
                key = decode(pair[0], depth + 1)
                try:
                    out[key] = decode(pair[1], depth + 1)
                except TypeError:  # an unhashable key
                    return Unexportable("dict")
        return out
    if tag == "numpy" and data.get("dtype") in NUMPY_DTYPES:
        import numpy as np

        inner = decode(value, depth + 1)
        if isinstance(inner, (bool, int, float)):
            return np.dtype(data["dtype"]).type(inner)
    if tag in ("frame", "series") and isinstance(value, str) and data.get("orient") in ("table", "split"):
        import io

        import pandas as pd

        kind = "frame" if tag == "frame" else "series"
        try:
            return pd.read_json(io.StringIO(value), orient=data["orient"], typ=kind)
        except Exception:
            return Unexportable(f"pandas {kind}")
    if tag == "chart" and isinstance(value, dict):
        return ChartData(value, str(data.get("class", "Chart"))[:40])
    return Unexportable(str(data.get("type", tag))[:120])


def decode_all(answers) -> dict:
    if not isinstance(answers, dict):
        return {}
    return {str(name): decode(value) for name, value in answers.items() if isinstance(name, str)}

"""Numbers typed by hand into chart descriptions: python -m tools.typed_numbers [notebook ...].

A chart's description is what a screen-reader user hears instead of the chart, so its numbers
must follow the data. This reads every ``publish(..., description=...)`` call in the book's
notebooks and lists the numbers that sit in the description's literal text (the parts of a
string or f-string that are not ``{...}`` fields): those are typed, not computed.

What counts as typed: any number in the literal text, years included ("in 2024"); a year or
date said in a description comes from the data like any other figure. What does not count:
numbers in the code that fills the fields (``{share[2021]:.1f}`` selects a row: the value is
read from the data, and a year the data lacks fails the cell loudly), and numbers that are
part of a name ("Power of Siberia 1", "a 12-point plan", see ``chart_text.NAMES``).
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from sinorussia.chart_text import stated_numbers

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ("chapters/*.ipynb", "primer/*.ipynb", "appendix/*.ipynb")


@dataclass(frozen=True)
class Description:
    notebook: str
    cell: int
    title: str
    typed: tuple[str, ...]


def _is_format_spec(const: ast.Constant, root: ast.AST) -> bool:
    """True for the '.1f' of {x:.1f}: a format, not text."""
    for sub in ast.walk(root):
        if isinstance(sub, ast.FormattedValue) and sub.format_spec is not None:
            if any(c is const for c in ast.walk(sub.format_spec)):
                return True
    return False


def _inside_fields(root: ast.AST) -> set[int]:
    """ids of string constants used as code inside {...} fields (dict keys, labels)."""
    inner = set()
    for sub in ast.walk(root):
        if isinstance(sub, ast.FormattedValue):
            inner |= {id(c) for c in ast.walk(sub.value) if isinstance(c, ast.Constant)}
    return inner


def descriptions(path: Path) -> list[Description]:
    """Every chart description in one notebook, with the numbers typed into its text."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "publish(" not in source:
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError as error:
            raise SyntaxError(f"{path.name} cell {index}: {error}") from None
        for call in ast.walk(tree):
            name = getattr(call.func, "attr", getattr(call.func, "id", "")) if isinstance(call, ast.Call) else ""
            if name != "publish":
                continue
            args = {k.arg: k.value for k in call.keywords}
            if "description" not in args:
                continue
            inner = _inside_fields(args["description"])
            text = " ".join(
                c.value for c in ast.walk(args["description"])
                if isinstance(c, ast.Constant) and isinstance(c.value, str) and id(c) not in inner
                and not _is_format_spec(c, args["description"]))
            title = args.get("title")
            shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            found.append(Description(shown, index,
                                     title.value if isinstance(title, ast.Constant) else "(computed title)",
                                     tuple(stated_numbers(text))))
    return found


def book_notebooks() -> list[Path]:
    return sorted(p for pattern in NOTEBOOKS for p in ROOT.glob(pattern))


def main() -> None:
    paths = [Path(a).resolve() for a in sys.argv[1:]] or book_notebooks()
    every = [d for p in paths for d in descriptions(p)]
    for d in every:
        if d.typed:
            print(f"{d.notebook} cell {d.cell} ({d.title}): {len(d.typed)} typed: {', '.join(d.typed)}")
    typed = sum(len(d.typed) for d in every)
    print(f"{len(every)} descriptions, {sum(1 for d in every if d.typed)} with typed numbers, {typed} typed numbers")


if __name__ == "__main__":
    main()

"""Readers can open every chart's code; plumbing stays out of sight (see tools/show_code.py)."""

from __future__ import annotations

import ast
import json

import pytest

from sinorussia import ROOT

pytestmark = pytest.mark.fast

BOOK_FOLDERS = ("primer", "chapters", "appendix")
REMOVED = {"remove-input", "remove-cell"}


def _calls_chart_policy(source: str) -> bool:
    """True if the cell calls charts.publish(...) or charts.render(...) (read from its syntax tree)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    for node in ast.walk(ast.parse("\n".join(lines))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("publish", "render")
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "charts"):
            return True
    return False


def _cells():
    for folder in BOOK_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] == "code":
                    yield (f"{path.relative_to(ROOT)} cell {cell.get('id')}", set(cell["metadata"].get("tags", [])),
                           _calls_chart_policy("".join(cell["source"])))


def test_every_chart_cell_shows_its_code_behind_a_toggle():
    charts = [(where, tags) for where, tags, is_chart in _cells() if is_chart]
    assert len(charts) >= 30, f"too few chart cells found ({len(charts)}): is the detection broken?"
    removed = [where for where, tags in charts if tags & REMOVED]
    assert not removed, f"chart cells whose code readers cannot open (run python -m tools.show_code): {removed}"
    # The primer shows its code openly; everywhere else the code sits behind the toggle.
    untoggled = [where for where, tags in charts if not where.startswith("primer") and "hide-input" not in tags]
    assert not untoggled, f"chart cells without the show-code toggle (tag hide-input): {untoggled}"


def test_only_chart_cells_are_toggled():
    """Plumbing (set-up, glue, hidden assertions, quizzes) stays removed, not behind a toggle."""
    toggled = [where for where, tags, is_chart in _cells() if "hide-input" in tags and not is_chart]
    assert not toggled, f"cells behind a show-code toggle that draw no chart: {toggled}"


def test_the_transform_is_idempotent(tmp_path, monkeypatch):
    """Re-running the tool after a merge changes nothing more, and a removed chart cell gets the toggle."""
    from tools import show_code

    chapter = json.loads((ROOT / "chapters" / "02-record-trade.ipynb").read_text(encoding="utf-8"))
    chart = next(c for c in chapter["cells"] if show_code.is_chart_cell(c))
    chart["metadata"]["tags"] = ["remove-input"]
    plumbing = {"cell_type": "code", "id": "x", "metadata": {"tags": ["remove-input"]}, "outputs": [],
                "execution_count": None, "source": ["quiz.show('02-record-trade')"]}
    chapter["cells"].append(plumbing)
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps(chapter, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert show_code.show_code(path) >= 1
    once = path.read_text(encoding="utf-8")
    assert show_code.show_code(path) == 0 and path.read_text(encoding="utf-8") == once
    cells = json.loads(once)["cells"]
    assert "hide-input" in next(c for c in cells if c.get("id") == chart["id"])["metadata"]["tags"]
    assert cells[-1]["metadata"]["tags"] == ["remove-input"]

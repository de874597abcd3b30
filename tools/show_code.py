"""Let readers open each chart's code: chart cells hidden behind a toggle, not removed.

A chart cell (one that calls ``charts.publish`` or ``charts.render``) tagged ``remove-input``
becomes ``hide-input``: the book shows the chart with a "Show code cell source" toggle above
it (a ``<details>`` element, so Enter and Space open it). Plumbing cells (set-up, glue, hidden
assertions, the quiz) keep their tags. Only the tags of chart cells change; the notebook is
written back in nbformat's own layout, so a diff shows just those lines.

    python -m tools.show_code      # deterministic; re-run after merging or adding a chapter
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHART_CALL = re.compile(r"\bcharts\.(publish|render)\(")


def is_chart_cell(cell: dict) -> bool:
    return cell["cell_type"] == "code" and bool(CHART_CALL.search("".join(cell["source"])))


def show_code(path: Path) -> int:
    """Turn remove-input into hide-input on the notebook's chart cells; returns how many changed."""
    original = path.read_text(encoding="utf-8")
    nb = json.loads(original)
    changed = 0
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if is_chart_cell(cell) and "remove-input" in tags:
            cell["metadata"]["tags"] = ["hide-input" if t == "remove-input" else t for t in tags]
            changed += 1
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def notebooks() -> list[Path]:
    """The book's pages that draw charts: primer, chapters and appendix."""
    return sorted(p for folder in ("primer", "chapters", "appendix") for p in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def main() -> int:
    counts = {p.relative_to(ROOT).as_posix(): n for p in notebooks() if (n := show_code(p))}
    print(f"chart code behind a toggle: {sum(counts.values())} cells in {len(counts)} notebooks")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

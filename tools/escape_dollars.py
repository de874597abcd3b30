"""Escape dollar signs in the chapters' Markdown, so JupyterLab does not read prices as maths.

jupyterlab-myst (MyST in JupyterLab) reads ``$…$`` as inline maths, so "$245 billion … $99
billion" became an equation there. ``\\$`` is a plain dollar sign in the book (CommonMark) and in
JupyterLab alike. Only Markdown cells of ``primer/``, ``chapters/`` and ``appendix/`` notebooks are changed
(exercise masters use real maths); code spans are left alone. Idempotent: run it again after
editing a chapter.

    python -m tools.escape_dollars [--check]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("primer", "chapters", "appendix")
# A "$" with no backslash before it, outside `code` spans (matched first and kept).
PATTERN = re.compile(r"(`+)(?:.|\n)*?\1|(?<!\\)\$")


def escape(text: str) -> str:
    return PATTERN.sub(lambda m: m.group(0) if m.group(1) else "\\$", text)


def fix(path: Path) -> bool:
    """Escape one notebook in place, keeping its JSON layout; True if it changed."""
    original = path.read_text(encoding="utf-8")
    nb = json.loads(original)
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            escaped = escape(text)
            if escaped != text:
                cell["source"] = escaped.splitlines(keepends=True) if isinstance(cell["source"], list) else escaped
    written = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    if written != original:
        path.write_text(written, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    notebooks = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
    if "--check" in argv:
        stale = [str(p.relative_to(ROOT)) for p in notebooks
                 if any(escape(t) != t for t in ("".join(c["source"]) for c in json.loads(p.read_text())["cells"]
                                                 if c["cell_type"] == "markdown"))]
        print("\n".join(f"{s}: unescaped $ in Markdown" for s in stale))
        return 1 if stale else 0
    changed = [p for p in notebooks if fix(p)]
    print(f"escaped dollar signs in {len(changed)} notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

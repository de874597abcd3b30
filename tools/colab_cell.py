"""Add (or refresh) the Colab set-up cell in every chapter and exercise master.

Colab opens a notebook alone: no data package, no helper package, its own pandas. The cell
(id ``colab-setup``, tag ``remove-cell`` so the book never shows it) does nothing outside Colab.
On Colab it fetches the module at a pinned release, installs only what Colab lacks with Colab's
own versions of its core packages held as constraints, installs the helper package without its
dependencies, and moves to the notebook's own folder. ``SINORUSSIA_SOURCE`` (any URL urllib
opens, file:// included) and ``SINORUSSIA_COLAB_DIR`` let a test point it at a local copy.

    python -m tools.colab_cell && .venv/bin/sinorussia assign   # deterministic; re-run after adding a notebook
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELL_ID = "colab-setup"
RELEASE = "v1.0.0"
ARCHIVE = f"https://github.com/sinorussia-module/reverse-kissinger-book/archive/refs/tags/{RELEASE}.tar.gz"

TEMPLATE = '''# Colab only (does nothing elsewhere): fetch the module and install what Colab lacks.
import os
import sys

if "google.colab" in sys.modules:
    import io
    import subprocess
    import tarfile
    import urllib.request
    from importlib import metadata

    home = os.environ.get("SINORUSSIA_COLAB_DIR", "/content/sinorussia")
    if not os.path.isdir(home):
        source = os.environ.get("SINORUSSIA_SOURCE", "{archive}")
        with tarfile.open(fileobj=io.BytesIO(urllib.request.urlopen(source).read())) as archive:
            archive.extractall(home + ".tmp", filter="data")
        os.rename(os.path.join(home + ".tmp", os.listdir(home + ".tmp")[0]), home)
    try:
        metadata.version("sinorussia")  # installed by an earlier run of this cell
    except metadata.PackageNotFoundError:
        keep = [f"{{name}}=={{metadata.version(name)}}" for name in ("pandas", "numpy", "ipykernel", "ipython")]
        open("/tmp/colab-keep.txt", "w").write("\\n".join(keep))  # Colab's own versions stay
        pip = [sys.executable, "-m", "pip", "install", "-q", "-c", "/tmp/colab-keep.txt"]
        subprocess.run(pip + ["-r", os.path.join(home, "binder", "colab.txt")], check=True)
        subprocess.run(pip + ["--no-deps", home], check=True)
    os.environ["SINORUSSIA_ROOT"] = home
    os.chdir(os.path.join(home, "{folder}"))'''


def cell_source(folder: str) -> str:
    return TEMPLATE.format(archive=ARCHIVE, folder=folder)


def add(path: Path) -> bool:
    """Insert or refresh the cell before the notebook's first code cell; True if it changed."""
    original = path.read_text(encoding="utf-8")
    nb = json.loads(original)
    folder = path.parent.relative_to(ROOT).as_posix()
    if folder == "exercises/masters":  # the student version lives in exercises/NN-slug/
        folder = f"exercises/{path.stem}"
    source = cell_source(folder)
    cell = {"cell_type": "code", "execution_count": None, "id": CELL_ID,
            "metadata": {"tags": ["remove-cell"]}, "outputs": [],
            "source": source.splitlines(keepends=True)}
    existing = [i for i, c in enumerate(nb["cells"]) if c.get("id") == CELL_ID]
    if existing:
        nb["cells"][existing[0]] = cell
    else:
        first_code = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
        nb["cells"].insert(first_code, cell)
    written = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    if written != original:
        path.write_text(written, encoding="utf-8")
        return True
    return False


def notebooks() -> list[Path]:
    """The primer, chapters and exercise masters (`sinorussia assign` carries the cell to the students)."""
    return (sorted((ROOT / "primer").glob("*.ipynb")) + sorted((ROOT / "chapters").glob("*.ipynb"))
            + sorted((ROOT / "exercises" / "masters").glob("*.ipynb")))


def main() -> int:
    changed = [p for p in notebooks() if add(p)]
    print(f"Colab set-up cell added or refreshed in {len(changed)} notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main())

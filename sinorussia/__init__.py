"""Shared helpers for the module's notebooks: data loading, chart policy, quizzes, grading.

``ROOT`` is the module's repository folder (``data/``, ``chapters/``, ``exercises/``) and
``DATA_DIR`` its data package. They are found however the package is installed: from a
checkout (editable install), or installed into site-packages (``pip install .``, as Binder
does) and used from inside a copy of the repository (a notebook's own folder, Colab's copy).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = Path("data") / "datapackage.json"
ENV_VAR = "SINORUSSIA_ROOT"


class DataPackageNotFound(ImportError):
    """No copy of the module's repository (with its data package) could be found."""


def _candidates() -> list[Path]:
    """Where to look, in order: $SINORUSSIA_ROOT, the checkout holding this package, the
    working directory and its parents."""
    places = []
    if os.environ.get(ENV_VAR):
        places.append(Path(os.environ[ENV_VAR]).expanduser())
    places.append(Path(__file__).resolve().parent.parent)
    cwd = Path.cwd().resolve()
    places += [cwd, *cwd.parents]
    return places


def find_root() -> Path:
    """The repository folder holding ``data/datapackage.json``; one clear error if none."""
    places = _candidates()
    for place in places:
        if (place / MARKER).is_file():
            return place
    env = os.environ.get(ENV_VAR)
    raise DataPackageNotFound(
        f"sinorussia: no {MARKER.as_posix()} found in ${ENV_VAR} ({env or 'unset'}), beside the installed "
        f"package ({places[1 if env else 0]}) or in {Path.cwd()} and its parents: open the notebook from "
        f"inside the module's repository, or set {ENV_VAR} to that folder")


def __getattr__(name: str) -> Path:
    # Looked up on first use, so `sinorussia --help` and the error message work anywhere.
    if name == "ROOT":
        globals()["ROOT"] = root = find_root()
        return root
    if name == "DATA_DIR":
        globals()["DATA_DIR"] = data_dir = __getattr__("ROOT") / "data"
        return data_dir
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ROOT", "DATA_DIR", "find_root", "DataPackageNotFound"]

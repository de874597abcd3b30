"""Execute the book's notebooks on all cores before Sphinx reads them.

Jupyter Book 1 executes notebooks one after another while Sphinx reads the pages. Running
them first, in parallel, into the same execution cache (``_build/.jupyter_cache``) lets the
build take every result from the cache: a clean build is much faster on two cores. Only
notebooks whose code changed run again; a notebook that fails is reported by the build.

    python -m tools.prebuild          # then: jupyter-book build .
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from sinorussia import ROOT

CACHE_DIR = ROOT / "_build" / ".jupyter_cache"  # where Jupyter Book 1 keeps executed notebooks


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text())


def book_notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks the book executes: those in the table of contents, except the exercise
    pages, which the book shows unexecuted (``mystnb.execution_mode: off``)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    paths = [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").exists()]
    return [p for p in paths
            if json.loads(p.read_text()).get("metadata", {}).get("mystnb", {}).get("execution_mode") != "off"]


def run(root: Path = ROOT) -> int:
    """Execute the notebooks not yet in the cache, in parallel; returns how many failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(str(root / CACHE_DIR.relative_to(ROOT)))
    for notebook in book_notebooks(root):
        cache.add_nb_to_project(str(notebook))
    timeout = _config(root).get("execute", {}).get("timeout", 120)
    result = load_executor("local-parallel", cache=cache).run_and_cache(timeout=timeout)
    return len(result.excepted) + len(result.errored)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=ROOT, help="the book's folder")
    failed = run(parser.parse_args(argv).root)
    if failed:
        print(f"{failed} notebook(s) failed to execute: the book build shows where")


if __name__ == "__main__":
    main()

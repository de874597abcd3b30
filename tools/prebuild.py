"""Execute the book's notebooks on all cores before Sphinx reads them.

Jupyter Book 1 executes notebooks one after another while Sphinx reads the pages. Running
them first, in parallel, into the same execution cache (``_build/.jupyter_cache``) lets the
build take every result from the cache: a clean build is much faster on two cores. Only
notebooks whose code changed run again; a notebook that fails is reported by the build.
The cache knows only the notebooks' code, so when what they read changes (the helper package,
the data package, the quizzes) it is emptied and every notebook runs again.

    python -m tools.prebuild          # then: jupyter-book build .
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import yaml

from sinorussia import ROOT

CACHE_DIR = ROOT / "_build" / ".jupyter_cache"  # where Jupyter Book 1 keeps executed notebooks
# What the notebooks read besides their own code: a change here makes every cached result stale.
INPUTS = ("sinorussia", "data", "chapters/quizzes", "appendix/benchmark.json")


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


def inputs_digest(root: Path = ROOT) -> str:
    """A fingerprint of everything the notebooks read besides their own code."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def repository_files(root: Path = ROOT) -> list[str]:
    """The repository's files as a clone would have them (tracked, and new ones not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True).stdout.decode().split("\0")
    return sorted(name for name in listed if name and (root / name).is_file())


def sources_digest(root: Path = ROOT) -> str:
    """A fingerprint of every file of the repository a book build can read (all but the tests)."""
    digest = hashlib.sha256()
    for name in repository_files(root):
        if not name.startswith("tests/"):
            digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()


def run(root: Path = ROOT) -> int:
    """Execute the notebooks not yet in the cache, in parallel; returns how many failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache_dir = root / CACHE_DIR.relative_to(ROOT)
    stamp, digest = cache_dir / "inputs.sha256", inputs_digest(root)
    if cache_dir.exists() and (not stamp.exists() or stamp.read_text() != digest):
        shutil.rmtree(cache_dir)  # stale: results were computed from other package or data files
    cache = get_cache(str(cache_dir))
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
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

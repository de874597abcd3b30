"""Every notebook the book shows executes cleanly, once: the same execution the book build uses.

The notebooks run in parallel into the book's execution cache (``tools.prebuild``, as
``make book`` does); the build then takes every result from that cache instead of running the
notebooks again. A notebook that raises has no cached result, and its test shows the traceback.
"""

from __future__ import annotations

import re

import pytest

from sinorussia import ROOT
from tools import prebuild

pytestmark = pytest.mark.notebooks

NOTEBOOKS = prebuild.book_notebooks(ROOT)


def test_the_book_executes_its_chapters_and_appendix_notebooks():
    folders = {p.parent.name for p in NOTEBOOKS}
    assert {"chapters", "appendix"} <= folders, f"book notebooks found only in {folders}"
    assert len([p for p in NOTEBOOKS if p.parent.name == "chapters"]) >= 11


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_executes_without_error(execution_cache, path):
    cached = execution_cache.get_cached_project_nb(str(path))
    if cached is None:
        traceback = execution_cache.get_project_record(str(path)).traceback or "(no traceback recorded)"
        traceback = re.sub(r"\x1b\[[0-9;]*m", "", traceback)  # the kernel's colour codes
        pytest.fail(f"{path.relative_to(ROOT)} did not execute cleanly:\n{traceback[-4000:]}")


def test_a_change_to_what_notebooks_read_empties_the_cache(tmp_path):
    """Cached results follow the package and data they were computed from, not only the code."""
    for folder in ("sinorussia", "data", "chapters/quizzes"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "data" / "t.csv").write_text("a\n1\n")
    before = prebuild.inputs_digest(tmp_path)
    (tmp_path / "data" / "t.csv").write_text("a\n2\n")
    assert prebuild.inputs_digest(tmp_path) != before

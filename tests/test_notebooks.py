"""Notebooks as committed: no outputs, one per chapter in the article's order, every glued
number defined, every chapter complete (objectives, charts, quiz)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from sinorussia import ROOT, quiz

pytestmark = pytest.mark.fast

CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))
NOTEBOOKS = [p for folder in ("primer", "chapters", "appendix", "exercises")
             for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_committed_without_outputs(path):
    dirty = [i for i, c in enumerate(_cells(path), start=1)
             if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.relative_to(ROOT)}: cells {dirty} carry outputs (strip them)"


def test_toc_lists_chapters_in_article_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    chapters = [f for f in files if re.match(r"chapters/\d\d-", f)]
    assert chapters == sorted(chapters)
    assert [Path(f).name for f in chapters] == [p.stem for p in CHAPTERS]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_glued_name_is_defined(path):
    markdown = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    code = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "code")
    used = set(re.findall(r"\{glue(?::text)?\}`(\w+)", markdown))
    defined = {kw.arg for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call)
               and getattr(node.func, "id", getattr(node.func, "attr", "")) == "glue"
               for kw in node.keywords}
    assert used <= defined, f"{path.name}: glued in text but never computed: {sorted(used - defined)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_is_complete(path):
    cells = _cells(path)
    markdown = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert "Learning objectives" in markdown
    assert code.count("charts.publish(") >= 2, "a chapter needs at least two charts"
    assert re.search(r"alt\.(selection_point|selection_interval|param)\(", code), "no interactive chart"
    assert f'quiz.show("{path.stem}")' in code
    quiz.load(path.stem)  # raises QuizError naming the file and question if malformed
    assert "## Discuss" in markdown and "## Further reading" in markdown
    assert f"../exercises/{path.stem}/{path.stem}" in markdown, "no link to the chapter's graded exercise"


def test_a_bad_quiz_is_named(tmp_path):
    (tmp_path / "bad.json").write_text('[{"question": "Q?", "answers": [{"text": "a", "feedback": "f"}, '
                                       '{"text": "b", "feedback": "g"}]}]')
    with pytest.raises(quiz.QuizError, match=r"bad.json, question 1: no answer is marked correct"):
        quiz.load("bad", tmp_path)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_links_its_register_entries(path):
    from sinorussia import data

    markdown = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    claims = data.load("claims")
    expected = claims.loc[claims["chapter"] == int(path.stem[:2]), "claim_id"]
    missing = [c for c in expected if f"checking-the-article.html#{c}" not in markdown]
    assert not missing, f"{path.name}: the article/data box does not link register entries {missing}"

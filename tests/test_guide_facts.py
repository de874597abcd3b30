"""The instructor guide's counts, options, limits and timings are generated, and match their sources."""

from __future__ import annotations

import json
import re

import pytest

from sinorussia import ROOT
from tools import guide_facts

pytestmark = pytest.mark.fast

GUIDE = ROOT / "appendix" / "instructor-guide.md"


def test_every_snippet_is_what_the_code_and_the_benchmark_give():
    assert guide_facts.stale() == [], "run python -m tools.guide_facts and commit appendix/generated/"


def test_the_guide_includes_every_snippet():
    text = GUIDE.read_text(encoding="utf-8")
    for name in guide_facts.snippets():
        assert f"```{{include}} generated/{name}\n```" in text, f"the guide does not include generated/{name}"


def test_the_timings_are_the_published_benchmarks():
    bench = json.loads(guide_facts.BENCHMARK.read_text(encoding="utf-8"))["grading"]
    text = (guide_facts.OUT / "grading-speed.md").read_text(encoding="utf-8")
    for figure in (f"{bench['n_submissions']} submissions took {bench['sinorussia_grade_seconds']:.1f} seconds",
                   f"{bench['otter_run_sequential_seconds']:.1f} seconds for otter's",
                   f"{bench['speedup']:.1f} times faster", f"{bench['sandbox_seconds_per_submission']:.2f} seconds"):
        assert figure in text, figure


def test_a_new_benchmark_makes_the_check_fail(tmp_path, monkeypatch):
    bench = json.loads(guide_facts.BENCHMARK.read_text(encoding="utf-8"))
    bench["grading"]["speedup"] += 1
    changed = tmp_path / "benchmark.json"
    changed.write_text(json.dumps(bench))
    monkeypatch.setattr(guide_facts, "BENCHMARK", changed)
    assert guide_facts.stale() == ["grading-speed.md"]


def test_no_timing_or_limit_is_typed_into_the_guide_by_hand():
    text = GUIDE.read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)       # commands and includes aside
    typed = re.findall(r"\b\d+(?:\.\d+)?\s*(?:s|seconds|MB|times faster|submissions)\b", prose)
    assert typed == [], f"figures typed by hand in the guide: {typed}"

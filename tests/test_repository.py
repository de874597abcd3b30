"""Rules for what the repository itself holds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sinorussia import ROOT

pytestmark = pytest.mark.fast

# Package registries' hosts: dependencies are named by package and version, never by address.
REGISTRY_HOSTS = re.compile(r"pypi\.org|pythonhosted\.org|registry\.npmjs\.org|npmjs\.com|yarnpkg\.com", re.I)


def _tracked_files():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in listed.stdout.splitlines()]


def test_no_committed_file_names_a_package_registry():
    named = [str(p.relative_to(ROOT)) for p in _tracked_files()
             if p.is_file() and REGISTRY_HOSTS.search(p.read_text(errors="ignore"))]
    assert not named, f"files naming a package registry's host: {named}"


def test_no_third_party_code_is_committed():
    vendored = [str(p.relative_to(ROOT)) for p in _tracked_files()
                if p.parts[len(ROOT.parts)] in ("node_modules", ".venv", "_build") or p.suffix == ".whl"]
    assert not vendored, f"installed or built files are committed: {vendored[:5]}"


def test_code_passes_the_linter():
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run([str(ruff), "check", "--output-format", "concise", str(ROOT)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]


def test_one_ci_definition():
    """The GitHub workflow runs `.ci/run` (tier by tier) and never the tests by another road."""
    workflow = (ROOT / ".github" / "workflows" / "book.yml").read_text()
    steps = [line.split("run:", 1)[1].strip() for line in workflow.splitlines() if line.strip().startswith("run:")]
    tiers = re.search(r"tier: \[([^\]]+)\]", workflow).group(1).replace(" ", "").split(",")
    conftest = (ROOT / "tests" / "conftest.py").read_text()
    assert set(tiers) == set(re.search(r"TIERS = \(([^)]+)\)", conftest).group(1).replace('"', "")
                             .replace(" ", "").split(",")), "the workflow must run every tier"
    assert "bash .ci/run ${{ matrix.tier }}" in steps
    assert not [s for s in steps if re.search(r"\b(make test|pytest)\b", s)], steps
    assert "make test" in (ROOT / ".ci" / "run").read_text()

"""Rules for what the repository itself holds."""

from __future__ import annotations

import re
import subprocess

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

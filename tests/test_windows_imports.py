"""On Windows there is no `resource`, `fcntl`, `termios`, `pwd` or `grp`. A subprocess whose
sitecustomize makes them unimportable stands in for it: the package must import, load its data
and run the commands the README gives (`sinorussia --help`, `sinorussia assign --check`)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from launch_env import ROOT

UNIX_ONLY = ("resource", "fcntl", "termios", "pwd", "grp")

BLOCKER = f"""import sys

class _NotOnWindows:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {UNIX_ONLY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: not on Windows)", name=name)

sys.meta_path.insert(0, _NotOnWindows())
for _name in {UNIX_ONLY!r}:
    sys.modules.pop(_name, None)
"""


def _run(tmp_path, *args, timeout=120):
    (tmp_path / "sitecustomize.py").write_text(BLOCKER)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path), "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.fast
def test_the_blocker_blocks(tmp_path):
    code = (f"import importlib\nfor name in {UNIX_ONLY!r}:\n    try:\n        importlib.import_module(name)\n"
            "        print('imports', name)\n    except ModuleNotFoundError:\n        pass")
    result = _run(tmp_path, "-c", code)
    assert result.returncode == 0 and result.stdout == "", f"not blocked: {result.stdout} {result.stderr[-500:]}"


@pytest.mark.fast
def test_package_data_and_help_work_without_unix_only_modules(tmp_path):
    code = ("import sinorussia, sinorussia.data, sinorussia.cli, sinorussia.charts, sinorussia.prose;"
            "print(len(sinorussia.data.load('trade_usd')))")
    imported = _run(tmp_path, "-c", code)
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert int(imported.stdout.strip()) > 0
    helped = _run(tmp_path, "-m", "sinorussia.cli", "--help")
    assert helped.returncode == 0 and "assign" in helped.stdout, helped.stderr[-2000:]


@pytest.mark.launch
def test_assign_check_works_without_unix_only_modules(tmp_path):
    checked = _run(tmp_path, "-m", "sinorussia.cli", "assign", "--check", "02-record-trade", timeout=600)
    assert checked.returncode == 0, checked.stdout[-1000:] + checked.stderr[-2000:]

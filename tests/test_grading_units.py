"""Fast checks of the grader's parts: the answer format, the seccomp filter, Windows imports, docs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sinorussia.grading import STATUSES, answers, sandbox

pytestmark = pytest.mark.fast

ROOT = Path(__file__).resolve().parent.parent


def test_the_guide_lists_the_statuses_the_code_assigns():
    guide = (ROOT / "appendix" / "instructor-guide.md").read_text()
    section = guide[guide.index("The `status` column"):]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section.split("\n\n", 2)[1], re.M)
    assert rows == list(STATUSES.items())
    for status in STATUSES:   # and the code assigns each one it lists
        assert f'"{status}"' in "".join(p.read_text() for p in (ROOT / "sinorussia" / "grading").glob("*.py")
                                        if p.name != "__init__.py"), status


def test_the_cli_imports_without_unix_only_modules():
    """As on Windows: `resource`, `fcntl` and friends do not exist; the CLI must still start."""
    code = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('resource', 'fcntl', 'termios', 'pty', 'grp'):
            raise ImportError('no ' + name + ' here')
sys.meta_path.insert(0, Block())
import sinorussia, sinorussia.cli
from sinorussia.grading import command, gradebook, submissions, answers, otter_adapter, scheduler, sandbox, scoring
sinorussia.cli.build_parser().parse_args(['grade', 'x'])
sys.platform = 'win32'
print(sandbox.problem())
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    line = done.stdout.strip()
    assert "\n" not in line and "bubblewrap" in line and "WSL 2" in line


def test_answers_cross_as_plain_data():
    import altair as alt
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"year": [2022, 2023], "value": [190.3, 240.1], "flow": ["total", "total"]})
    chart = alt.Chart(frame).mark_line().encode(x="year:O", y="value:Q")
    values = {"n": 3, "x": 2.5, "nan": float("nan"), "s": "B", "e": ..., "none": None, "flag": True,
              "np": np.float64(49.8), "list": [1, (2, "a")], "d": {"k": [1.0]}, "frame": frame,
              "series": frame.set_index("year")["value"], "chart": chart, "f": len}
    data = json.loads(json.dumps(answers.encode_all(values, list(values) + ["missing"])))
    back = answers.decode_all(data)
    assert "missing" not in back
    assert back["n"] == 3 and back["x"] == 2.5 and back["nan"] != back["nan"] and back["s"] == "B"
    assert back["e"] is Ellipsis and back["none"] is None and back["flag"] is True
    assert type(back["np"]) is np.float64 and back["np"] == 49.8
    assert back["list"] == [1, (2, "a")] and back["d"] == {"k": [1.0]}
    pd.testing.assert_frame_equal(back["frame"], frame)
    assert back["series"].tolist() == [190.3, 240.1] and back["series"].index.tolist() == [2022, 2023]
    assert back["chart"].to_dict() == chart.to_dict()
    assert isinstance(back["f"], answers.Unexportable) and back["f"] != back["f"]


def test_a_forged_answer_is_only_as_good_as_its_data():
    class AlwaysEqual(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    class Evil:
        def __eq__(self, other):
            return True

    back = answers.decode_all(json.loads(json.dumps(answers.encode_all(
        {"a": AlwaysEqual("Z"), "b": Evil()}, ["a", "b"]))))
    assert type(back["a"]) is str and back["a"] != "B"
    assert back["b"] != "B" and back["b"] != back["b"]
    assert isinstance(answers.decode({"t": "pickle", "v": "gASVAAAA"}), answers.Unexportable)
    assert isinstance(answers.decode({"t": "numpy", "dtype": "object", "v": {"t": "int", "v": "1"}}),
                      answers.Unexportable)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bubblewrap and seccomp are Linux only")
def test_the_sandbox_refuses_new_processes_and_allows_threads():
    assert sandbox.problem() is None, sandbox.problem()
    fd = os.memfd_create("seccomp")
    os.write(fd, sandbox.seccomp_filter())
    os.lseek(fd, 0, 0)
    command = sandbox.command(fd, 10)
    code = ("import os, threading, subprocess\n"
            "t = threading.Thread(target=print, args=('thread ran',)); t.start(); t.join()\n"
            "for make in (os.fork, lambda: subprocess.run(['true'])):\n"
            "    try:\n        make(); print('started a process')\n"
            "    except OSError as err:\n        print('refused', err.errno)\n"
            "print(sorted(os.environ))\n"
            f"print([os.path.exists(p) for p in ({str(ROOT / 'exercises')!r}, {str(ROOT / '.git')!r})])")
    command = command[:-4] + [sys.executable, "-c", code]
    done = subprocess.run(command, pass_fds=[fd], capture_output=True, text=True, timeout=60)
    os.close(fd)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == ["thread ran", "refused 1", "refused 1"], done.stdout
    assert "HOME" in lines[3] and "USER" not in lines[3]
    assert lines[4] == "[False, False]"  # the repository's masters and .git are not there

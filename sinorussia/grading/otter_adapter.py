"""The one module that touches otter's internals (otter-grader 7.0).

What the grader needs of otter: read an autograder zip's test files, the questions and points
they declare, the variable names each test reads (the test functions' parameters), and run a
test file on a dict of answers the way ``otter run`` does (``TestFile.run(env)``, then
``score``). ``tests/test_grading.py::test_otter_adapter_contract`` pins this down, so an otter
upgrade that changes any of it fails there first.
"""

from __future__ import annotations

import inspect
import re
import zipfile
from pathlib import Path


def tests_from_zip(zip_path: Path) -> dict[str, str]:
    """{test file name: source} of an autograder zip's ``tests/`` folder (read into memory)."""
    with zipfile.ZipFile(zip_path) as archive:
        return {Path(m).name: archive.read(m).decode("utf-8") for m in archive.namelist()
                if m.startswith("tests/") and m.endswith(".py")}


def load(source: str, name: str):
    """A test file object (exception-based or OK format) from its source."""
    from otter.test_files import ExceptionTestFile, OKTestFile

    env: dict = {}
    exec(compile(source, name, "exec"), env)  # the autograder's own trusted test file
    if env.get("OK_FORMAT"):
        return OKTestFile.from_spec(env["test"], path=name)
    return ExceptionTestFile.from_string(source, path=name)


def questions(tests: dict[str, str]) -> dict[str, float]:
    """{question: points possible}, in natural order."""
    from .submissions import natural

    found = {}
    for name in sorted(tests, key=lambda n: natural(Path(n).stem)):
        test_file = load(tests[name], name)
        found[test_file.name] = float(test_file.possible)
    return found


def variable_names(tests: dict[str, str]) -> list[str]:
    """The variables the tests read: every test function's parameters (``env`` excepted)."""
    names: list[str] = []
    for name, source in tests.items():
        test_file = load(source, name)
        for case in test_file.test_cases:
            func = getattr(case.body, "test_func", None)
            if func is not None:
                params = list(inspect.signature(func).parameters)
            else:  # OK format: doctest code; take the identifiers it uses
                params = re.findall(r"[A-Za-z_]\w*", str(case.body))
            names += [p for p in params if p != "env" and p not in names]
    return names


def run(source: str, name: str, answers: dict) -> tuple[float, list[tuple[bool, bool, str]]]:
    """Run one test file on the answers: (score, [(hidden, passed, message) per test case])."""
    test_file = load(source, name)
    test_file.run(dict(answers))
    cases = [(bool(r.test_case.hidden), bool(r.passed), r.message or "") for r in test_file.test_case_results]
    return float(test_file.score), cases


def lighten_import() -> None:
    """Inside the sandbox: make ``import otter`` skip its heaviest parts until they are used.

    ``otter/__init__`` imports ``otter.api`` (the command line's grading and export machinery,
    nbconvert and more) and ``otter.check.notebook`` imports ``export_notebook``; a notebook's
    ``grader.check`` needs neither. Both become modules that import the real one on first use,
    which saves about a second per submission.
    """
    import importlib
    import sys
    import types

    def lazy(name: str, eager: tuple[str, ...] = ()) -> types.ModuleType:
        module = types.ModuleType(name)

        def real():
            if sys.modules.get(name) is module:
                del sys.modules[name]
            loaded = importlib.import_module(name)
            return loaded

        def attribute(attr: str):
            if attr.startswith("__"):  # the import system probes __path__ and the like: not a use
                raise AttributeError(attr)
            return getattr(real(), attr)

        module.__getattr__ = attribute
        for attr in eager:  # names bound at import time by ``from ... import``: resolved on call
            setattr(module, attr, lambda *a, _attr=attr, **k: getattr(real(), _attr)(*a, **k))
        return module

    if "otter" not in sys.modules:
        sys.modules["otter.api"] = lazy("otter.api")
        sys.modules["otter.export"] = lazy("otter.export", ("export_notebook",))

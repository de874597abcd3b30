"""Shared fixtures: the built book, a local web server for it, and a headless browser."""

from __future__ import annotations

import contextlib
import fcntl
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools.pages import chromium_path, launch, serve

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
BUILT_FROM = ROOT / "_build" / "html.sources.sha256"  # the sources of the last build that passed

# Every test belongs to one tier, so a tier can run alone (`pytest -m fast`, see the Makefile).
TIERS = ("fast", "notebooks", "book", "grading", "launch")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (it adds them to the test ids)
def pytest_collection_modifyitems(config, items):
    """Notebook cells collected by nbval form the notebooks tier; any other test must name
    its tier (a module-level ``pytestmark`` or a mark on the test), or collection fails.

    Then every test gets the worker group it must share (see ``worker_group``), and the groups
    are ordered longest first, so that `make test` on several cores does not end with one
    worker running a long group while the others wait."""
    untiered = []
    for item in items:
        if type(item).__module__.startswith("nbval"):
            item.add_marker(pytest.mark.notebooks)
        elif not any(item.get_closest_marker(tier) for tier in TIERS):
            untiered.append(item.nodeid)
    if untiered:
        raise pytest.UsageError(f"tests without a tier mark ({', '.join(TIERS)}): {untiered[:5]}")
    if config.pluginmanager.hasplugin("xdist"):
        for item in items:
            group = worker_group(item)
            if group:
                item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=_start_order)  # stable: a file's tests keep their order


# Groups that take minutes, in the order workers should start them; then the rest of the
# grading and launch tiers; the fast tier last, where its seconds fill the gaps. A worker takes
# the next group when it is nearly done with its last one.
LONG_GROUPS = ("book", "test_exercises", "test_launch_binder", "book-phone", "test_launch_colab")
# Modules that share a session fixture run on one worker, under the first module's name.
SHARED = {"test_launch_jupyterlab": "test_launch_binder"}  # the Binder environment


def worker_group(item) -> str | None:
    """The group of tests that must run on one worker, or None for a test that can run anywhere.

    - the book and notebooks tiers share the built book and its execution cache on disk, and
      the pages as seen on one kind of screen: the phone screens form a group of their own, which
      a second worker takes once the book is built (``built_book`` builds it once, under a lock);
    - any other slow test shares its module's fixtures (a graded class, a Jupyter server), or
      a session fixture with the modules named in ``SHARED`` (the Binder environment).
    """
    if item.get_closest_marker("book") or item.get_closest_marker("notebooks"):
        params = getattr(item, "callspec", None)
        return "book-phone" if params and params.params.get("width") == PHONE else "book"
    if item.get_closest_marker("fast"):
        return None
    return SHARED.get(item.path.stem, item.path.stem)


def _start_order(item) -> int:
    group = worker_group(item)
    if group in LONG_GROUPS:
        return LONG_GROUPS.index(group)
    return len(LONG_GROUPS) + (1 if group is None else 0)


@contextlib.contextmanager
def book_build_lock():
    """One build of the book at a time: test workers share _build (the pages, the execution cache)."""
    lock = ROOT / "_build" / ".build.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book as a reader gets it. --all re-reads every page so that every warning
    is raised again; notebook execution stays cached (quick when nothing changed).

    -W makes any warning an error, so a broken link or failed cell fails here. A build that
    passed is stamped with its sources' digest, so that a second worker, the timed pass after
    the parallel one, or a second run with nothing changed does not build the same sources again.
    """
    from tools import prebuild

    with book_build_lock():
        stamp, digest = BUILT_FROM, prebuild.sources_digest(ROOT)
        if HTML.is_dir() and stamp.exists() and stamp.read_text() == digest:
            return HTML
        stamp.unlink(missing_ok=True)
        prebuild.run(ROOT)  # notebooks on all cores first, as `make book` does
        jb = Path(sys.executable).with_name("jupyter-book")
        result = subprocess.run([str(jb), "build", str(ROOT), "--all", "-W", "-n", "--keep-going"],
                                capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, "book build failed:\n" + result.stdout[-6000:] + result.stderr[-3000:]
        stamp.write_text(digest)
    return HTML


@pytest.fixture(scope="session")
def execution_cache():
    """The book's notebooks executed into its execution cache (tools/prebuild.py), as the book
    build takes them: a notebook that raises has no cached result."""
    from jupyter_cache import get_cache

    from tools import prebuild

    with book_build_lock():
        prebuild.run(ROOT)
    return get_cache(str(prebuild.CACHE_DIR))


@pytest.fixture(scope="session")
def binder(tmp_path_factory):
    """The environment Binder builds from this repository (tests/launch_env.py), shared by the
    Binder and JupyterLab tests."""
    from launch_env import build_binder

    return build_binder(tmp_path_factory.mktemp("binder"))


@pytest.fixture(scope="session")
def site(built_book: Path):
    """The built book served on 127.0.0.1 at a free port; yields its base URL."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright. A missing browser is a failure."""
    if chromium_path() is None:
        pytest.fail("Chromium not found: install Debian's chromium (apt-get install chromium) "
                    "or set CHROMIUM=/path/to/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


# The screens a reader uses: a phone and a laptop, each in light and dark mode.
PHONE, LAPTOP = 390, 1280
SCREENS = [(PHONE, False), (PHONE, True), (LAPTOP, False), (LAPTOP, True)]
SCREEN_IDS = ["390", "390-dark", "1280", "1280-dark"]
# The visit on which every file a page loads is weighed (not the light laptop visit, which times
# the charts: gzipping each response as it arrives would slow that page down).
WEIGHED = (LAPTOP, True)


@dataclass
class PageSeen:
    """One visit to one page on one screen, and what the page tests read from it."""
    record: object                                    # tools.pages.PageVisit: charts, requests, timing
    problems: dict[str, list[str]]                    # tools.seen: what a person sees, by kind
    axe: list[str] = field(default_factory=list)      # laptop, light: the accessibility audit
    overflow: list[str] = field(default_factory=list)  # phone, light: charts wider than the screen
    code_toggles: list[str] = field(default_factory=list)  # laptop, light: how each chart's code shows


@pytest.fixture(scope="session")
def seen_on(built_book, browser, site):
    """``seen_on(width, dark)``: every page of the book opened once on that screen, on the first
    test that asks; each browser test reads its checks from these visits instead of opening
    every page again (a visit costs the browser about a second). A test that reads a screen
    takes the ``width`` parameter, so that the phone screens can run on another worker."""
    from tools.pages import axe_violations, book_pages, overflowing_charts, reader_context, visit
    from tools.seen import CAPTURE_VIEWS, CODE_TOGGLES_JS, problems

    seen: dict[tuple[int, bool], dict[str, PageSeen]] = {}

    def visit_all(width: int, dark: bool) -> dict[str, PageSeen]:
        if (width, dark) in seen:
            return seen[(width, dark)]
        pages = seen[(width, dark)] = {}
        viewport, weigh = {"width": width, "height": 900}, (width, dark) == WEIGHED
        # One reader going from page to page (scripts cached), except where a first visit is weighed.
        shared = None if weigh else reader_context(browser, viewport, dark)
        for path in book_pages(built_book):
            record, page = visit(browser, f"{site}/{path}", viewport=viewport, dark=dark,
                                 init_script=CAPTURE_VIEWS, weigh=weigh, context=shared)
            try:
                # Before the checks below open every collapsed table: the page as it first appears.
                laptop, phone = (width, dark) == (LAPTOP, False), (width, dark) == (PHONE, False)
                toggles = page.evaluate(CODE_TOGGLES_JS) if laptop else []
                axe = axe_violations(page) if laptop else []
                overflow = overflowing_charts(page, width) if phone else []
                pages[path] = PageSeen(record, problems(page, width, dark), axe, overflow, toggles)
            finally:
                page.close() if shared else page.context.close()
        if shared:
            shared.close()
        return pages
    return visit_all

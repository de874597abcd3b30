"""Shared fixtures: the built book, a local web server for it, and a headless browser."""

from __future__ import annotations

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
# grading and launch tiers; the fast tier last, where its seconds fill the gaps.
LONG_GROUPS = ("book", "test_exercises", "test_launch_jupyterlab", "test_launch_binder", "test_launch_colab")


def worker_group(item) -> str | None:
    """The group of tests that must run on one worker, or None for a test that can run anywhere.

    - the book and notebooks tiers share the built book and its execution cache on disk;
    - any other slow test shares its module's fixtures (a graded class, a Jupyter server).
    """
    if item.get_closest_marker("book") or item.get_closest_marker("notebooks"):
        return "book"
    if item.get_closest_marker("fast"):
        return None
    return item.path.stem


def _start_order(item) -> int:
    group = worker_group(item)
    if group in LONG_GROUPS:
        return LONG_GROUPS.index(group)
    return len(LONG_GROUPS) + (1 if group is None else 0)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book as a reader gets it. --all re-reads every page so that every warning
    is raised again; notebook execution stays cached (quick when nothing changed).

    -W makes any warning an error, so a broken link or failed cell fails here. A build that
    passed is stamped with its sources' digest, so that the timed pass after the parallel one
    (or a second run with nothing changed) does not build the same sources again.
    """
    from tools import prebuild

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
SCREENS = [(390, False), (390, True), (1280, False), (1280, True)]
# The visit on which every file a page loads is weighed (not the light laptop visit, which times
# the charts: gzipping each response as it arrives would slow that page down).
WEIGHED = (1280, True)


@dataclass
class PageSeen:
    """One visit to one page on one screen, and what the page tests read from it."""
    record: object                                    # tools.pages.PageVisit: charts, requests, timing
    problems: dict[str, list[str]]                    # tools.seen: what a person sees, by kind
    axe: list[str] = field(default_factory=list)      # laptop, light: the accessibility audit
    overflow: list[str] = field(default_factory=list)  # phone, light: charts wider than the screen
    code_toggles: list[str] = field(default_factory=list)  # laptop, light: how each chart's code shows


@pytest.fixture(scope="session")
def seen_pages(built_book, browser, site) -> dict[tuple[int, bool], dict[str, PageSeen]]:
    """Every page of the book opened once per screen; each browser test reads its checks from
    these visits instead of opening every page again (a visit costs the browser about a second)."""
    from tools.pages import axe_violations, book_pages, overflowing_charts, visit
    from tools.seen import CAPTURE_VIEWS, CODE_TOGGLES_JS, problems

    seen: dict[tuple[int, bool], dict[str, PageSeen]] = {}
    for width, dark in SCREENS:
        pages = seen[(width, dark)] = {}
        for path in book_pages(built_book):
            record, page = visit(browser, f"{site}/{path}", viewport={"width": width, "height": 900},
                                 dark=dark, init_script=CAPTURE_VIEWS, weigh=(width, dark) == WEIGHED)
            try:
                # Before the checks below open every collapsed table: the page as it first appears.
                laptop, phone = (width, dark) == (1280, False), (width, dark) == (390, False)
                toggles = page.evaluate(CODE_TOGGLES_JS) if laptop else []
                axe = axe_violations(page) if laptop else []
                overflow = overflowing_charts(page, width) if phone else []
                pages[path] = PageSeen(record, problems(page, width, dark), axe, overflow, toggles)
            finally:
                page.context.close()
    return seen

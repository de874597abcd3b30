"""Performance budgets, held against measurements taken in this run (not the published report).

The performance page (appendix/performance.ipynb) shows the benchmark's figures
(`make bench`); these tests measure what a reader waits for on this machine, now.
"""

from __future__ import annotations

import pytest
from conftest import WEIGHED

from tools.bench import RENDER_LIMIT_MS, TRANSFER_LIMIT_BYTES
from tools.pages import book_pages, visit

pytestmark = pytest.mark.book


@pytest.mark.timed
def test_every_page_draws_its_charts_within_the_budget(built_book, browser, site):
    """Timed alone, after the other tests (`make test`), so that it measures the page and not the
    tests running on the other cores; a page over the budget is timed again, twice at most."""
    slow = {}
    for path in book_pages(built_book):
        times = []
        while len(times) < 3 and (not times or min(times) > RENDER_LIMIT_MS):
            record, page = visit(browser, f"{site}/{path}")
            page.context.close()
            if not record.charts:
                break
            times.append(record.render_ms)
        if times and min(times) > RENDER_LIMIT_MS:
            slow[path] = [round(t) for t in times]
    assert not slow, f"pages whose charts took longer than {RENDER_LIMIT_MS} ms to draw (each try, ms): {slow}"


@pytest.mark.parametrize("width", [WEIGHED[0]])
def test_every_page_transfers_within_the_budget(seen_on, width):
    """A first visit (empty cache) to any page, gzipped as a web server sends it: the page, its
    scripts (the chart libraries included), styles and fonts, everything the browser fetched."""
    heavy, weights = {}, {}
    for path, seen in seen_on(*WEIGHED).items():
        record = seen.record
        assert f"/{path}" in record.files, f"{path}: the page itself was not measured: {list(record.files)[:5]}"
        weights[path] = record.transferred
        if record.transferred > TRANSFER_LIMIT_BYTES:
            heavy[path] = f"{record.transferred / 1000:.0f} KB"
    # The chart libraries alone are several hundred KB: a page with charts that weighs less was not measured.
    chart_page = weights["chapters/02-record-trade.html"]
    assert chart_page > 200_000, f"chapter 2 measured at {chart_page} bytes: its scripts were not counted"
    assert not heavy, f"pages transferring more than {TRANSFER_LIMIT_BYTES / 1000:.0f} KB gzipped: {heavy}"

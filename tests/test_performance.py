"""Performance budgets, held against measurements taken in this run (not the published report).

The performance page (appendix/performance.ipynb) shows the benchmark's figures
(`make bench`); these tests measure what a reader waits for on this machine, now.
"""

from __future__ import annotations

import pytest

from tools.bench import RENDER_LIMIT_MS
from tools.pages import book_pages, visit

pytestmark = pytest.mark.book


def test_every_page_draws_its_charts_within_the_budget(built_book, browser, site):
    slow = {}
    for path in book_pages(built_book):
        record, page = visit(browser, f"{site}/{path}")
        page.context.close()
        if record.charts and record.render_ms > RENDER_LIMIT_MS:
            slow[path] = round(record.render_ms)
    assert not slow, f"pages whose charts took longer than {RENDER_LIMIT_MS} ms to draw: {slow}"

"""Performance budgets, held against measurements taken in this run (not the published report).

The performance page (appendix/performance.ipynb) shows the benchmark's figures
(`make bench`); these tests measure what a reader waits for on this machine, now.
"""

from __future__ import annotations

import pytest

from tools.bench import RENDER_LIMIT_MS

pytestmark = pytest.mark.book


def test_every_page_draws_its_charts_within_the_budget(seen_pages):
    slow = {path: round(seen.record.render_ms) for path, seen in seen_pages[(1280, False)].items()
            if seen.record.charts and seen.record.render_ms > RENDER_LIMIT_MS}
    assert not slow, f"pages whose charts took longer than {RENDER_LIMIT_MS} ms to draw: {slow}"

"""The built book as a reader meets it: headless Chromium, no network beyond 127.0.0.1."""

from __future__ import annotations

from sinorussia.pages import book_pages, visit


def test_every_page_renders_every_chart_offline(built_book, browser, site):
    pages = book_pages(built_book)
    assert len(pages) >= 3, f"the build produced too few pages: {pages}"
    failures = []
    for path in pages:
        record, page = visit(browser, f"{site}/{path}")
        page.context.close()
        if record.rendered != record.charts:
            failures.append(f"{path}: {record.rendered} of {record.charts} charts rendered")
        if record.external_requests:
            failures.append(f"{path} asked other hosts: {record.external_requests[:3]}")
        if record.console_errors:
            failures.append(f"{path} logged console errors: {record.console_errors[:3]}")
    assert not failures, "\n".join(failures)


def test_chapters_have_charts(built_book):
    chapters = [p for p in book_pages(built_book) if p.startswith("chapters/") and "00-about" not in p]
    assert chapters
    for path in chapters:
        assert (built_book / path).read_text().count('id="altair-viz-') >= 2, f"{path} has fewer than two charts"


def test_slider_changes_its_chart(browser, site):
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        bars = page.locator("div[id^=altair-viz-]").first
        before = bars.locator("g.mark-rect path").count()
        slider = bars.locator("input[type=range]")
        slider.fill("2020")  # fires input/change like a reader's drag
        page.wait_for_timeout(300)
        after = bars.locator("g.mark-rect path").count()
    finally:
        page.context.close()
    assert before > after > 0, f"the slider did not filter the bars ({before} before, {after} after)"

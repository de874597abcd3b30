"""The built book as a reader meets it: headless Chromium, no network beyond 127.0.0.1."""

from __future__ import annotations

import pytest
from conftest import LAPTOP, PHONE, SCREEN_IDS, SCREENS

from tools.bench import HTML_GZIP_LIMIT_BYTES
from tools.pages import book_pages, gzipped_size, visit

pytestmark = pytest.mark.book


@pytest.mark.parametrize("width,dark", SCREENS, ids=SCREEN_IDS)
def test_every_page_renders_every_chart_offline(seen_on, width, dark):
    failures = []
    pages = seen_on(width, dark)
    assert len(pages) >= 3, f"the build produced too few pages: {list(pages)}"
    for path, seen in pages.items():
        record = seen.record
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


@pytest.mark.parametrize("width", [LAPTOP])
def test_every_page_passes_the_axe_audit(seen_on, width):
    """Zero serious or critical axe-core violations on every page, charts and quizzes drawn."""
    pages = seen_on(width, False)
    failures = [f"{path}: {v}" for path, seen in pages.items() for v in seen.axe]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", [PHONE])
def test_charts_fit_a_phone_screen(seen_on, width):
    """At 390 px wide (a common phone), no chart and no page scrolls sideways."""
    pages = seen_on(width, False)
    failures = [f"{path}: {problem}" for path, seen in pages.items() for problem in seen.overflow]
    assert not failures, "\n".join(failures)


def test_quiz_answers_give_feedback_from_the_keyboard(browser, site):
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        first = page.locator(".sr-quiz fieldset").first
        first.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
        feedback = first.locator(".sr-quiz-feedback").inner_text()
    finally:
        page.context.close()
    assert feedback.startswith(("Correct.", "Not quite.")), f"no feedback after choosing an answer: {feedback!r}"


def test_every_page_sends_under_40_kb_of_html(built_book):
    """Readers on slow links: charts embed only the rows they show, and the code behind each chart's
    toggle stays small. Measured as sent, gzipped (the shared scripts aside: see test_performance)."""
    sizes = {p: gzipped_size((built_book / p).read_bytes()) for p in book_pages(built_book)}
    assert max(sizes.values()) > 10_000, f"pages measured implausibly small: {sizes}"
    heavy = {p: size for p, size in sizes.items() if size > HTML_GZIP_LIMIT_BYTES}
    assert not heavy, f"pages sending over {HTML_GZIP_LIMIT_BYTES / 1000:.0f} KB of gzipped HTML: {heavy}"


def test_no_page_names_a_cdn(built_book):
    """Charts are drawn from the book's own copies of the libraries: no page even names a CDN
    (each chart's inline loader is replaced by the shared srEmbed, _ext/offline_vega.py)."""
    naming = [p for p in book_pages(built_book) if "cdn.jsdelivr" in (built_book / p).read_text(encoding="utf-8")]
    assert not naming, f"pages naming a CDN: {naming}"

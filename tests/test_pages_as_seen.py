"""What a person sees on every page, at 390 and 1280 px, in light and dark mode.

Each check reads the page as drawn: tooltip values from the live Vega views, legends and plots by
their bounding boxes, mark opacity from the SVG, colours from computed styles (tools/seen.js).
"""

from __future__ import annotations

import pytest
from conftest import SCREENS

from tools.pages import visit

pytestmark = pytest.mark.book

# What each kind of problem means to a reader (the kinds are measured by tools/seen.js).
CHECKED = {
    "tooltip": "a tooltip prints undefined, null, NaN or a long decimal",
    "legend": "a legend entry is cut off or hidden",
    "plot_width": "a plot is narrower than 200 px",
    "derived": "derived values are not drawn paler than reported ones",
    "raw_markup": "raw TeX or MyST shows in the text",
    "dark_card": "a light card or dark text on a dark page",
    "table_overflow": "a table is wider than the screen outside its scroll box",
    "chart_table": "a chart's data table has raw column names, no caption or misaligned text",
    "pandas_table": "a table shows a bare index, NaN, raw column names or unrounded numbers",
}


@pytest.mark.parametrize("kind", list(CHECKED))
@pytest.mark.parametrize("width,dark", SCREENS, ids=["390", "390-dark", "1280", "1280-dark"])
def test_no_page_shows(seen_pages, kind, width, dark):
    items = [f"{path}: {item}" for path, seen in seen_pages[(width, dark)].items()
             for item in seen.problems.get(kind, [])]
    assert not items, f"{CHECKED[kind]} ({len(items)}):\n" + "\n".join(items[:25])


def _opacities(page, chart) -> list[float]:
    """The opacity of each mark (a selection fades marks; derived values are only filled paler)."""
    return page.evaluate("""(el) => [...el.querySelectorAll('g.mark-symbol path, g.mark-line path')]
        .map((p) => parseFloat(getComputedStyle(p).opacity))""", chart.element_handle())


def test_legend_selection_works_from_the_keyboard_and_resets(browser, site):
    """Tab to a legend entry, Enter picks it out (others fade), Escape shows everything again."""
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        chart = page.locator(".sr-chart", has_text="Russia sells China more").locator("div[id^=altair-viz-]")
        before = _opacities(page, chart)
        entry = chart.locator("[role=button]").first
        entry.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        picked = _opacities(page, chart)
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        after = _opacities(page, chart)
        hint = page.locator(".sr-chart", has_text="Russia sells China more").locator(".sr-chart-hint").inner_text()
    finally:
        page.context.close()
    assert min(before) > 0.9, f"marks start faded: {before}"
    assert min(picked) < 0.5 < max(picked), f"Enter on a legend entry did not pick it out: {picked}"
    assert min(after) > 0.9, f"Escape did not show everything again: {after}"
    assert "Escape" in hint and "Enter" in hint


def test_quiz_arrow_keys_move_without_revealing_answers(browser, site):
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        first = page.locator(".sr-quiz fieldset").first
        first.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
        chosen = first.locator(".sr-quiz-feedback").inner_text()
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(100)
        moved = first.locator(".sr-quiz-feedback").inner_text()
        page.keyboard.press("Enter")
        confirmed = first.locator(".sr-quiz-feedback").inner_text()
    finally:
        page.context.close()
    assert chosen.startswith(("Correct.", "Not quite.")), f"Space gave no feedback: {chosen!r}"
    assert not moved.startswith(("Correct.", "Not quite.")), f"an arrow key revealed an answer: {moved!r}"
    assert confirmed.startswith(("Correct.", "Not quite.")), f"Enter gave no feedback: {confirmed!r}"

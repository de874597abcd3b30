"""What a person sees on every page, at 390 and 1280 px, in light and dark mode.

Each check reads the page as drawn: tooltip values from the live Vega views, legends and plots by
their bounding boxes, mark opacity from the SVG, colours from computed styles (tools/seen.js).
"""

from __future__ import annotations

import pytest

from tools.pages import book_pages, visit
from tools.seen import CAPTURE_VIEWS, problems

pytestmark = pytest.mark.book

SCREENS = [(390, False), (390, True), (1280, False), (1280, True)]
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


@pytest.fixture(scope="module")
def seen(built_book, browser, site) -> dict[tuple[int, bool], dict[str, list[str]]]:
    """Every page's problems on each screen, measured once for all the tests below."""
    found: dict[tuple[int, bool], dict[str, list[str]]] = {}
    for width, dark in SCREENS:
        kinds: dict[str, list[str]] = {k: [] for k in CHECKED}
        for path in book_pages(built_book):
            record, page = visit(browser, f"{site}/{path}", viewport={"width": width, "height": 900},
                                 dark=dark, init_script=CAPTURE_VIEWS)
            try:
                for kind, items in problems(page, width, dark).items():
                    if kind in kinds:
                        kinds[kind] += [f"{path}: {item}" for item in items]
            finally:
                page.context.close()
        found[(width, dark)] = kinds
    return found


@pytest.mark.parametrize("kind", list(CHECKED))
@pytest.mark.parametrize("width,dark", SCREENS, ids=["390", "390-dark", "1280", "1280-dark"])
def test_no_page_shows(seen, kind, width, dark):
    items = seen[(width, dark)][kind]
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


def test_every_chart_has_a_show_code_toggle(built_book, browser, site):
    """Each chart cell's code sits in a closed toggle just above its chart, on every page (the
    primer, which teaches the code, shows it openly)."""
    missing, toggled = [], 0
    for path in book_pages(built_book):
        record, page = visit(browser, f"{site}/{path}")
        try:
            # Per notebook cell that draws a chart: its code behind a closed toggle, shown, or neither?
            cells = page.evaluate("""() => [...document.querySelectorAll('div.cell')]
                .filter((c) => c.querySelector('div[id^=altair-viz-]'))
                .map((c) => { const d = c.querySelector(':scope details.hide.above-input');
                              if (d) return d.open ? 'an open toggle' : 'closed';
                              const code = c.querySelector('div.cell_input pre');
                              return code && code.offsetHeight > 0 ? 'shown' : 'no code and no toggle'; })""")
        finally:
            page.context.close()
        toggled += cells.count("closed")
        allowed = ("closed", "shown") if path.startswith("primer/") else ("closed",)
        missing += [f"{path}: chart {i + 1} has {state}" for i, state in enumerate(cells) if state not in allowed]
    assert toggled >= 30, f"only {toggled} charts with a show-code toggle in the whole book"
    assert not missing, "\n".join(missing[:25])


def test_chart_code_opens_from_the_keyboard(browser, site):
    """Tab to a chart's toggle, Enter shows its code (on screen, readable), Space hides it again."""
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        toggle = page.locator("div.cell", has=page.locator(".sr-chart", has_text="Russia sells China more")) \
            .locator("details.hide.above-input")
        assert toggle.count() == 1, "the chart 'Russia sells China more…' has no show-code toggle"
        summary = toggle.locator("summary")
        code = toggle.locator("div.cell_input pre")
        hidden_before = not code.is_visible()
        name = summary.evaluate("(s) => s.getAttribute('aria-label') || s.innerText")
        summary.focus()
        focused = page.evaluate("() => document.activeElement.tagName")
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        box = code.bounding_box()
        text = code.inner_text()
        page.keyboard.press("Space")
        page.wait_for_timeout(200)
        hidden_after = not code.is_visible()
    finally:
        page.context.close()
    assert hidden_before, "the chart's code shows before the reader asks for it"
    assert name.strip() == "Show the code for this chart", f"the toggle is named {name!r}"
    assert focused == "SUMMARY", f"the toggle takes no keyboard focus (focus on {focused})"
    assert box and box["height"] > 100 and box["width"] > 200, f"Enter did not show the code: box {box}"
    assert "charts.publish(" in text and "Russia sells China more" in text, f"not the chart's code: {text[:200]!r}"
    assert hidden_after, "Space did not hide the code again"

"""What a person sees on every page, at 390 and 1280 px, in light and dark mode.

Each check reads the page as drawn: tooltip values from the live Vega views, legends and plots by
their bounding boxes, mark opacity from the SVG, colours from computed styles (tools/seen.js).
"""

from __future__ import annotations

import pytest
from conftest import LAPTOP, SCREEN_IDS, SCREENS

from tools.pages import visit
from tools.seen import CAPTURE_VIEWS

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
    "row_label": "an axis label is cut short or drawn over a bar",
    "text_overlap": "two labels inside a chart drawn over each other",
    "weak_mark": "a figure on a weak source is not outlined (or a strong one is), or no note says why",
}


@pytest.mark.parametrize("kind", list(CHECKED))
@pytest.mark.parametrize("width,dark", SCREENS, ids=SCREEN_IDS)
def test_no_page_shows(seen_on, kind, width, dark):
    items = [f"{path}: {item}" for path, seen in seen_on(width, dark).items()
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


def _subpaths(page, chart) -> list[list[list[float]]]:
    """Each drawn line as its subpaths (a move-to starts one), each a list of x positions."""
    paths = page.evaluate("""(el) => [...el.querySelectorAll('g.mark-line path')].map((p) => p.getAttribute('d'))""",
                          chart.element_handle())
    lines = []
    for d in paths:
        parts = [part for part in d.split("M") if part.strip()]
        lines.append([[float(xy.split(",")[0]) for xy in part.replace("L", " ").split()] for part in parts])
    return lines


def test_a_line_breaks_where_years_are_missing(browser, site):
    """Chapter 2's two trade flows have no figures for 2011–2013: each line stops at 2010 and
    starts again at 2014 (a second move-to in its path), with empty plot between them."""
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        chart = page.locator(".sr-chart", has_text="Russia sells China more").locator("div[id^=altair-viz-]")
        lines = _subpaths(page, chart)
    finally:
        page.context.close()
    assert len(lines) == 2, f"expected two flow lines, found {len(lines)}"
    for subpaths in lines:
        assert len(subpaths) == 2, f"a line is drawn in {len(subpaths)} piece(s), not broken once at the gap"
        before, after = subpaths
        assert len(before) == 1 and after[0] - before[-1] > 20, f"no visible gap between {before} and {after[:2]}"


def _year_labels(page, chart) -> list[str]:
    return [t for t in page.evaluate("""(el) => [...el.querySelectorAll('.role-axis-label text')]
        .map((t) => t.textContent)""", chart.element_handle()) if t.isdigit() and len(t) == 4]


def test_a_slider_keeps_the_missing_year_on_the_axis(browser, site):
    """Chapter 2's trade chart has no 2012: the year keeps its empty place on the axis, and moving
    the 'first year' slider cuts the axis to the years in range, still one slot per year."""
    record, page = visit(browser, f"{site}/chapters/02-record-trade.html")
    try:
        box = page.locator(".sr-chart", has_text="trade hit a record")
        chart = box.locator("div[id^=altair-viz-]")
        before = _year_labels(page, chart)
        slider = box.locator("input[type=range]")
        slider.evaluate("(s) => { s.value = '2011'; s.dispatchEvent(new Event('input', {bubbles: true})); }")
        page.wait_for_timeout(400)
        after = _year_labels(page, chart)
    finally:
        page.context.close()
    assert before == [str(y) for y in range(2008, 2026)], f"axis before the slider moved: {before}"
    assert after == [str(y) for y in range(2011, 2026)], f"axis after moving the slider to 2011: {after}"


def test_timeline_row_labels_move_above_their_points_on_a_phone(browser, site):
    """On a 390 px phone the timeline's row labels sit inside the plot above their rows: full text
    (no ellipsis), no label over a point, and the plot keeps most of the chart's width."""
    record, page = visit(browser, f"{site}/chapters/05-friendship-limits.html",
                         viewport={"width": 390, "height": 900}, init_script=CAPTURE_VIEWS)
    try:
        chart = page.locator(".sr-chart", has_text="From Nerchinsk").locator("div[id^=altair-viz-]")
        seen = chart.evaluate("""(el) => {
            const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
            const view = window.__srViews.find((v) => v.el === el || el.contains(v.el)).view;
            const labels = [...el.querySelectorAll('.role-axis-label text')].filter((t) => isNaN(+t.textContent))
                .map((t) => ({text: t.textContent, ...box(t.getBoundingClientRect())}));
            const points = [...el.querySelectorAll('g.mark-symbol.role-mark path')]
                .map((p) => box(p.getBoundingClientRect()));
            return {plot: view.signal('width'), width: el.getBoundingClientRect().width, labels, points};
        }""")
    finally:
        page.context.close()
    labels, points = seen["labels"], seen["points"]
    assert len(labels) == 10 and len(points) == 10, f"{len(labels)} row labels and {len(points)} points"
    cut = [lb["text"] for lb in labels if lb["text"].endswith("…")]
    assert not cut, f"row labels cut short on a phone: {cut}"
    over = [lb["text"] for lb in labels for p in points
            if lb["left"] < p["right"] and p["left"] < lb["right"] and lb["top"] < p["bottom"] - 1
            and p["top"] + 1 < lb["bottom"]]
    assert not over, f"row labels drawn over points: {over}"
    assert seen["plot"] > 0.8 * seen["width"], f"plot {seen['plot']} px of a {seen['width']} px chart"


@pytest.mark.parametrize("width", [LAPTOP])
def test_every_chart_has_a_show_code_toggle(seen_on, width):
    """Each chart cell's code sits in a closed toggle just above its chart, on every page (the
    primer, which teaches the code, shows it openly)."""
    missing, toggled = [], 0
    for path, seen in seen_on(width, False).items():
        toggled += seen.code_toggles.count("closed")
        allowed = ("closed", "shown") if path.startswith("primer/") else ("closed",)
        missing += [f"{path}: chart {i + 1} has {state}" for i, state in enumerate(seen.code_toggles)
                    if state not in allowed]
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

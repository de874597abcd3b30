"""The claims register page as a reader meets it: its style and filter script come from the book's
static files (``_static/claims-register.css`` and ``.js``), not from the table's own markup."""

from __future__ import annotations

import pytest

from sinorussia import claims
from tools.pages import visit

pytestmark = pytest.mark.book

PAGE = "appendix/checking-the-article.html"


def _shown_rows(page) -> list[str]:
    """Ids of the register's rows that take up space on the page (the others are filtered out)."""
    return page.eval_on_selector_all(
        "#claims-register tbody tr",
        "rows => rows.filter(r => r.getBoundingClientRect().height > 0).map(r => r.id)")


def test_the_filters_work_from_the_keyboard_and_the_style_is_loaded(built_book, browser, site):
    register = claims.register()
    incorrect = list(register.loc[register["verdict"] == "incorrect", "claim_id"])
    record, page = visit(browser, f"{site}/{PAGE}")
    try:
        assert not record.console_errors, record.console_errors
        form = page.locator("form.sr-claims-filter")
        assert form.is_visible(), "the script did not show the filters"
        assert _shown_rows(page) == list(register["claim_id"])
        # The stylesheet draws each verdict's colour as a 6 px left border.
        border = page.locator("#claims-register .sr-verdict").first.evaluate(
            "e => getComputedStyle(e).borderLeftWidth")
        assert border == "6px", f"claims-register.css not applied (border {border})"
        # Choose 'Incorrect' with the keyboard, as a reader without a mouse would.
        page.locator("#claims-verdict").focus()
        page.keyboard.press("ArrowDown")  # 'All verdicts' -> first verdict; walk to 'incorrect'
        options = page.eval_on_selector_all("#claims-verdict option", "os => os.map(o => o.value)")
        for _ in range(options.index("incorrect") - 1):
            page.keyboard.press("ArrowDown")
        assert page.locator("#claims-verdict").input_value() == "incorrect"
        assert _shown_rows(page) == incorrect
        assert page.locator("#claims-count").inner_text() == f"Showing {len(incorrect)} of {len(register)} claims."
        # A link to a row the filter hides clears the filter and shows the row.
        hidden = next(c for c in register["claim_id"] if c not in incorrect)
        page.evaluate(f"window.location.hash = '{hidden}'")
        page.wait_for_timeout(200)
        assert hidden in _shown_rows(page) and page.locator("#claims-verdict").input_value() == ""
    finally:
        page.context.close()

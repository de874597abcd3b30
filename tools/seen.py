"""What a person sees on a built page, measured in the browser: one list of problems per kind.

Used by the book-tier browser tests and to count defects before and after a change. Charts are
read through their live Vega views (captured by an init script that wraps ``vegaEmbed`` as the
page defines it, independent of the book's own scripts) and through their SVG geometry.
"""

from __future__ import annotations

from pathlib import Path

# Runs before any page script: whenever the page defines window.vegaEmbed, wrap it so that every
# embedded chart's Vega view is kept, keyed by its container, for the checks below.
CAPTURE_VIEWS = """
(() => {
  window.__srViews = [];
  let inner;
  const wrap = (fn) => function (el, spec, opts) {
    const target = typeof el === 'string' ? document.querySelector(el) : el;
    return fn.apply(this, arguments).then((result) => {
      window.__srViews = window.__srViews.filter((v) => v.el !== target);
      window.__srViews.push({el: target, view: result.view});
      return result;
    });
  };
  Object.defineProperty(window, 'vegaEmbed', {
    configurable: true,
    get() { return inner; },
    set(fn) { inner = (fn && !fn.__srWrapped) ? Object.assign(wrap(fn), fn, {__srWrapped: true}) : fn; },
  });
})();
"""

CHECKS_JS = (Path(__file__).with_name("seen.js")).read_text()

# Per notebook cell that draws a chart: is its code behind a closed toggle, shown, or neither?
# (Read before ``problems``, which opens every collapsed element.)
CODE_TOGGLES_JS = """() => [...document.querySelectorAll('div.cell')]
    .filter((c) => c.querySelector('div[id^=altair-viz-]'))
    .map((c) => { const d = c.querySelector(':scope details.hide.above-input');
                  if (d) return d.open ? 'an open toggle' : 'closed';
                  const code = c.querySelector('div.cell_input pre');
                  return code && code.offsetHeight > 0 ? 'shown' : 'no code and no toggle'; })"""

SETTLED_JS = """async () => {
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await frames();
  await Promise.all((window.__srViews || []).map((v) => v.view.runAsync()));
  await frames();
}"""

KINDS = ("tooltip", "legend", "plot_width", "derived", "raw_markup", "dark_card", "table_overflow",
         "chart_table", "pandas_table", "row_label", "text_overlap", "weak_mark")


def problems(page, width: int, dark: bool) -> dict[str, list[str]]:
    """Every problem of each kind on the open page (the page was opened at ``width`` px)."""
    # Open every collapsed data table as a reader would, then let the charts settle: the new
    # layout is seen at the next frames, and each chart redrawn to it.
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.evaluate(SETTLED_JS)
    return page.evaluate(CHECKS_JS, {"width": width, "dark": dark})


def main() -> None:
    """Count each kind of problem over the built book: python -m tools.seen [_build/html]."""
    import sys

    from playwright.sync_api import sync_playwright

    from tools.pages import book_pages, launch, serve, visit

    html = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    found: dict[str, dict[str, list[str]]] = {}
    with serve(html) as site, sync_playwright() as playwright:
        browser = launch(playwright)
        for width in (390, 1280):
            for dark in (False, True):
                screen = f"{width}{' dark' if dark else ''}"
                for path in book_pages(html):
                    record, page = visit(browser, f"{site}/{path}", viewport={"width": width, "height": 900},
                                         dark=dark, init_script=CAPTURE_VIEWS)
                    try:
                        for kind, items in problems(page, width, dark).items():
                            for item in items:
                                found.setdefault(kind, {}).setdefault(f"{path}: {item}", []).append(screen)
                    finally:
                        page.context.close()
        browser.close()
    for kind in KINDS:
        items = found.get(kind, {})
        print(f"{kind}: {len(items)} distinct problems")
        for what, screens in items.items():
            print(f"    {what} [{', '.join(screens)}]")


if __name__ == "__main__":
    main()

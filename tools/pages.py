"""Opening built pages in a headless browser: shared by the browser tests and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

# Printed by every Jupyter Book 1 page and harmless (see the technical notes): sphinx-thebe
# emits its script twice, and the theme reads an unset colour mode.
HARMLESS_CONSOLE_ERRORS = ("Identifier 'THEBE_JS_URL' has already been declared", "Got invalid theme mode")

CHART_SELECTOR = "div[id^=altair-viz-]"

# Flags that keep headless Chromium from calling home (this machine's network is closed).
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path() -> str | None:
    """Debian's chromium, or the browser named by $CHROMIUM; None when there is none."""
    named = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return named if Path(named).exists() else shutil.which("chromium")


def launch(playwright):
    """Headless Chromium driven by Playwright (never a browser Playwright downloads itself)."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium not found: install Debian's chromium (apt-get install chromium) "
                           "or set CHROMIUM=/path/to/chromium")
    return playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # one connection for a page's many files, as a web server keeps

    def log_message(self, *args):  # keep test and benchmark output readable
        pass

    def end_headers(self):
        # Scripts, styles and fonts may be cached for an hour, pages not (as a book's host sets it).
        if not urlparse(self.path).path.endswith((".html", "/")):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


@contextlib.contextmanager
def serve(html_dir: Path):
    """Serve a built book on 127.0.0.1 at a free port; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@dataclass
class PageVisit:
    url: str
    charts: int = 0
    rendered: int = 0
    render_ms: float = 0.0
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    # With visit(weigh=True): each file the page loaded -> (bytes as served, bytes sent gzipped).
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def transferred(self) -> int:
        """Bytes a first visit transfers (empty cache) from a server that gzips what it serves."""
        return sum(sent for _, sent in self.files.values())


def gzipped_size(body: bytes) -> int:
    """Size sent by a server compressing at gzip's default level (or as is, where that is smaller:
    fonts and images are compressed already, and servers send them as they are)."""
    return min(len(body), len(gzip.compress(body, compresslevel=6)))


def book_pages(html_dir: Path) -> list[str]:
    """Paths (relative to the site root) of the book's content pages."""
    skip = {"genindex.html", "search.html"}
    return sorted(str(p.relative_to(html_dir)) for p in html_dir.rglob("*.html")
                  if not p.relative_to(html_dir).parts[0].startswith("_") and p.name not in skip
                  and 'http-equiv="Refresh"' not in p.read_text()[:500])  # index.html redirects


def reader_context(browser, viewport: dict | None = None, dark: bool = False):
    """A browser context (cache, storage) for one reader on one screen."""
    return browser.new_context(viewport=viewport or {"width": 1280, "height": 900},
                               color_scheme="dark" if dark else "light")


def visit(browser, url: str, timeout_ms: int = 15000, viewport: dict | None = None, *,
          dark: bool = False, init_script: str | None = None, weigh: bool = False,
          context=None) -> tuple[PageVisit, object]:
    """Open a page with every request to another host blocked and recorded.

    ``dark`` opens it as a reader whose system prefers a dark colour scheme; ``init_script``
    runs before the page's own scripts. ``weigh`` records every file the page loads, with its
    size as served and gzipped (each visit has a fresh context, so an empty cache). Returns the
    visit's record and the still-open page (the caller closes its context). Given a ``context``
    (``reader_context``), the page opens there instead, as a reader's next page, with the
    scripts and styles of earlier pages in the browser's cache (the caller closes the page).
    """
    host = urlparse(url).netloc
    record = PageVisit(url)
    if context is None:
        context = reader_context(browser, viewport, dark)
    page = context.new_page()
    if init_script:
        page.add_init_script(init_script)

    def guard(route):
        if urlparse(route.request.url).netloc not in (host, ""):
            record.external_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.console_errors.append(str(e)))
    responses = []
    if weigh:
        page.on("response", lambda r: responses.append(r))
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    record.charts = page.locator(CHART_SELECTOR).count()
    if record.charts:
        try:
            page.wait_for_function(
                """(sel) => [...document.querySelectorAll(sel)]
                     .every(d => d.querySelector('svg.marks, canvas.marks'))""",
                arg=CHART_SELECTOR, timeout=timeout_ms)
        except Exception:
            pass
    record.render_ms = (time.perf_counter() - started) * 1000
    record.rendered = page.locator(f"{CHART_SELECTOR} svg.marks, {CHART_SELECTOR} canvas.marks").count()
    for response in responses:
        if urlparse(response.url).netloc == host and response.status == 200:
            body = response.body()
            record.files[urlparse(response.url).path] = (len(body), gzipped_size(body))
    record.console_errors = [e for e in record.console_errors
                             if not any(h in e for h in HARMLESS_CONSOLE_ERRORS)]
    return record, page


AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run the axe-core audit (installed by npm) in an open page; describe the violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact,
                               where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    return [f"{v['impact']} {v['id']} at {v['where']}" for v in found if v["impact"] in impacts]


def overflowing_charts(page, width: int) -> list[str]:
    """Charts (or the page itself) wider than a viewport of ``width`` pixels."""
    return page.evaluate("""(width) => {
        const out = [];
        const scrolled = document.documentElement.scrollWidth;
        if (scrolled > width) out.push('page scrolls sideways: ' + scrolled + 'px');
        document.querySelectorAll('div[id^=altair-viz-] svg.marks').forEach((svg, i) => {
            const r = svg.getBoundingClientRect();
            if (r.right > width + 1) out.push('chart ' + (i + 1) + ' ends at ' + Math.round(r.right) + 'px');
        });
        return out; }""", width)

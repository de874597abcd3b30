"""Every notebook page of the built book offers Binder and Colab, each opening that page's own
notebook, and every page carries the licence footer: checked in the browser, as a reader sees it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from tools.pages import book_pages, reader_context, visit

pytestmark = pytest.mark.book

ROOT_CONFIG = "_config.yml"


def _notebook_pages(built_book) -> dict[str, str]:
    """{page path: the repository path of the notebook it was built from}."""
    sources = built_book / "_sources"
    found = {}
    for page in book_pages(built_book):
        stem = page.removesuffix(".html")
        if (sources / f"{stem}.ipynb").exists():
            found[page] = f"{stem}.ipynb"
    return found


def _launch_links(page) -> dict[str, str]:
    """The launch menu as a reader opens it: click the rocket, read the visible links."""
    page.locator(".dropdown-launch-buttons > button").click()
    links = page.locator(".dropdown-launch-buttons a")
    links.first.wait_for(state="visible", timeout=3000)
    return {links.nth(i).inner_text().strip(): links.nth(i).get_attribute("href")
            for i in range(links.count()) if links.nth(i).is_visible()}


def test_every_notebook_page_launches_its_own_notebook(built_book, browser, site):
    from sinorussia import ROOT

    config = yaml.safe_load((ROOT / ROOT_CONFIG).read_text())
    repo = urlparse(config["repository"]["url"]).path.strip("/")
    branch = config["repository"]["branch"]
    pages = _notebook_pages(built_book)
    assert len(pages) >= 20, f"too few notebook pages found: {sorted(pages)}"
    failures = []
    reader = reader_context(browser)  # one reader going from page to page
    for path, notebook in sorted(pages.items()):
        assert (ROOT / notebook).is_file(), f"{path} was built from {notebook}, which is not in the repository"
        record, page = visit(browser, f"{site}/{path}", context=reader)
        try:
            links = _launch_links(page)
            footer = page.locator("footer.bd-footer-content").inner_text()
        except Exception as err:  # no rocket, or a menu that does not open
            failures.append(f"{path}: no launch menu ({type(err).__name__})")
            continue
        finally:
            page.close()
        binder = links.get("Binder", "")
        colab = links.get("Colab", "")
        binder_url = urlparse(binder)
        if not (binder_url.path.endswith(f"/v2/gh/{repo}/{branch}")
                and parse_qs(binder_url.query).get("urlpath") == [f"tree/{notebook}"]):
            failures.append(f"{path}: Binder link {binder!r} does not open {notebook}")
        if colab != f"https://colab.research.google.com/github/{repo}/blob/{branch}/{notebook}":
            failures.append(f"{path}: Colab link {colab!r} does not open {notebook}")
        if "CC BY 4.0" not in footer or "MIT" not in footer:
            failures.append(f"{path}: no licence footer (footer reads {footer[:80]!r})")
    reader.close()
    assert not failures, "\n".join(failures)

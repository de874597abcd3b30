"""The teaching kit's raw links, in the built book.

The kit links to each chapter's quiz and to claims-register entries with plain HTML anchors
(`chapter.html#check-your-understanding`, `checking-the-article.html#C12`), which the build's
warnings do not check: a renamed heading or a removed claim would break them silently.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.book

KIT_PAGES = [f"appendix/teaching/{name}.html" for name in ("facilitation", "syllabus", "debate", "capstone")]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(html_dir: Path, page: str) -> list[str]:
    """Relative links from a built page whose file, or whose #fragment in that file, is missing."""
    source = html_dir / page
    broken = []
    for href in _parse(source).hrefs:
        url = urlparse(href)
        if url.scheme or url.netloc or href.startswith("#") or not url.path:
            continue
        target = (source.parent / url.path).resolve()
        if not target.is_file():
            broken.append(f"{page}: {href} (no such page)")
        elif url.fragment and url.fragment not in _parse(target).ids:
            broken.append(f"{page}: {href} (no #{url.fragment} on that page)")
    return broken


def test_every_link_from_the_kit_reaches_its_page_and_anchor(built_book):
    assert all((built_book / page).is_file() for page in KIT_PAGES)
    problems = [p for page in KIT_PAGES for p in broken_links(built_book, page)]
    assert not problems, "\n".join(problems)


def test_link_check_can_fail(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#quiz">q</a> <a href="c.html">c</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<section id="other"></section>', encoding="utf-8")
    assert broken_links(tmp_path, "a.html") == ["a.html: b.html#quiz (no #quiz on that page)",
                                                "a.html: c.html (no such page)"]

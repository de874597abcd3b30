"""The register as a filterable HTML table: the appendix page 'Checking the article'.

The markup is in ``register.html`` and ``register_row.html`` beside this module (``string.Template``
placeholders, values escaped here); the style and the filter script are the book's static files
``_static/claims-register.css`` and ``_static/claims-register.js``, which every page loads
(``_config.yml``). The filters stay hidden until that script shows them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from string import Template

import pandas as pd

from .. import DATA_DIR
from .framework import VERDICTS, register, run

# Short forms of the chapters' titles, for menus and chart labels.
CHAPTER_TITLES = {1: "The turn to the East", 2: "Record trade", 3: "Leaders and institutions",
                  4: "Security and strategic depth", 5: "A friendship with limits",
                  6: "The war as accelerant", 7: "Energy and money", 8: "Central Asia",
                  9: "Pragmatism on Ukraine", 10: "Reverse Kissinger?", 11: "Status quo"}
CHAPTER_SLUGS = {1: "01-turn-to-the-east", 2: "02-record-trade", 3: "03-leaders-institutions",
                 4: "04-security-depth", 5: "05-friendship-limits", 6: "06-war-accelerant",
                 7: "07-energy-money", 8: "08-central-asia", 9: "09-ukraine-pragmatism",
                 10: "10-reverse-kissinger", 11: "11-status-quo"}
# Verdict colours for the chart and the table's margin marks (Okabe & Ito); the verdict is
# always written out too, so colour is never the only cue.
VERDICT_COLOURS = {"confirmed": "#009E73", "imprecise": "#E69F00", "incorrect": "#D55E00",
                   "unverified": "#0072B2", "interpretation": "#CC79A7"}

_HERE = Path(__file__).parent
PAGE = Template((_HERE / "register.html").read_text(encoding="utf-8"))
ROW = Template((_HERE / "register_row.html").read_text(encoding="utf-8"))


def _esc(value) -> str:
    return html.escape("" if pd.isna(value) else str(value))


def _row(row, data_dir: Path, chapter_link: Callable[[int], str | None] | None) -> str:
    chapter = f"chapter {row.chapter}"
    link = chapter_link(int(row.chapter)) if chapter_link else None
    if link:
        chapter = f'<a href="{_esc(link)}">{chapter}</a>'
    value = (f'<p class="sr-muted">Article\'s figure: {_esc(row.article_value)}</p>'
             if not pd.isna(row.article_value) and row.article_value else "")
    recomputed = ""
    if not pd.isna(row.check) and row.check:
        result = run(row.check, data_dir)
        recomputed = (f'<p><strong>Recomputed now</strong> (<code>{_esc(row.check)}</code>): '
                      f'{_esc(result.summary)}</p>')
    tables = "".join(f"<code>{_esc(t)}</code> " for t in str(row.evidence_tables or "").split())
    # Explicit roles in the template keep the table's meaning for screen readers when a
    # phone-width style lays each row out as a card.
    return ROW.substitute(
        claim_id=_esc(row.claim_id), verdict=_esc(row.verdict), chapter=int(row.chapter),
        paragraph=int(row.paragraph), chapter_ref=chapter, quote=_esc(row.quote), article_value=value,
        kind=_esc(row.kind), colour=VERDICT_COLOURS[row.verdict], evidence=_esc(row.evidence),
        explanation=_esc(row.explanation), recomputed=recomputed, source_url=_esc(row.source_url),
        source_publisher=_esc(row.source_publisher), source_date=_esc(row.source_date),
        tables="; tables " + tables if tables else "")


def register_html(frame: pd.DataFrame | None = None, data_dir: Path = DATA_DIR,
                  chapter_link: Callable[[int], str | None] | None = None) -> str:
    """The register as an HTML table with two keyboard-usable filters (verdict, chapter).

    Each row's ``id`` is its claim id, so a chapter can link to ``checking-the-article.html#C30``;
    opening such a link shows the row even if a filter hid it. Checked rows carry the sentence
    their check computes now, so the page shows the evidence as the data give it today.
    ``chapter_link(n)`` returns the address of chapter n's page, or None if it has none yet.
    """
    frame = register(data_dir) if frame is None else frame
    verdict_options = "".join(f'<option value="{v}">{v.capitalize()} ({(frame["verdict"] == v).sum()})</option>'
                              for v in VERDICTS if (frame["verdict"] == v).any())
    chapter_options = "".join(f'<option value="{n}">{n}. {_esc(CHAPTER_TITLES[n])} '
                              f'({(frame["chapter"] == n).sum()})</option>'
                              for n in sorted(frame["chapter"].unique()))
    rows = "".join(_row(row, data_dir, chapter_link) for row in frame.itertuples())
    return PAGE.substitute(verdict_options=verdict_options, chapter_options=chapter_options,
                           total=len(frame), rows=rows)

"""The claims register: each verdict on the article's numbers is recomputed from the data.

The register (table ``claims`` of the data package) lists every checkable statement in Pierre
Andrieu's article with a verdict. A row whose verdict rests on numbers or dates names a
*check*: a small function that loads the tables it declares, computes the figures that decide
the claim, and returns them with the verdict they support. ``tests/test_claims.py`` runs every
check and fails when a computed verdict differs from the register's, so a data change that no
longer supports a verdict cannot pass unnoticed.

- ``framework``: ``Result``, the ``@check(tables...)`` registry, ``run``, ``recompute``;
- ``checks``: the checks themselves, one per claim;
- ``page``: the register as the appendix page's filterable table.

>>> run("dollar_growth_2023").verdict          # doctest: +SKIP
'imprecise'
"""

from . import checks  # noqa: F401  (registers the checks)
from .framework import (
    ARTICLE_DATE,
    CHECKS,
    KINDS,
    VERDICTS,
    Result,
    article_figure,
    check,
    read_article_paragraphs,
    recompute,
    register,
    run,
    verdict_counts,
)
from .page import CHAPTER_SLUGS, CHAPTER_TITLES, VERDICT_COLOURS, register_html

__all__ = ["ARTICLE_DATE", "CHAPTER_SLUGS", "CHAPTER_TITLES", "CHECKS", "KINDS", "VERDICTS", "VERDICT_COLOURS",
           "Result", "article_figure", "check", "read_article_paragraphs", "recompute", "register",
           "register_html", "run", "verdict_counts"]

"""The check framework: what a check returns, how checks are registered and run.

A check is a small function of the data folder that loads the tables it declares, computes the
figures that decide one claim and returns them with the verdict they support. It is registered
with ``@check("table", ...)``: the names are the tables it reads, which the register's
``evidence_tables`` must match (``tests/test_claims.py`` holds both, and that a check reads
nothing it did not declare). The article's figure a check tests is read from the register's
typed ``article_figure`` column (``article_figure(...)``), never typed into the check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import DATA_DIR, data

ARTICLE_DATE = "2025-03-04"
VERDICTS = ["confirmed", "imprecise", "incorrect", "unverified", "interpretation"]
KINDS = ["number", "date", "event", "count", "interpretation"]


@dataclass(frozen=True)
class Result:
    """What a check computed: the verdict, the figures behind it and one plain sentence."""

    verdict: str
    summary: str
    figures: dict[str, float] = field(default_factory=dict)
    claimed: float | None = None  # the article's figure being tested, where it has one

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")
        # Plain Python numbers (NumPy scalars print as np.float64(...) and cannot be glued).
        object.__setattr__(self, "figures", {k: float(v) for k, v in self.figures.items()})


Check = Callable[[Path], Result]
CHECKS: dict[str, Check] = {}


def check(*reads: str) -> Callable[[Check], Check]:
    """Register a check under its function name, with the tables it reads."""
    def add(fn: Check) -> Check:
        fn.reads = tuple(sorted(reads))
        CHECKS[fn.__name__] = fn
        return fn
    return add


def run(name: str, data_dir: Path = DATA_DIR) -> Result:
    """Run one check by name against the data package in ``data_dir``."""
    if name not in CHECKS:
        raise KeyError(f"no check named {name!r}; checks: {', '.join(sorted(CHECKS))}")
    return CHECKS[name](Path(data_dir))


def register(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The claims register, checked against its schema."""
    return data.load("claims", Path(data_dir))


def article_figure(check_name: str, data_dir: Path = DATA_DIR) -> float:
    """The article's figure that a check tests: the register's ``article_figure`` on its row."""
    rows = register(data_dir)
    figure = rows.loc[rows["check"] == check_name, "article_figure"].dropna()
    if len(figure) != 1:
        raise LookupError(f"claims.csv: the row checked by {check_name!r} needs one article_figure, "
                          f"found {len(figure)}")
    return float(figure.iloc[0])


def recompute(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Every row with a check, with the register's verdict and the verdict the data gives now."""
    rows = []
    for row in register(data_dir).itertuples():
        if pd.isna(row.check) or not row.check:
            continue
        result = run(row.check, data_dir)
        rows.append({"claim_id": row.claim_id, "check": row.check, "register_verdict": row.verdict,
                     "computed_verdict": result.verdict, "summary": result.summary})
    return pd.DataFrame(rows)


def verdict_counts(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Rows of the register by verdict, in the order of ``VERDICTS``."""
    counts = register(data_dir)["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def read_article_paragraphs(path: Path) -> list[str]:
    """The article's body paragraphs (the register counts from 'Could the American-Russian…' = 1)."""
    text = Path(path).read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n")]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Could the American-Russian"))
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("The views and opinions"))
    return paragraphs[start:end]

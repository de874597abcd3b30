"""The claims register: every row valid, every numeric verdict recomputed from the data.

The register (``data/claims.csv``) gives a verdict on each checkable statement in the article.
Rows that rest on numbers or dates name a check in ``sinorussia.claims``; these tests run each
check against the data package and fail when the computed verdict differs from the register's,
so a data change that no longer supports a verdict fails here. The last tests corrupt a copy of
the package and show that the verdicts move with the data.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sinorussia import DATA_DIR, ROOT, claims, data

pytestmark = pytest.mark.fast

REGISTER = claims.register()
CHECKED = REGISTER[REGISTER["check"].fillna("") != ""]
CHAPTER_OF_PARAGRAPH = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 6, 9: 7, 10: 8, 11: 9, 12: 9,
                        13: 10, 14: 10, 15: 11}
# The article is not part of the repository (it is quoted, not republished); the tests that
# compare quotations with it run where a copy is available.
# The team keeps it in shared/ beside the repository (as on CI); SINORUSSIA_ARTICLE overrides.
ARTICLE = Path(os.environ.get("SINORUSSIA_ARTICLE", ROOT.parent / "shared" / "article"
                              / "reverse-kissinger-or-status-quo.md"))


# --- the register itself -------------------------------------------------------------------

def test_register_matches_its_schema():
    assert data.check("claims") == []


def test_claim_ids_are_unique_and_in_order():
    ids = list(REGISTER["claim_id"])
    assert len(ids) == len(set(ids)), "duplicate claim ids"
    assert ids == [f"C{i:02d}" for i in range(1, len(ids) + 1)], "ids must run C01, C02, ... without gaps"
    assert list(REGISTER["paragraph"]) == sorted(REGISTER["paragraph"]), "rows follow the article's order"


def test_chapter_follows_from_paragraph():
    wrong = REGISTER[REGISTER["paragraph"].map(CHAPTER_OF_PARAGRAPH) != REGISTER["chapter"]]
    assert wrong.empty, f"chapter does not match the paragraph map: {list(wrong['claim_id'])}"


def test_every_paragraph_with_a_checkable_statement_has_a_row():
    # Paragraph 1 is a question; every later paragraph makes at least one checkable statement.
    missing = set(range(2, 16)) - set(REGISTER["paragraph"])
    assert not missing, f"paragraphs with no row: {sorted(missing)}"


def test_every_numeric_row_has_a_check():
    numeric = REGISTER[REGISTER["kind"].isin(["number", "count"])]
    unchecked = numeric[numeric["check"].fillna("") == ""]
    assert unchecked.empty, f"numeric rows without a check: {list(unchecked['claim_id'])}"


def test_interpretations_are_labelled_as_such():
    # An interpretation has no computation behind its verdict, and an interpretive kind gets
    # the interpretation verdict.
    interp = REGISTER[REGISTER["verdict"] == "interpretation"]
    assert (interp["check"].fillna("") == "").all()
    assert (REGISTER.loc[REGISTER["kind"] == "interpretation", "verdict"] == "interpretation").all()


def test_checks_named_in_the_register_exist_and_none_is_orphaned():
    named = set(CHECKED["check"])
    assert named <= set(claims.CHECKS), f"unknown checks: {named - set(claims.CHECKS)}"
    assert set(claims.CHECKS) <= named, f"checks no row uses: {set(claims.CHECKS) - named}"


def test_evidence_names_real_tables():
    tables = set(data.names())
    for row in REGISTER.itertuples():
        named = (row.evidence_tables or "").split()
        assert set(named) <= tables, f"{row.claim_id}: unknown tables {set(named) - tables}"
        for name in named:
            assert name in row.evidence, f"{row.claim_id}: the evidence text does not mention {name}"
        if not named:
            assert row.verdict == "unverified", f"{row.claim_id}: a verdict with no table must be unverified"


def test_source_columns_are_copied_from_an_evidence_table():
    """The register's source is the source of a row in one of its evidence tables; never the article."""
    for row in REGISTER.itertuples():
        assert row.status == "reported"
        assert not re.search("Andrieu|Geopolitical Monitor", row.source_publisher, re.I)
        named = (row.evidence_tables or "").split()
        if not named:
            assert "no table covers" in (row.note or ""), f"{row.claim_id}: say why the source is outside the tables"
            continue
        found = any(
            ((frame["source_publisher"] == row.source_publisher) & (frame["source_url"] == row.source_url)
             & (frame["source_date"] == row.source_date)).any()
            for frame in (data.load(name) for name in named))
        assert found, f"{row.claim_id}: source not found in {named}"


def test_cross_references_point_to_existing_claims():
    ids = set(REGISTER["claim_id"])
    for row in REGISTER.itertuples():
        refs = set(re.findall(r"\bC\d{2}\b", f"{row.evidence} {row.explanation}"))
        assert refs <= ids, f"{row.claim_id} refers to {refs - ids}"


# --- no invented numbers --------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def _numbers(text: str, dates: bool = True) -> list[str]:
    """Numbers in a text, thousands separators removed; claim ids, chapter numbers and (unless
    ``dates`` is false) ISO dates left out."""
    text = re.sub(r"\bC\d{2}\b|\bchapter \d+\b", " ", text)
    if dates:
        text = ISO_DATE.sub(" ", text)
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def _table_numbers(names: list[str]) -> set[float]:
    """Every number written in the cited tables' cells, notes included."""
    found = set()
    for name in names:
        path = DATA_DIR / data.resource(name)["path"]
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    found.update(float(n) for n in _numbers(cell, dates=False) if n)
    return found


def _matches(token: str, tables: set[float], figures: list[float]) -> bool:
    value = float(token)
    decimals = len(token.split(".")[1]) if "." in token else 0
    return value in tables or any(abs(round(f, decimals) - value) < 1e-9 for f in figures)


@pytest.mark.parametrize("claim_id", list(REGISTER["claim_id"]))
def test_every_number_in_the_evidence_comes_from_the_data(claim_id):
    """A number in the evidence or explanation is a value of a cited table, a figure the check
    computes, or the article's own figure; dates in ISO form appear in the cited tables."""
    row = REGISTER.set_index("claim_id").loc[claim_id]
    names = (row["evidence_tables"] or "").split() if not pd.isna(row["evidence_tables"]) else []
    tables = _table_numbers(names)
    figures = list(claims.run(row["check"]).figures.values()) if not pd.isna(row["check"]) and row["check"] else []
    figures += [float(n) for n in _numbers(row["article_value"] or "")] if not pd.isna(row["article_value"]) else []
    figures += [float(n) for n in _numbers(row["source_date"], dates=False)]  # the cited page's own date
    text = f"{row['evidence']} {row['explanation']}"
    stray = [n for n in _numbers(text) if not _matches(n, tables, figures)]
    assert not stray, f"{claim_id}: numbers found in no cited table and no check: {stray}"
    table_text = " ".join((DATA_DIR / data.resource(n)["path"]).read_text(encoding="utf-8") for n in names)
    table_text += f" {row['source_date']}"
    dates = [d for d in ISO_DATE.findall(text) if d not in table_text]
    assert not dates, f"{claim_id}: dates found in no cited table: {dates}"


# --- every verdict recomputed ---------------------------------------------------------------

@pytest.mark.parametrize("claim_id, name", list(zip(CHECKED["claim_id"], CHECKED["check"], strict=False)))
def test_verdict_is_recomputed_from_the_data(claim_id, name):
    verdict = REGISTER.set_index("claim_id").loc[claim_id, "verdict"]
    result = claims.run(name)
    assert result.verdict == verdict, (
        f"{claim_id}: the register says {verdict!r} but the data now give {result.verdict!r} "
        f"({name}: {result.summary})")
    assert len(result.summary.split()) >= 6


def test_figures_become_plain_floats():
    """A check may compute NumPy scalars; Result turns them into floats, which the register page can print."""
    import numpy as np

    result = claims.Result("confirmed", "a summary of six words at least", {"x": np.float64(1.5), "n": np.int64(2)})
    assert [type(v) for v in result.figures.values()] == [float, float] and result.figures == {"x": 1.5, "n": 2.0}


def test_the_article_figure_tested_is_the_registers():
    """A check tests the register's typed ``article_figure``, and a row has one exactly when
    its check tests a figure; a figure written in digits in ``article_value`` is that number."""
    for row in REGISTER.itertuples():
        claimed = claims.run(row.check).claimed if not pd.isna(row.check) and row.check else None
        if claimed is None:
            assert pd.isna(row.article_figure), f"{row.claim_id}: no check tests article_figure {row.article_figure}"
            continue
        assert claimed == row.article_figure, f"{row.claim_id}: check tests {claimed}, not {row.article_figure}"
        scale = 1_000_000 if "million" in (row.article_value or "") else 1
        written = [float(n) * scale for n in _numbers(row.article_value or "")]
        figure = row.article_figure
        assert not written or figure in written, f"{row.claim_id}: {row.article_value!r} != {figure}"


def test_a_check_reads_the_article_figure_from_the_register(package_copy):
    """Change the typed figure and the verdict follows: the check holds no copy of it."""
    assert claims.run("record_trade_2024", package_copy).verdict == "confirmed"
    _edit(package_copy, "claims", {"claim_id": "C07"}, "article_figure", "260")
    assert claims.run("record_trade_2024", package_copy).verdict == "incorrect"
    _edit(package_copy, "claims", {"claim_id": "C07"}, "article_figure", "")
    with pytest.raises(LookupError, match="record_trade_2024"):
        claims.run("record_trade_2024", package_copy)


def _tables_loaded(name: str) -> set[str]:
    loaded: set[str] = set()
    real = data.load

    def spy(table, *args, **kwargs):
        loaded.add(table)
        return real(table, *args, **kwargs)

    data.load = spy
    try:
        claims.run(name)
    finally:
        data.load = real
    return loaded - {"claims"}  # the register itself, read for the article's figure


@pytest.mark.parametrize("name", sorted(claims.CHECKS))
def test_a_check_reads_what_it_declares_and_the_register_cites_it(name):
    """Each check declares its tables; it loads exactly those, and every register row it decides
    names exactly those as its evidence tables."""
    declared = set(claims.CHECKS[name].reads)
    assert _tables_loaded(name) == declared, f"{name} declares {sorted(declared)}"
    for row in CHECKED[CHECKED["check"] == name].itertuples():
        cited = set((row.evidence_tables or "").split())
        assert cited == declared, f"{row.claim_id}: evidence tables {sorted(cited)}, {name} reads {sorted(declared)}"


def test_the_declaration_check_can_fail(monkeypatch):
    monkeypatch.setattr(claims.CHECKS["record_trade_2024"], "reads", ("trade_cny", "trade_usd"))
    with pytest.raises(AssertionError, match="declares"):
        test_a_check_reads_what_it_declares_and_the_register_cites_it("record_trade_2024")


# --- the quotations are the article's -------------------------------------------------------

def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)           # links whose targets were lost
    text = text.replace("\\", "")
    for curly, straight in {"“": '"', "”": '"', "‘": "'", "’": "'"}.items():
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text)


def test_quotes_and_values_are_in_their_paragraph():
    # The article sits in shared/ beside the repository on every machine and on CI: missing is a failure.
    assert ARTICLE.exists(), f"the article is missing at {ARTICLE} (set SINORUSSIA_ARTICLE to its path)"
    paragraphs = [_plain(p) for p in claims.read_article_paragraphs(ARTICLE)]
    assert len(paragraphs) == 15
    for row in REGISTER.itertuples():
        body = paragraphs[row.paragraph - 1]
        assert _plain(row.quote) in body, f"{row.claim_id}: quote not found in paragraph {row.paragraph}"
        if row.article_value and not pd.isna(row.article_value):
            assert _plain(row.article_value) in body, f"{row.claim_id}: value not in paragraph {row.paragraph}"


def test_quotes_are_short():
    for row in REGISTER.itertuples():
        assert len(row.quote.split()) <= 30, f"{row.claim_id}: quote longer than a short sentence"


# --- the tests can fail: corrupt a copy of the package and the verdicts move ----------------

@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _edit(folder: Path, table: str, where: dict, column: str, value: str) -> None:
    path = folder / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, hits = rows[0], 0
    for row in rows[1:]:
        if all(row[header.index(k)] == v for k, v in where.items()):
            row[header.index(column)] = value
            hits += 1
    assert hits == 1, f"{table}: {hits} rows match {where}"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    # data.load caches each table by folder; forget the copy's tables read before the edit.
    data._load.cache_clear()


@pytest.mark.parametrize("table, where, column, value, check, before, after", [
    # If Power of Siberia 1 could carry 88 bcm, 'half of European sales' would be right.
    ("pipelines", {"pipeline": "power_of_siberia_1", "capacity_kind": "design"}, "capacity", "88",
     "pos1_share_of_europe", "incorrect", "confirmed"),
    # If customs had reported 32.7% in dollars, the article's rate would be confirmed.
    ("trade_usd", {"year": "2023", "flow": "total"}, "reported_yoy_pct", "32.7",
     "dollar_growth_2023", "imprecise", "confirmed"),
    # If the yuan rate were 30%, the article's 32.7% would match neither currency.
    ("trade_cny", {"year": "2023", "flow": "total"}, "reported_yoy_pct", "30",
     "dollar_growth_2023", "imprecise", "incorrect"),
    # A 2024 total below 2023's is no record.
    ("trade_usd", {"year": "2024", "flow": "total"}, "value_usd_bn", "239.5",
     "record_trade_2024", "confirmed", "incorrect"),
    # A pre-article poll with 85% hostile to Putin would confirm the figure.
    ("us_opinion", {"pollster": "Quinnipiac", "question": "distrust"}, "pct", "85",
     "americans_hostile_to_putin", "unverified", "confirmed"),
    # A position paper dated otherwise contradicts the article's date.
    ("events", {"date": "2023-02-24"}, "date", "2023-03-01",
     "peace_plan_date", "confirmed", "incorrect"),
    # Counts far from forty would make 'around forty' imprecise.
    ("xi_putin_meetings", {"statement_date": "2023-10-18"}, "count", "55",
     "meetings_around_forty", "confirmed", "imprecise"),
    # Russia second among China's crude suppliers in the latest year: no longer the largest.
    ("crude_imports_from_russia", {"year": "2024", "measure": "supplier_rank"}, "value", "2",
     "china_buys_russian_energy", "confirmed", "imprecise"),
    # One vote by China for a text Russia opposed would be a condemnation.
    ("un_votes", {"document": "S/2022/720"}, "china_vote", "in_favour",
     "china_abstained", "confirmed", "incorrect"),
])
def test_a_data_change_moves_the_verdict(package_copy, table, where, column, value, check, before, after):
    assert claims.run(check, package_copy).verdict == before
    _edit(package_copy, table, where, column, value)
    assert claims.run(check, package_copy).verdict == after


def test_the_energy_check_reads_the_latest_year(package_copy):
    """A new year of Power of Siberia deliveries becomes the check's evidence (no hard-coded year)."""
    path = package_copy / "pos1_deliveries.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows.append(["2026", "40.5"] + rows[-1][2:])
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    data._load.cache_clear()
    figures = claims.run("china_buys_russian_energy", package_copy).figures
    assert (figures["pos1_year"], figures["pos1_bcm"], figures["pos1_bcm_year_before"]) == (2026, 40.5, 38.8)


def test_register_check_fails_when_the_data_stop_supporting_a_verdict(package_copy):
    """What the main test does, on a corrupted copy: the mismatch is found and named."""
    assert (claims.recompute(package_copy)["computed_verdict"]
            == claims.recompute(package_copy)["register_verdict"]).all()
    _edit(package_copy, "pipelines", {"pipeline": "power_of_siberia_1", "capacity_kind": "design"},
          "capacity", "88")
    table = claims.recompute(package_copy)
    broken = table[table["computed_verdict"] != table["register_verdict"]]
    # Both verdicts built on Power of Siberia 1's capacity move: 'half' and 'could double'.
    assert set(broken["check"]) == {"pos1_share_of_europe", "pos2_doubles"}


def test_a_new_table_on_tesla_forces_a_review(package_copy):
    _edit(package_copy, "events", {"date": "2025-01-20"}, "note", "Musk and Tesla executives attended")
    with pytest.raises(LookupError, match="Tesla"):
        claims.run("tesla_factories_shanghai", package_copy)


def test_a_bad_register_row_is_named(package_copy):
    _edit(package_copy, "claims", {"claim_id": "C07"}, "verdict", "true")
    problems = data.check("claims", package_copy)
    assert problems and "claims.csv" in problems[0] and "'verdict'" in problems[0]


# --- the appendix page's table --------------------------------------------------------------

def test_register_table_has_an_anchor_per_claim_and_labelled_filters():
    page = claims.register_html()
    for claim_id in REGISTER["claim_id"]:
        assert page.count(f'id="{claim_id}"') == 1, claim_id
    assert '<label for="claims-verdict">' in page and 'id="claims-verdict"' in page
    assert '<label for="claims-chapter">' in page and 'id="claims-chapter"' in page
    assert 'aria-live="polite"' in page
    assert "src=" not in page, "the table must work offline, with no external script"
    # Style and script are the book's static files, loaded on every page; the filters stay
    # hidden until the script shows them (a notebook in Jupyter shows the whole table).
    assert "<style" not in page and "<script" not in page
    assert re.search(r'<form class="sr-claims-filter"[^>]* hidden>', page)
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    for asset in ("claims-register.css", "claims-register.js"):
        assert (ROOT / "_static" / asset).exists() and asset in config, asset
    script = (ROOT / "_static" / "claims-register.js").read_text(encoding="utf-8")
    assert 'getElementById("claims-register")' in script and "hidden = false" in script
    # Checked rows show what their check computes now.
    assert page.count("Recomputed now") == len(CHECKED)

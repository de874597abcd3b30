"""The data package: valid Frictionless, every row sourced, bad edits rejected by name."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from sinorussia import DATA_DIR, data

pytestmark = pytest.mark.fast

BOOKKEEPING = ["status", "source_publisher", "source_url", "source_date", "source_tier", "read_at_url",
               "corroboration_publisher", "corroboration_url", "corroboration_tier", "note"]


def test_package_is_valid_frictionless():
    from frictionless import validate

    report = validate(str(DATA_DIR / "datapackage.json"))
    errors = [f"{e.type}: {e.message}" for t in report.tasks for e in t.errors] + \
             [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:20])


def test_every_csv_in_data_is_described():
    described = {r["path"] for r in data.package()["resources"]}
    on_disk = {p.name for p in DATA_DIR.glob("*.csv")}
    assert on_disk == described, f"undescribed: {on_disk - described}; missing: {described - on_disk}"


@pytest.mark.parametrize("name", data.names())
def test_every_row_names_its_source(name):
    res = data.resource(name)
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert [f["name"] for f in res["schema"]["fields"]][-len(BOOKKEEPING):] == BOOKKEEPING
    for column in data.SOURCE_COLUMNS + ["source_tier"]:
        assert fields[column].get("constraints", {}).get("required"), f"{name}.{column} must be required"
    assert res.get("sources") and res.get("licenses") and res.get("description")
    assert data.check(name) == []
    frame = data.load(name)
    assert len(frame) > 0
    assert frame["source_url"].str.match(r"https?://").all()
    # A derived or unconfirmed value must say how it was made, or why it is doubtful.
    explained = frame.loc[frame["status"] != "reported", "note"].fillna("")
    assert (explained.str.len() > 10).all(), f"{name}: a derived/unconfirmed row lacks a note"


def test_article_figures_are_not_data():
    """The article's own numbers are claims to check: no row may cite the article."""
    for name in data.names():
        frame = data.load(name)
        assert not frame["source_publisher"].str.contains("Andrieu|Geopolitical Monitor", case=False).any(), name


# --- a corrupted copy of the package is rejected, naming file, row and field -------------

@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _corrupt(folder: Path, row: int, column: str, value: str) -> None:
    path = folder / "trade_usd.csv"
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize("column, value, words", [
    ("value_usd_bn", "12O.5", "not a valid number"),
    ("source_url", "", "empty but required"),
    ("value_usd_bn", "-4", "below the minimum"),
    ("flow", "exports", "not one of"),
    ("source_date", "last year", "does not match"),
])
def test_corrupted_row_is_rejected_with_file_row_and_field(package_copy, column, value, words):
    _corrupt(package_copy, 7, column, value)
    with pytest.raises(data.DataError) as caught:
        data.load("trade_usd", package_copy)
    message = str(caught.value)
    assert "trade_usd.csv" in message and "row 7" in message and repr(column) in message
    assert words in message


def test_wrong_header_is_named(package_copy):
    path = package_copy / "trade_usd.csv"
    path.write_text(path.read_text().replace("value_usd_bn", "value", 1))
    assert "header" in data.check("trade_usd", package_copy)[0]


def test_unknown_table_lists_the_tables():
    with pytest.raises(KeyError, match="trade_usd"):
        data.load("trade_in_dollars")


def test_broken_descriptor_is_named(package_copy):
    (package_copy / "datapackage.json").write_text("{ not json")
    with pytest.raises(data.DataError, match="datapackage.json"):
        data.package(package_copy)


def test_charts_get_the_tier_and_a_weak_source_flag_but_no_addresses():
    frame = data.load("trade_usd")
    embedded = data.drop_sources(frame)
    assert {"source_tier", "weak_source"} <= set(embedded.columns)
    assert not {"source_url", "read_at_url", "corroboration_url", "note"} & set(embedded.columns)
    # 2025's total rests on TASS (state media) corroborated by The Moscow Times: not weak.
    row = embedded[(embedded["year"] == 2025) & (embedded["flow"] == "total")].iloc[0]
    assert row["source_tier"] == "state_media" and not row["weak_source"]
    # 2010's exports to Russia rest on VietnamPlus (state media) alone: weak.
    assert embedded[(embedded["year"] == 2010) & (embedded["flow"] == "china_exports")]["weak_source"].item()


def test_the_data_sources_page_says_which_figures_are_not_yet_independently_confirmed():
    """The page the chart notes send readers to: each source row says whether its figures are
    independently confirmed, and the rows it counts as "not yet" are the table's weak rows."""
    from sinorussia import catalog

    for name in ("trade_usd", "events"):
        page = catalog.resource_markdown(name)
        rows = re.findall(r"<tr><td>.*?</tr>", page)
        cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
        not_yet = sum(int(c[-1]) for c in cells if c[-2] == "not yet")
        assert not_yet == int(data.weak_source(data.load(name)).sum()), name
        assert all(c[-2] in ("yes", "not yet") for c in cells)
    assert not_yet == 0  # events: every row confirmed

"""The evidence ledger the exercises append to (sinorussia.ledger)."""

from __future__ import annotations

import csv
import json

import pytest

from sinorussia import ROOT, exercises, ledger

pytestmark = pytest.mark.fast

ENTRY = dict(chapter=7, claim="Power of Siberia 1 cannot replace the European market",
             evidence="Design capacity of 38 bcm a year, a quarter of former sales to Europe",
             source_table="pipelines; russia_gas_to_europe", strength="strong", supports="both")


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_the_columns_are_the_downloadable_templates(tmp_path):
    template = ROOT / "appendix" / "teaching" / "evidence-ledger.csv"
    assert rows(template)[0] == ledger.COLUMNS
    ledger.add(**ENTRY, path=tmp_path / "l.csv")
    assert rows(tmp_path / "l.csv")[0] == ledger.COLUMNS


def test_entries_append_in_chapter_order_and_a_rerun_replaces_its_row(tmp_path, capsys):
    path = tmp_path / "ledger.csv"
    ledger.add(**ENTRY, path=path)
    ledger.add(chapter=2, claim="Trade reached a record in 2024 in dollars",
               evidence="244.81 billion dollars in 2024", source_table="trade_usd", register_id="C12",
               strength="strong", supports="status_quo", path=path)
    ledger.add(**{**ENTRY, "strength": "moderate"}, path=path)            # the chapter 7 cell run again
    body = rows(path)[1:]
    assert [(r[0], r[5]) for r in body] == [("2", "strong"), ("7", "moderate")]
    assert body[0][3:5] == ["trade_usd", "C12"]
    assert "updated chapter 7's row" in capsys.readouterr().out
    assert [r["chapter"] for r in ledger.read_rows(path)] == ["2", "7"]


def test_a_cell_still_holding_dots_writes_nothing_and_says_what_to_fill(tmp_path, capsys):
    path = tmp_path / "ledger.csv"
    assert ledger.add(chapter=3, claim=..., evidence=..., source_table=..., strength=..., supports=...,
                      path=path) is None
    assert not path.exists()
    assert "fill in claim, evidence, source_table, strength, supports" in capsys.readouterr().out


@pytest.mark.parametrize(("change", "words"), [
    ({"chapter": 12}, "chapter"),
    ({"chapter": "7"}, "chapter"),
    ({"source_table": "gas_prices"}, "gas_prices is not one of them"),
    ({"strength": "very strong"}, "strength"),
    ({"supports": "china"}, "supports"),
    ({"register_id": "claim 7"}, "register_id"),
    ({"claim": "yes"}, "claim"),
])
def test_a_bad_entry_is_refused_with_the_field_named_and_the_ledger_kept(tmp_path, change, words):
    path = tmp_path / "ledger.csv"
    ledger.add(**ENTRY, path=path)
    before = path.read_bytes()
    with pytest.raises(ledger.LedgerError, match=words):
        ledger.add(**{**ENTRY, **change}, path=path)
    assert path.read_bytes() == before


def test_the_default_ledger_is_one_file_for_every_exercise_folder(monkeypatch):
    monkeypatch.delenv(ledger.ENV_VAR, raising=False)
    assert ledger.default_path() == ROOT / "exercises" / "evidence-ledger.csv"
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "/exercises/evidence-ledger.csv" in ignored, "a student's ledger must not be committed by accident"


def test_every_chapter_exercise_ends_with_a_ledger_cell_for_its_own_chapter():
    chapters = [m for m in exercises.masters() if 1 <= int(m.stem[:2]) <= 11]
    assert len(chapters) == 11
    for master in chapters:
        cells = json.loads(master.read_text(encoding="utf-8"))["cells"]
        cell = next((c for c in cells if c.get("id") == "ledger"), None)
        assert cell is not None, f"{master.name}: no cell with id 'ledger'"
        assert f"chapter={int(master.stem[:2])}," in "".join(cell["source"]), f"{master.name}: wrong chapter"
        after = [c.get("id") for c in cells[cells.index(cell):]]
        assert "w1-end" not in after, f"{master.name}: the ledger cell comes after the written question"


def test_a_ledger_that_cannot_be_written_is_reported_not_raised(tmp_path, capsys):
    """The grader runs submissions on a read-only file system: a filled ledger cell must not fail there."""
    assert ledger.add(**ENTRY, path=tmp_path / "no-such-folder" / "ledger.csv") is None
    assert "cannot write" in capsys.readouterr().out

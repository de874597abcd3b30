"""The student's evidence ledger: one CSV row per piece of evidence, filled chapter by chapter.

Each exercise ends with a cell that calls ``ledger.add(...)``; the capstone memo is written from
the ledger (appendix/teaching/capstone.md). The columns are those of the template the book
offers for download, ``appendix/teaching/evidence-ledger.csv``.

The ledger lives in one file for the whole module, ``exercises/evidence-ledger.csv`` in the
student's copy of the repository (or the file ``$SINORUSSIA_LEDGER`` names), so the exercises,
each in its own folder, write to the same file. Running the cell again replaces the chapter's
row for the same claim instead of adding a second one. A cell still holding ``...`` writes
nothing and says so, so a blank exercise runs from top to bottom.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

COLUMNS = ["chapter", "claim", "evidence", "source_table", "register_id", "strength", "supports"]
STRENGTHS = ["strong", "moderate", "weak"]
SUPPORTS = ["reverse_kissinger", "status_quo", "both", "neither"]
CHAPTERS = range(1, 12)
ENV_VAR = "SINORUSSIA_LEDGER"


class LedgerError(ValueError):
    """A ledger entry that cannot be recorded; the message says which field and why."""


def default_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from . import ROOT
    return ROOT / "exercises" / "evidence-ledger.csv"


def _check(entry: dict) -> dict:
    """The entry as the CSV row's text, or LedgerError naming the field."""
    from . import data

    chapter = entry["chapter"]
    if isinstance(chapter, bool) or not isinstance(chapter, int) or chapter not in CHAPTERS:
        raise LedgerError(f"chapter should be the chapter's number, 1 to 11, not {chapter!r}")
    for name in ("claim", "evidence"):
        if not isinstance(entry[name], str) or len(entry[name].split()) < 3:
            raise LedgerError(f"{name} should be a sentence in quotes, in your own words")
    tables = [t.strip() for t in str(entry["source_table"]).replace(",", ";").split(";") if t.strip()]
    unknown = [t for t in tables if t not in data.names()]
    if not tables or unknown:
        raise LedgerError(f"source_table {entry['source_table']!r}: name the data package's table(s), separated "
                          f"by ';' (e.g. \"trade_usd\"); {unknown[0] if unknown else 'none given'} is not one of them")
    register = str(entry["register_id"] or "").strip()
    if register and not re.fullmatch(r"C\d\d", register):
        raise LedgerError(f"register_id {register!r}: a claims-register id such as \"C07\", or leave it out")
    if entry["strength"] not in STRENGTHS:
        raise LedgerError(f"strength {entry['strength']!r}: one of {', '.join(STRENGTHS)}")
    if entry["supports"] not in SUPPORTS:
        raise LedgerError(f"supports {entry['supports']!r}: one of {', '.join(SUPPORTS)}")
    return {**entry, "chapter": str(chapter), "claim": " ".join(entry["claim"].split()),
            "evidence": " ".join(entry["evidence"].split()), "source_table": "; ".join(tables),
            "register_id": register}


def read_rows(path: Path | None = None) -> list[dict]:
    """The ledger's rows (empty if there is no ledger yet)."""
    path = Path(path) if path else default_path()
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise LedgerError(f"{path}: its header should be {','.join(COLUMNS)}; it is {reader.fieldnames}")
        return list(reader)


def add(chapter, claim, evidence, source_table, strength, supports, register_id="", path=None) -> Path | None:
    """Record one piece of evidence; returns the ledger's path, or None while a field is still ``...``."""
    entry = dict(chapter=chapter, claim=claim, evidence=evidence, source_table=source_table,
                 register_id=register_id, strength=strength, supports=supports)
    blank = [name for name, value in entry.items() if value is ...]
    if blank:
        print(f"Evidence ledger: fill in {', '.join(blank)} (replace the ...), then run this cell again.")
        return None
    row = _check(entry)
    path = Path(path) if path else default_path()
    rows = [r for r in read_rows(path) if (r["chapter"], r["claim"]) != (row["chapter"], row["claim"])]
    replaced = len(rows) < len(read_rows(path))
    rows.append(row)
    rows.sort(key=lambda r: int(r["chapter"]) if r["chapter"].isdigit() else 0)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".ledger.", suffix=".tmp", dir=path.parent)
    except OSError as err:  # e.g. the grader's read-only sandbox: the exercise itself must still run
        print(f"Evidence ledger: cannot write {path} ({err.strerror}); nothing recorded.")
        return None
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"Evidence ledger: {'updated' if replaced else 'added'} chapter {chapter}'s row in {path} "
          f"({len(rows)} row{'s' if len(rows) != 1 else ''}).")
    return path

"""The Data sources page, written from the data package so it cannot drift from the data."""

from __future__ import annotations

from . import data


def _row_sources(name: str) -> str:
    frame = data.load(name)
    grouped = (frame.groupby(["source_publisher", "source_url", "source_date"], sort=False)
               .size().reset_index(name="rows"))
    lines = ["| Publisher | Date | Rows |", "| --- | --- | --- |"]
    for r in grouped.itertuples():
        lines.append(f"| [{r.source_publisher}]({r.source_url}) | {r.source_date} | {r.rows} |")
    return "\n".join(lines)


def _fields(resource: dict) -> str:
    lines = []
    for f in resource["schema"]["fields"]:
        if f["name"] in data.SOURCE_COLUMNS + ["note"]:
            continue
        unit = f" ({f['unit']})" if f.get("unit") else ""
        lines.append(f"`{f['name']}`{unit}: {f.get('description', '')}")
    return "; ".join(lines)


def resource_markdown(name: str, csv_prefix: str = "../data/") -> str:
    """MyST Markdown for one table: what it holds, its licence, download link and sources."""
    res = data.resource(name)
    frame = data.load(name)
    counts = frame["status"].value_counts()
    status = ", ".join(f"{counts[s]} {s}" for s in data.STATUSES if s in counts)
    licence = ", ".join(lic.get("title", lic["name"]) for lic in res.get("licenses", []))
    return "\n\n".join([
        f"## {res['title']}",
        res.get("description", ""),
        f"**Table** `{name}` · {len(frame)} rows ({status}) · "
        f"{{download}}`Download the CSV <{csv_prefix}{res['path']}>` · **Licence:** {licence}",
        f"**Columns:** {_fields(res)}.",
        "**Sources, row by row:**\n\n" + _row_sources(name),
    ])


def markdown() -> str:
    """The whole catalogue, one section per table, in the package's order."""
    return "\n\n".join(resource_markdown(name) for name in data.names())

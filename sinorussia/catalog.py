"""The Data sources page, written from the data package so it cannot drift from the data."""

from __future__ import annotations

import html

from . import data

TIER_WORDS = {"official": "official", "research": "research", "independent_media": "independent media",
              "state_media": "state media", "mirror_or_aggregator": "mirror or aggregator"}


def _link(text: str, url) -> str:
    if not (isinstance(url, str) and url):
        return ""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _row_sources(name: str) -> str:
    """One row per distinct source, as a compact HTML table: the page lists hundreds of them,
    and Sphinx's own table markup would double its weight (the page budget is 150 KB)."""
    frame = data.load(name).fillna({c: "" for c in data.TRACE_COLUMNS})
    keys = ["source_publisher", "source_url", "source_date", "source_tier", "read_at_url",
            "corroboration_publisher", "corroboration_url", "corroboration_tier"]
    grouped = frame.groupby(keys, sort=False, dropna=False).size().reset_index(name="rows")
    grouped["confirmed"] = (~data.weak_source(grouped)).map({True: "yes", False: "not yet"})
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Publisher", "Date", "Tier", "Read at", "Corroborated by", "Independently confirmed", "Rows"))
    body = []
    for r in grouped.itertuples():
        second = (f"{_link(r.corroboration_publisher, r.corroboration_url)} ({TIER_WORDS[r.corroboration_tier]})"
                  if r.corroboration_url else "")
        cells = [_link(r.source_publisher, r.source_url), html.escape(str(r.source_date)),
                 TIER_WORDS[r.source_tier], _link("copy", r.read_at_url), second, r.confirmed, str(r.rows)]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<div class="sr-table-wrap" tabindex="0" role="region" aria-label="Sources of {name}">'
            f'<table class="sr-sources"><caption>Sources of the table '
            f'<code>{name}</code></caption><thead><tr>{head}</tr></thead><tbody>{"".join(body)}'
            f"</tbody></table></div>")


def _tiers(frame) -> str:
    counts = frame["source_tier"].value_counts()
    weak = int(data.weak_source(frame).sum())
    shown = ", ".join(f"{counts[t]} {TIER_WORDS[t]}" for t in data.TIERS if t in counts)
    return f"**Source tiers:** {shown}; {weak} rows rest on state media or a mirror with no strong corroboration."


def _fields(resource: dict) -> str:
    lines = []
    for f in resource["schema"]["fields"]:
        if f["name"] in data.SOURCE_COLUMNS + data.TRACE_COLUMNS + ["note"]:
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
        _tiers(frame),
        "**Sources, row by row:**\n\n" + _row_sources(name),
    ])


def markdown() -> str:
    """The whole catalogue, one section per table, in the package's order."""
    return "\n\n".join(resource_markdown(name) for name in data.names())

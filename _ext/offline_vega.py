"""Serve the chart libraries from the book itself, so charts render with no network.

Altair's HTML output loads vega, vega-lite and vega-embed from a public CDN unless the
global ``VEGA_DEBUG`` already names the versions it wants. This extension copies the three
scripts (installed by npm from the pinned ``package.json``) into ``_static/vendor/``, adds
them to every page's head, and defines ``VEGA_DEBUG`` with Altair's own version constants,
so Altair's page code uses the copies that are already loaded.

Altair's inline code also carries, for every chart, a loader that would fetch the libraries from
the CDN: the book has them already, so each chart's script is rewritten to one call of
``srEmbed`` (``_static/sinorussia-embed.js``), which embeds the chart as that code does. Pages get
lighter (about a kilobyte, gzipped, per chart) and name no CDN at all.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import altair as alt
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# npm package -> its browser build, in the order the browser must load them.
SCRIPTS = {
    "vega": "build/vega.min.js",
    "vega-lite": "build/vega-lite.min.js",
    "vega-embed": "build/vega-embed.min.js",
}


# Altair's per-chart script up to its call's arguments (spec, embed options), capturing the id of
# the chart's container (altair.vegalite.v6.display's HTML template, for the pinned Altair).
ALTAIR_LOADER = re.compile(
    r'var VEGA_DEBUG = \(typeof VEGA_DEBUG == "undefined"\) \? \{\} : VEGA_DEBUG;\s*'
    r'\(function\(spec, embedOpt\)\{\s*let outputDiv = document\.currentScript\.previousElementSibling;'
    r'\s*if \(outputDiv\.id !== "(altair-viz-[0-9a-f]+)"\).*?\n  \}\)\(', re.S)


def compact_chart_scripts(body: str) -> str:
    """Each chart's inline loader replaced by a call of the shared ``srEmbed``."""
    return ALTAIR_LOADER.sub(lambda m: f'srEmbed("{m.group(1)}", ', body)


def _compact_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "body" in context:
        context["body"] = compact_chart_scripts(context["body"])


def _node_modules(app: Sphinx) -> Path:
    return Path(app.confdir) / "node_modules"


def _check_scripts(app: Sphinx) -> None:
    missing = [p for p in SCRIPTS if not (_node_modules(app) / p / SCRIPTS[p]).exists()]
    if missing:
        raise ExtensionError(
            f"chart scripts not installed ({', '.join(missing)}): run `npm ci` in {app.confdir}"
        )
    installed = json.loads((_node_modules(app) / "vega-lite" / "package.json").read_text())["version"]
    if installed != alt.VEGALITE_VERSION:
        raise ExtensionError(
            f"node_modules has vega-lite {installed} but Altair {alt.__version__} targets "
            f"{alt.VEGALITE_VERSION}: pin that version in package.json and run `npm ci`"
        )


def _copy_scripts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for package, build_file in SCRIPTS.items():
        source = _node_modules(app) / package / build_file
        dest = target / source.name
        if not dest.exists() or dest.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, dest)


def _refresh_own_static(app: Sphinx) -> None:
    """Sphinx 7.4 never overwrites a static file already in the output, so an edited
    _static/sinorussia.css would stay stale in incremental builds: refresh changed copies."""
    own = Path(app.confdir) / "_static"
    built = Path(app.outdir) / "_static"
    for source in own.glob("*"):
        copy = built / source.name
        if copy.is_file() and copy.read_bytes() != source.read_bytes():
            shutil.copyfile(source, copy)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _check_scripts)
    app.connect("builder-inited", _refresh_own_static)
    versions = {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    # Defined before Altair's inline code runs; tells it the libraries are already here.
    app.add_js_file(None, body=f"var VEGA_DEBUG = {json.dumps(versions)};", priority=200)
    for build_file in SCRIPTS.values():
        app.add_js_file(f"vendor/{Path(build_file).name}", priority=201)
    app.add_js_file("sinorussia-embed.js", priority=202)
    app.connect("html-page-context", _compact_page)
    app.connect("build-finished", _copy_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}

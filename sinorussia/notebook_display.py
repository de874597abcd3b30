"""Charts and glued numbers in JupyterLab and Notebook 7, offline.

Altair's HTML output loads vega, vega-lite and vega-embed from a public CDN: blank without
internet. In a notebook opened in Jupyter (the kernel was started by a Jupyter server, which
sets ``JPY_SESSION_NAME``), ``adapt`` replaces that script with one that

- loads the same pinned scripts the book serves (``node_modules/``, installed by ``npm ci``
  from package.json; on Binder by ``binder/postBuild``) from the Jupyter server itself, through
  its ``files/`` URL, once per page. When ``node_modules`` is outside the server's folder, the
  scripts go inline in the kernel's first chart output instead;
- draws the chart only once its output has a width: with "Run All", JupyterLab lays out cells
  below the visible ones lazily, and a ``width: "container"`` chart embedded then is 0 px wide.

Elsewhere the output is left as it is: the book build (its pages load the scripts themselves,
see ``_ext/offline_vega.py``), Colab (online; each output is its own frame), plain nbclient runs.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

# npm package -> its browser build, in load order (the same files as _ext/offline_vega.py).
SCRIPTS = {"vega": "build/vega.min.js", "vega-lite": "build/vega-lite.min.js",
           "vega-embed": "build/vega-embed.min.js"}

_sent_inline = False


def in_jupyter_server() -> bool:
    """True when a Jupyter server (JupyterLab, Notebook 7, JupyterHub, Binder) runs this kernel."""
    return bool(os.environ.get("JPY_SESSION_NAME")) and "google.colab" not in sys.modules


def _script_files() -> list[Path] | None:
    from . import ROOT

    files = [ROOT / "node_modules" / package / build for package, build in SCRIPTS.items()]
    return files if all(f.is_file() for f in files) else None


def _server_urls(files: list[Path]) -> list[str] | None:
    """The scripts' URLs on the Jupyter server that started this kernel (its parent process),
    or None when they are outside its folder or the server cannot be found."""
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:
        return None
    for server in list_running_servers():
        if server.get("pid") == os.getppid():
            root = Path(server["root_dir"]).resolve()
            try:
                paths = [f.resolve().relative_to(root).as_posix() for f in files]
            except ValueError:
                return None
            return [f"{server['base_url'].rstrip('/')}/files/{p}" for p in paths]
    return None


def _js(value) -> str:
    """JSON for inside a script element (a "</script" in the data would end it)."""
    return json.dumps(value).replace("</", "<\\/")


def _inline_libraries(files: list[Path]) -> str:
    # A script element's text ends at the first "</script": keep it inside the JavaScript.
    texts = [f.read_text(encoding="utf-8").replace("</script", "<\\/script") for f in files]
    return "".join(f"<script>{text}</script>" for text in texts)


def _chart_html(spec: dict, embed_options: dict, urls: list[str]) -> str:
    div = f"sr-vega-{uuid.uuid4().hex}"
    return f"""<div id="{div}" class="sr-live-chart" style="width:100%"></div>
<script type="text/javascript">
(function(spec, embedOpt, urls) {{
  const el = document.getElementById("{div}");
  function load(url) {{
    return new Promise((resolve, reject) => {{
      const s = document.createElement("script");
      s.src = url; s.onload = resolve; s.onerror = () => reject(new Error("cannot load " + url));
      document.head.appendChild(s);
    }});
  }}
  // One load per page, shared by every chart on it (in order: vega, vega-lite, vega-embed).
  if (typeof vegaEmbed !== "function" && !window.sinorussiaVega && urls.length) {{
    window.sinorussiaVega = urls.reduce((p, url) => p.then(() => load(url)), Promise.resolve());
  }}
  function draw() {{
    vegaEmbed(el, spec, embedOpt).then(() => {{ el.dataset.drawn = "true"; }})
      .catch(err => {{ el.textContent = "Chart error: " + err.message; }});
  }}
  function whenWide() {{
    // Lazily laid-out cells are 0 px wide: draw once the output has its real width.
    if (el.getBoundingClientRect().width > 0) return draw();
    const watch = new ResizeObserver(() => {{
      if (el.getBoundingClientRect().width > 0) {{ watch.disconnect(); draw(); }}
    }});
    watch.observe(el);
  }}
  (function wait(tries) {{
    if (typeof vegaEmbed === "function") return whenWide();
    if (tries > 600) {{
      el.textContent = "The chart scripts did not load: restart the kernel and run all cells.";
      return;
    }}
    setTimeout(() => wait(tries + 1), 100);
  }})(0);
}})({_js(spec)}, {_js(embed_options)}, {_js(urls)});
</script>"""


def adapt(bundle: dict, spec: dict, **metadata) -> dict:
    """Altair's HTML bundle, made to draw offline in JupyterLab and Notebook 7 (see above)."""
    global _sent_inline
    if not in_jupyter_server():
        return bundle
    files = _script_files()
    if files is None:  # no `npm ci` here: keep Altair's own output (it needs the internet)
        return bundle
    urls = _server_urls(files)
    html = _chart_html(spec, metadata.get("embed_options") or {}, urls or [])
    if urls is None and not _sent_inline:
        html = _inline_libraries(files) + html
        _sent_inline = True
    return {**bundle, "text/html": html}


# --- numbers in the prose ------------------------------------------------------------------
# The book fills {glue:text}`name:.1f` roles from myst-nb's glue at build time. jupyterlab-myst
# does not know glue: it shows the bare "name:.1f". (Its own inline {eval} role would work there,
# but myst-nb evaluates {eval} only in its "inline" execution mode, which would give up the
# book's cached, parallel execution.) So in Jupyter the glue cell also sends the formatted
# values, and a small script writes them into the rendered text, now and on every re-render.

GLUE_FORMATS = ("", ".0f", ".1f", ".2f", "g", ",.0f", ",.1f", ".0%", ".1%")

_GLUE_SCRIPT = """<script type="text/javascript">
(function(values) {
  const glued = window.sinorussiaGlue = Object.assign(window.sinorussiaGlue || {}, values);
  function fill(root) {
    root.querySelectorAll('.myst span:not([class])').forEach(span => {
      if (span.children.length) return;
      const text = span.textContent.trim();
      if (Object.prototype.hasOwnProperty.call(glued, text)) {
        span.textContent = glued[text];
        span.className = 'sr-glued';
      }
    });
  }
  fill(document);
  if (!window.sinorussiaGlueWatch) {
    window.sinorussiaGlueWatch = new MutationObserver(() => fill(document));
    window.sinorussiaGlueWatch.observe(document.body, {childList: true, subtree: true});
  }
})(%s);
</script>"""


def _formatted(value) -> dict[str, str]:
    """'name:spec' text as jupyterlab-myst shows it -> the value formatted as the book does."""
    out = {}
    for spec in GLUE_FORMATS:
        try:
            out[spec] = format(value, spec)
        except (TypeError, ValueError):
            continue
    return out


def show_glued(values: dict) -> None:
    """In JupyterLab / Notebook 7, write glued values into the notebook's rendered text."""
    if not in_jupyter_server():
        return
    from IPython.display import HTML, display

    texts = {}
    for name, value in values.items():
        for spec, text in _formatted(value).items():
            texts[f"{name}:{spec}" if spec else name] = text
    display(HTML(f"<div class='sr-glue' hidden></div>{_GLUE_SCRIPT % _js(texts)}"))

"""JupyterLab and Notebook 7 as a student meets them on Binder: a real Jupyter server, started
from the environment Binder builds (``binder`` in conftest.py) on 127.0.0.1, the notebook opened
in headless Chromium with every request to another host blocked and recorded, "Run All" from the
menu, then the notebook scrolled through as a reader does. Every chapter must run without an
error, every chart draw (wider than 100 px, with its title, source line and data table), and no
markdown cell may show raw MyST markup."""

from __future__ import annotations

import json
import re
import secrets
import socket
import subprocess
import time
import urllib.request

import nbformat
import pytest
from launch_env import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sinorussia import notebook_display

pytestmark = pytest.mark.launch

CHAPTERS = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("chapters/*.ipynb"))
# Notebook 7 shares JupyterLab's renderers: two chapters there show the same code path works.
NOTEBOOK7 = CHAPTERS[1:3]

# Roles and directives that jupyterlab-myst should have turned into text, links or boxes.
RAW_MARKUP = re.compile(r"\{(?:term|doc|cite:p|cite:t|glue:text|glue|ref|numref|eval)\}`|```\{|^:::"
                        r"|^unfilled role .*|^maths in .*", re.M)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyter(binder):
    """JupyterLab (which also serves Notebook 7) as Binder starts it: from the image's environment,
    in the repository's copy, whose chart scripts Binder's postBuild installed (npm ci)."""
    repo = binder.repo
    missing = [package for package, build in notebook_display.SCRIPTS.items()
               if not (repo / "node_modules" / package / build).is_file()]
    assert not missing, f"Binder's postBuild left no chart scripts for {missing}"
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [str(binder.venv / "bin" / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={repo}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--ServerApp.open_browser=False", "--allow-root"],
        env=binder.env, stdout=subprocess.DEVNULL, stderr=open(repo.parent / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                break
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the Jupyter server did not start: " + (repo.parent / "server.log").read_text()[-2000:])
        yield base, token, repo
    finally:
        server.terminate()
        server.wait(timeout=30)


SCAN = r"""() => {
  const charts = [...document.querySelectorAll('.sr-chart')].map(fig => {
    const live = fig.querySelector('.sr-live-chart');
    const svg = live && live.querySelector('svg.marks');
    return {id: live ? live.id : null, drawn: !!(live && live.dataset.drawn === 'true' && svg),
            width: svg ? svg.getBoundingClientRect().width : 0,
            title: !!fig.querySelector('.sr-chart-title'), source: !!fig.querySelector('.sr-chart-source'),
            table: !!fig.querySelector('details.sr-chart-data'), text: live ? live.textContent.slice(0, 120) : ''};
  });
  const rendered = [...document.querySelectorAll('.jp-MarkdownCell .myst')];
  // Raw role text, unfilled glue names (jupyterlab-myst shows an unknown role as a bare span)
  // and maths typeset from what was prose: each is markup the reader should not see.
  const markdown = rendered.map(m => m.innerText)
    .concat(rendered.flatMap(m => [...m.querySelectorAll('span:not([class])')]
      .filter(s => !s.children.length && /^[A-Za-z_][A-Za-z0-9_]*(:[^\s]*)?$/.test(s.textContent.trim())
                   && /[_:]/.test(s.textContent))
      .map(s => 'unfilled role ' + s.textContent)))
    .concat(rendered.filter(m => m.querySelector('.katex, mjx-container'))
      .map(m => 'maths in ' + m.innerText.slice(0, 60)));
  return {charts, markdown};
}"""


# The longest a chapter may take to run (a failing cell stops Run All: the wait ends here).
RUN_ALL_MS = 120_000
# The cells in view are attached (the notebook renders only those), their markdown rendered by
# jupyterlab-myst and their charts drawn.
IN_VIEW_DONE = """() => [...document.querySelectorAll('.jp-MarkdownCell .jp-MarkdownOutput')]
      .every((m) => m.querySelector('.myst')) &&
    [...document.querySelectorAll('.sr-live-chart')].every((c) => c.dataset.drawn === 'true')"""


def _settle(page) -> None:
    """Wait for what a reader sees after scrolling (never more than 3 s: a chart that does not
    draw is reported by ``_check``)."""
    page.wait_for_timeout(80)
    try:
        page.wait_for_function(IN_VIEW_DONE, timeout=3000, polling=50)
    except PlaywrightTimeout:
        pass


def _run_all_and_read(browser, jupyter, interface: str,
                      notebook: str) -> tuple[dict, list[str], list[str], list[str]]:
    """Open, Run All, scroll through; returns (charts by id, raw-markup excerpts, other-host
    requests, the errors of cells that failed)."""
    base, token, repo = jupyter
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    external: list[str] = []

    def guard(route):
        if not route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            external.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(ROOT / notebook, as_version=4).cells)
    # A workspace of its own (JupyterLab would otherwise reopen the notebooks of earlier tests).
    url = (f"{base}/lab/workspaces/{secrets.token_hex(4)}/tree/{notebook}?reset&token={token}"
           if interface == "lab" else f"{base}/notebooks/{notebook}?token={token}")
    try:
        page.goto(url, wait_until="load")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60000)
        # The kernel is ready: JupyterLab's status bar says so; Notebook 7 has only the indicator.
        if interface == "lab":
            page.wait_for_function("() => document.body.innerText.includes('Idle')", timeout=60000)
        else:
            page.locator(".jp-Notebook-ExecutionIndicator[data-status=idle]").first.wait_for(timeout=60000)
            page.wait_for_timeout(2000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        scroller = ".jp-WindowedPanel-outer"
        # Wait until every code cell has run: each prompt shows its execution count.
        try:
            page.wait_for_function("""(expected) => {
                const s = document.querySelector('.jp-WindowedPanel-outer');
                s.scrollTop = s.scrollHeight;  // the reader waits at the bottom
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length === expected && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""", arg=code_cells, timeout=RUN_ALL_MS, polling=500)
        except PlaywrightTimeout:
            # Run All stops at a cell that fails: save the notebook as the student would, and say which.
            page.keyboard.press("Control+s")
            page.wait_for_timeout(2000)
            errors = [f"{o.ename}: {o.evalue}" for cell in nbformat.read(repo / notebook, as_version=4).cells
                      for o in cell.get("outputs", []) if o.output_type == "error"]
            if not errors:
                raise
            return {}, [], external, errors
        charts: dict[str, dict] = {}
        markdown: set[str] = set()
        page.evaluate(f"() => {{ document.querySelector('{scroller}').scrollTop = 0; }}")
        # Then read it from the top, one screen at a time, giving each chart time to draw.
        for _ in range(400):
            _settle(page)
            state = page.evaluate(SCAN)
            for chart in state["charts"]:
                if chart["id"] and not charts.get(chart["id"], {}).get("drawn"):
                    charts[chart["id"]] = chart
            markdown.update(state["markdown"])
            if page.evaluate(f"""() => {{ const s = document.querySelector('{scroller}');
                    const end = s.scrollTop + s.clientHeight >= s.scrollHeight - 2;
                    s.scrollTop += s.clientHeight * 0.7; return end; }}"""):
                break
        raw = [m[max(0, hit.start() - 40):hit.end() + 40] for m in markdown for hit in RAW_MARKUP.finditer(m)]
        return charts, raw, external, []
    finally:
        context.close()


def _shut_down_kernels(base: str, token: str) -> None:
    """Each test's kernel ends with it (a kernel left running slows the next test)."""
    headers = {"Authorization": f"token {token}"}
    sessions = json.load(urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions", headers=headers)))
    for session in sessions:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{session['id']}", method="DELETE",
                                                      headers=headers))


def _check(charts: dict, raw: list[str], external: list[str], errors: list[str], where: str) -> list[str]:
    if errors:
        return [f"{where}: a cell failed: {errors[0][-800:]}"]
    problems = []
    if len(charts) < 2:
        problems.append(f"{where}: only {len(charts)} charts appeared")
    for cid, chart in charts.items():
        if not chart["drawn"]:
            problems.append(f"{where}: chart {cid[-6:]} not drawn ({chart['text']!r})")
        elif chart["width"] <= 100:
            problems.append(f"{where}: chart {cid[-6:]} is {chart['width']:.0f} px wide")
        if not (chart["title"] and chart["source"] and chart["table"]):
            problems.append(f"{where}: chart {cid[-6:]} lacks its title, source line or data table")
    problems += [f"{where}: raw markup {r!r}" for r in raw[:5]]
    problems += [f"{where}: asked another host for {u}" for u in external[:3]]
    return problems


@pytest.mark.parametrize("notebook", CHAPTERS)
def test_jupyterlab_draws_every_chart_offline_with_run_all(jupyter, browser, notebook):
    charts, raw, external, errors = _run_all_and_read(browser, jupyter, "lab", notebook)
    _shut_down_kernels(*jupyter[:2])
    problems = _check(charts, raw, external, errors, f"JupyterLab {notebook}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("notebook", NOTEBOOK7)
def test_notebook7_draws_every_chart_offline_with_run_all(jupyter, browser, notebook):
    charts, raw, external, errors = _run_all_and_read(browser, jupyter, "notebook", notebook)
    _shut_down_kernels(*jupyter[:2])
    problems = _check(charts, raw, external, errors, f"Notebook 7 {notebook}")
    assert not problems, "\n".join(problems)

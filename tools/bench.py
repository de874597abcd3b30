"""Benchmark the module in one run: build times, notebook execution, page weight, render time.

    python -m tools.bench            # prints a table, writes _build/bench.json

Figures from one run on one machine are comparable with each other, not across machines:
each notebook's execution time is printed next to the kernel floor (a notebook that only
imports pandas and altair) measured in the same run, and targets are stated as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from sinorussia import ROOT
from tools import prebuild
from tools.prebuild import book_notebooks

BOOK_PARTS = ["_config.yml", "_toc.yml", "_ext", "_static", "references.bib", "primer", "chapters",
              "appendix", "exercises", "data", "sinorussia", "package.json"]
PUBLISHED = ROOT / "appendix" / "benchmark.json"
# Page weight as transferred by a server that gzips (measured December 2026: the heaviest page's HTML
# 32 KB before chart code was shown behind toggles, 36 KB after; a first visit 1,330 then 1,334 KB,
# of which the theme's Font Awesome script is 543 KB and the chart libraries 277 KB).
HTML_GZIP_LIMIT_BYTES = 40_000  # a page's own HTML, gzipped: what each further page costs
TRANSFER_LIMIT_BYTES = 1_400_000  # a first visit (empty cache), gzipped: HTML, scripts, styles, fonts
RENDER_LIMIT_MS = 1500


def _run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> float:
    started = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - started


def kernel_floor(repeat: int = 3) -> float:
    """Seconds to start a kernel and import pandas and altair: the least a chapter costs."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, altair")])
    return min(_run_notebook(nbformat.from_dict(nb), ROOT) for _ in range(repeat))


def notebook_times() -> dict[str, float]:
    return {str(p.relative_to(ROOT)): _run_notebook(nbformat.read(p, as_version=4), p.parent)
            for p in book_notebooks()}


def _copy_book(target: Path) -> None:
    for part in BOOK_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.exists():
            shutil.copy2(source, target / part)
    (target / "node_modules").symlink_to(ROOT / "node_modules")


def _build(folder: Path) -> float:
    """Seconds for what `make book` runs: parallel execution, then the Sphinx build."""
    jb = Path(sys.executable).with_name("jupyter-book")
    started = time.perf_counter()
    prebuild.run(folder)
    result = subprocess.run([str(jb), "build", str(folder), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit("the book did not build:\n" + result.stdout[-3000:])
    return time.perf_counter() - started


def page_figures(html_dir: Path) -> dict[str, dict]:
    """HTML bytes of each page and milliseconds until all its charts are drawn."""
    from playwright.sync_api import sync_playwright

    from tools.pages import book_pages, launch, serve, visit

    figures = {}
    with serve(html_dir) as site, sync_playwright() as p:
        browser = launch(p)
        for path in book_pages(html_dir):
            record, page = visit(browser, f"{site}/{path}", weigh=True)
            page.context.close()
            figures[path] = {"html_bytes": (html_dir / path).stat().st_size, "charts": record.charts,
                             "rendered": record.rendered, "render_ms": round(record.render_ms),
                             "html_gzip_bytes": record.files.get(f"/{path}", (0, 0))[1],
                             "transferred_bytes": record.transferred}
        browser.close()
    return figures


def run(with_pages: bool = True) -> dict:
    floor = kernel_floor()
    per_notebook = notebook_times()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        _copy_book(book)
        clean = _build(book)
        rebuild = _build(book)
        pages = page_figures(book / "_build" / "html") if with_pages else {}
    n = len(per_notebook)
    return {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "kernel_floor_s": round(floor, 2),
        "notebooks_s": {k: round(v, 2) for k, v in per_notebook.items()},
        "clean_build_s": round(clean, 1),
        "clean_build_target_s": round(1.5 * n * floor + 10, 1),
        "rebuild_s": round(rebuild, 1),
        "rebuild_target_s": 3.0,
        "pages": pages,
        "html_gzip_limit_bytes": HTML_GZIP_LIMIT_BYTES,
        "transfer_limit_bytes": TRANSFER_LIMIT_BYTES,
        "render_limit_ms": RENDER_LIMIT_MS,
    }


def report(figures: dict) -> str:
    floor = figures["kernel_floor_s"]
    lines = [f"kernel floor (start a kernel, import pandas and altair): {floor:.2f} s", "",
             "notebook                                   seconds   x floor"]
    for name, secs in figures["notebooks_s"].items():
        lines.append(f"{name:<42} {secs:7.2f}   {secs / floor:6.2f}")
    def ok(good):
        return "ok" if good else "OVER TARGET"
    lines += ["",
              f"clean build      {figures['clean_build_s']:6.1f} s  (target <= 1.5 x notebooks x floor + 10 = "
              f"{figures['clean_build_target_s']} s) {ok(figures['clean_build_s'] <= figures['clean_build_target_s'])}",
              f"no-change build  {figures['rebuild_s']:6.1f} s  (target <= 3 s) {ok(figures['rebuild_s'] <= 3)}"]
    if figures["pages"]:
        lines += ["", f"{'page':<45} HTML KB  gzipped  first visit KB  charts  render ms"]
        for path, p in figures["pages"].items():
            within = (p["html_gzip_bytes"] <= HTML_GZIP_LIMIT_BYTES and p["transferred_bytes"] <= TRANSFER_LIMIT_BYTES
                      and p["render_ms"] <= RENDER_LIMIT_MS)
            flag = "" if within else "  OVER TARGET"
            drawn = f"{p['rendered']:>2}/{p['charts']:<3}"
            lines.append(f"{path:<45} {p['html_bytes'] / 1000:7.1f}  {p['html_gzip_bytes'] / 1000:7.1f}  "
                         f"{p['transferred_bytes'] / 1000:14.1f}  {drawn}  {p['render_ms']:8d}{flag}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench.json")
    parser.add_argument("--no-pages", action="store_true", help="skip the browser measurements")
    parser.add_argument("--grading", action="store_true",
                        help="also measure grading throughput against `otter run` one by one")
    parser.add_argument("--publish", action="store_true",
                        help=f"also write {PUBLISHED.relative_to(ROOT)} for the book's performance page")
    args = parser.parse_args(argv)
    figures = run(with_pages=not args.no_pages)
    if args.grading:
        from tools.bench_grading import measure

        figures["grading"] = measure()
    figures["measured_on"] = time.strftime("%Y-%m-%d")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2))
    if args.publish:
        # The performance page says the scores agree: a run where they do not is not published.
        if "grading" in figures and not figures["grading"]["scores_agree"]:
            raise SystemExit("grading scores differ from otter run's: not publishing this run")
        PUBLISHED.write_text(json.dumps(figures, indent=2) + "\n")
    print(report(figures))
    if "grading" in figures:
        print("\ngrading:", json.dumps(figures["grading"]))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()

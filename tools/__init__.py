"""Development tools: the book's pre-build step, the benchmark and the browser harness.

They are not part of the `sinorussia` package that students install; run them from the
repository's root, e.g. `python -m tools.bench`.
"""

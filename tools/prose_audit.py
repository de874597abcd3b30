"""Reading a chapter as the prose audit and the staleness test do, without running it.

A chapter's Markdown is flattened to the words a reader sees (``flatten``) and cut into
sentences; its hidden cells (tag ``remove-cell``) carry markers on ``assert`` lines that link an
assertion to the sentence it checks: ``# claim: "<phrase>"`` (tests/test_prose_audit.py) and
``# latest: <table> "<phrase>"`` (tests/test_staleness.py).
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import yaml

from sinorussia import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]-*.ipynb"))
EXCEPTIONS_FILE = ROOT / "tests" / "prose_exceptions.yml"

# The lexicon: each entry is a kind of implied number and the words (regular expressions,
# whole words, case-insensitive) that imply it.
LEXICON = {
    "multiple": r"doubl(?:e|ed|es|ing)|tripl(?:e|ed|es|ing)|quadrupl(?:e|ed|es|ing)|halv(?:e|ed|es|ing)|half",
    "share": r"most|majority",
    "rank": r"record|first|only|largest|overt(?:ook|akes?|aken)",
    "bound": r"at least",
    "direction": r"rose|risen|fell|fallen",
}
TRIGGER = re.compile(r"\b(?:" + "|".join(LEXICON.values()) + r")\b", re.IGNORECASE)
MARKER = re.compile(r"[#;]\s*claim:\s*\"([^\"]+)\"")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


# --- reading a chapter ---------------------------------------------------------------------

def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def flatten(markdown: str) -> str:
    """Markdown as a reader sees its words: roles resolved to their text, glue to ``{name}``,
    links to their text, emphasis and inline code removed, one line per block."""
    text = re.sub(r"^```.*$|^:\w+:.*$", "", markdown, flags=re.M)           # fences, directive options
    text = re.sub(r"\{glue(?::text)?\}`(\w+)[^`]*`", r"{\1}", text)        # glued numbers
    text = re.sub(r"\{(?:term|doc|ref)\}`([^`<]+?)\s*<[^`]*>`", r"\1", text)  # role with its own text
    text = re.sub(r"\{term\}`([^`]+)`", r"\1", text)
    text = re.sub(r"\{[\w:]+\}`[^`]*`", "", text)                          # doc links, citations
    text = re.sub(r"`[^`]*`", "", text)                                   # inline code
    text = re.sub(r"<[^>]+>", "", text)                                   # HTML tags
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)                  # Markdown links
    text = re.sub(r"\*+", "", text)
    text = text.replace("\\$", "$")                                        # escaped dollar signs
    return text


def sentences(markdown: str) -> list[str]:
    """The chapter's sentences: headings, list items and table rows each start a new one."""
    found = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:#+ |[-*] |\d+\. |\|))", flatten(markdown)):
        block = re.sub(r"\s+", " ", block).strip(" #|-")
        found += [s for s in re.split(r"(?<=[.!?;:])\s+(?=[A-Z{(\"“])", block) if s.strip()]
    return found


def _hidden_markers(code: str) -> list[str]:
    """Phrases quoted by ``# claim: "..."`` comments on the lines of ``assert`` statements."""
    lines = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assert):
            lines.update(range(node.lineno, node.end_lineno + 1))
    phrases = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT:
            for phrase in MARKER.findall(token.string):
                assert token.start[0] in lines, f"marker {phrase!r} is not on an assert line"
                phrases.append(phrase)
    return phrases


def read_chapter(path: Path) -> tuple[list[str], list[str]]:
    """(sentences of the Markdown, phrases the hidden cells assert)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = "\n\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    markers = []
    for cell in cells:
        if cell["cell_type"] == "code" and "remove-cell" in cell.get("metadata", {}).get("tags", []):
            markers += _hidden_markers(_source(cell))
    return sentences(markdown), markers


def loaded_tables(path: Path) -> set[str]:
    """Tables a chapter loads, read from its code cells."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    return set(re.findall(r"data\.load\(\"(\w+)\"", code))


def _exceptions() -> dict[str, list[dict]]:
    loaded = yaml.safe_load(EXCEPTIONS_FILE.read_text(encoding="utf-8"))
    return {chapter: entries or [] for chapter, entries in loaded["chapters"].items()}


# --- the audit ----------------------------------------------------------------------------

def _spans(sentence: str, phrase: str) -> list[range]:
    return [range(m.start(), m.end()) for m in re.finditer(re.escape(phrase), sentence)]


def uncovered(sentence_list: list[str], covering: list[str]) -> list[tuple[str, str]]:
    """(word, sentence) for every lexicon word outside quotation marks that no covering phrase
    (an assertion marker or an exception) contains."""
    missing = []
    for sentence in sentence_list:
        masked = QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)
        spans = [span for phrase in covering for span in _spans(sentence, phrase)]
        for word in TRIGGER.finditer(masked):
            if not any(word.start() in span and word.end() - 1 in span for span in spans):
                missing.append((word.group(0), sentence))
    return missing

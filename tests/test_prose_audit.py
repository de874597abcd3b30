"""The book's own sentences are checked like the article's: words that imply a number are asserted.

Every number in a chapter's prose is glued from the data. Words imply numbers too: "doubled"
is a ratio of at least 2, "most" a share above half, "record" a maximum, "fell" a sign. This
test reads each chapter's Markdown and its hidden cells (no execution) and fails when a
sentence uses a word of the lexicon below and no assertion covers that sentence.

The link between a sentence and its assertion is a marker on the ``assert`` line of a hidden
cell (tag ``remove-cell``)::

    assert total[2024] / total[2021] < 2  # claim: "grew by two thirds between 2021 and 2024"

The quoted phrase must be a piece of one sentence of the chapter (after the Markdown is
flattened, see ``flatten``) and must contain the word it covers; nbval runs the cell, so a data
change that breaks the sentence fails the notebook. A marker whose phrase no sentence holds
fails here too (the sentence was rewritten and the check left behind).

Some uses of these words imply no quantity ("the article's first paragraph", "not only",
"fallen out"). They are listed, with a reason, in ``prose_exceptions.yml`` beside this file.
Words inside quotation marks are the article's or a source's, not the book's: they are left
out (the claims register checks the article).
"""

from __future__ import annotations

import pytest

from tools.prose_audit import (
    CHAPTERS,
    EXCEPTIONS_FILE,
    TRIGGER,
    _exceptions,
    _hidden_markers,
    read_chapter,
    sentences,
    uncovered,
)

pytestmark = pytest.mark.fast


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_word_implying_a_number_is_asserted(path):
    found, markers = read_chapter(path)
    allowed = [e["phrase"] for e in _exceptions().get(path.stem, [])]
    missing = uncovered(found, markers + allowed)
    report = "\n".join(f"  {word!r} in: {sentence[:160]}" for word, sentence in missing)
    assert not missing, (
        f"{path.name}: {len(missing)} sentence(s) use a word that implies a number, and no hidden "
        f"assert covers them. Add `# claim: \"<phrase of the sentence>\"` to an assert that checks "
        f"the sentence, or (no quantity meant) an exception with a reason in "
        f"{EXCEPTIONS_FILE.name}:\n{report}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_marker_and_exception_quotes_a_sentence(path):
    """A marker or exception whose phrase is in no sentence is left over from an edit."""
    found, markers = read_chapter(path)
    text = "\n".join(found)
    exceptions = _exceptions().get(path.stem, [])
    for phrase in markers:
        assert phrase in text, f"{path.name}: the assert marked {phrase!r} quotes no sentence of the chapter"
        assert TRIGGER.search(phrase), f"{path.name}: marker {phrase!r} holds no word of the lexicon"
    for entry in exceptions:
        assert entry["phrase"] in text, f"{EXCEPTIONS_FILE.name}: {path.stem}: {entry['phrase']!r} is in no sentence"
        assert TRIGGER.search(entry["phrase"]), f"{EXCEPTIONS_FILE.name}: {entry['phrase']!r} holds no lexicon word"
        assert entry.get("reason", "").strip(), f"{EXCEPTIONS_FILE.name}: {entry['phrase']!r} gives no reason"


def test_exceptions_name_real_chapters():
    assert set(_exceptions()) <= {p.stem for p in CHAPTERS}


# --- the audit itself can fail -------------------------------------------------------------

def test_a_doubled_sentence_without_an_assert_is_caught():
    found = sentences("Trade more than doubled between 2021 and 2024, after sanctions.\n\n"
                      "It fell back in 2025.")
    assert [w for w, _ in uncovered(found, [])] == ["doubled", "fell"]
    assert [w for w, _ in uncovered(found, ["more than doubled between 2021"])] == ["fell"]


def test_a_marker_covers_only_the_words_inside_its_phrase():
    found = sentences("Russia became China's first supplier and most of the oil came by sea.")
    assert [w for w, _ in uncovered(found, ["China's first supplier"])] == ["most"]


def test_quoted_words_are_the_articles_and_glue_names_are_not_words():
    found = sentences('The article says the pipeline "could double" deliveries; in '
                      '{glue:text}`record_year` trade was {glue:text}`total:.1f`.')
    assert uncovered(found, []) == []
    assert "{record_year}" in found[-1]


def test_markers_must_sit_on_an_assert():
    assert _hidden_markers('assert a < b  # claim: "fell"\n') == ["fell"]
    with pytest.raises(AssertionError, match="not on an assert line"):
        _hidden_markers('x = 1  # claim: "fell"\n')

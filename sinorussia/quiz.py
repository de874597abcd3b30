"""Self-check quizzes that work in the static book, in Jupyter and with a keyboard.

A quiz is a JSON file in ``chapters/quizzes/``: a list of questions, each with its answers,
one or more marked correct, and feedback for each answer. ``show("02-record-trade")``
renders it as plain HTML radio buttons grouped in fieldsets (so screen readers announce
the question with each option), with a few lines of inline script that reveal
the feedback when an answer is chosen (click, Space or Enter; the arrow keys only move).
Nothing is sent anywhere; nothing is stored.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from IPython.display import HTML

from . import ROOT

QUIZ_DIR = ROOT / "chapters" / "quizzes"

# Inline so that the quiz also works in Jupyter, Colab and Binder, where the book's
# static files are not served. Defined once per page however many quizzes it holds.
_SCRIPT = """<script>
if (!window.srQuiz) {
  window.srQuiz = true;
  // Feedback appears when an answer is chosen (click, Space or Enter), not while the arrow keys
  // move through the options: the browser checks each option it passes, which is not a choice.
  var arrows = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
  var moving = false;
  var isOption = function (el) { return el && el.matches && el.matches(".sr-quiz input[type=radio]"); };
  var reveal = function (input) {
    var box = input.closest("fieldset").querySelector(".sr-quiz-feedback");
    var right = input.dataset.correct === "true";
    box.textContent = (right ? "Correct. " : "Not quite. ") + input.dataset.feedback;
    box.className = "sr-quiz-feedback " + (right ? "sr-right" : "sr-wrong");
  };
  document.addEventListener("keydown", function (event) {
    if (!isOption(event.target)) return;
    moving = arrows.indexOf(event.key) >= 0;
    if (event.key === "Enter") { event.preventDefault(); event.target.checked = true; reveal(event.target); }
  }, true);
  document.addEventListener("keyup", function () { moving = false; }, true);
  document.addEventListener("click", function (event) {
    if (!isOption(event.target)) return;
    var box = event.target.closest("fieldset").querySelector(".sr-quiz-feedback");
    if (moving) {
      box.textContent = "Press Space or Enter to choose this answer.";
      box.className = "sr-quiz-feedback";
    } else {
      reveal(event.target);
    }
  });
}
</script>"""

_STYLE = """<style>
.sr-quiz fieldset { border: 1px solid #8a8a8a; border-radius: 6px; margin: 0 0 1rem; padding: .6rem 1rem; }
.sr-quiz legend { font-weight: 600; padding: 0 .3rem; }
.sr-quiz label { display: block; margin: .35rem 0; cursor: pointer; }
.sr-quiz input { margin-right: .5rem; }
.sr-quiz-feedback { margin: .4rem 0 0; font-style: italic; }
.sr-quiz-feedback.sr-right { color: #0b6b2e; }
.sr-quiz-feedback.sr-wrong { color: #a3280b; }
</style>"""


class QuizError(ValueError):
    """A quiz file is malformed; the message names the file and the question."""


def load(name: str, quiz_dir: Path = QUIZ_DIR) -> list[dict]:
    path = quiz_dir / f"{name}.json"
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuizError(f"no quiz file {path}") from None
    except json.JSONDecodeError as err:
        raise QuizError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None
    for number, q in enumerate(questions, start=1):
        where = f"{path}, question {number}"
        if not q.get("question") or len(q.get("answers", [])) < 2:
            raise QuizError(f"{where}: needs a 'question' and at least two 'answers'")
        if not any(a.get("correct") for a in q["answers"]):
            raise QuizError(f"{where}: no answer is marked correct")
        if any(not a.get("text") or not a.get("feedback") for a in q["answers"]):
            raise QuizError(f"{where}: every answer needs 'text' and 'feedback'")
    return questions


def to_html(name: str, questions: list[dict]) -> str:
    parts = ["<form class='sr-quiz' aria-label='Self-check quiz' onsubmit='return false'>"]
    for i, q in enumerate(questions, start=1):
        group = f"{name}-q{i}"
        parts.append(f"<fieldset><legend>{i}. {html.escape(q['question'])}</legend>")
        for j, a in enumerate(q["answers"], start=1):
            parts.append(
                f"<label><input type='radio' name='{group}' value='{j}' "
                f"data-correct='{str(bool(a.get('correct'))).lower()}' "
                f"data-feedback='{html.escape(a['feedback'], quote=True)}'>"
                f"{html.escape(a['text'])}</label>")
        parts.append("<p class='sr-quiz-feedback' aria-live='polite'></p></fieldset>")
    parts.append("</form>")
    return _STYLE + "".join(parts) + _SCRIPT


def show(name: str) -> HTML:
    """Display the quiz ``chapters/quizzes/<name>.json``."""
    return HTML(to_html(name, load(name)))

"""Shared helpers for the module's notebooks: data loading, chart policy, quizzes, grading."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

__all__ = ["ROOT", "DATA_DIR"]

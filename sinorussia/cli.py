"""The ``sinorussia`` command: ``assign``, ``grade``, ``written`` (export/merge) and ``export`` (Canvas, Moodle).

Bad input ends with one line on stderr that names the file and exit code 2, never a
traceback (set SINORUSSIA_DEBUG=1 to see one for an unexpected error).
"""

from __future__ import annotations

import argparse
import os
import sys


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not a usage block."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import exercises, grading

    parser = _Parser(prog="sinorussia", description="Exercises and grading for the sinorussia module.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    assign = commands.add_parser("assign", help="regenerate the student versions from the masters",
                                 description=exercises.__doc__.split("\n\n")[0])
    exercises.add_arguments(assign)
    assign.set_defaults(run=exercises.run)
    grade = commands.add_parser("grade", help="grade a folder of submitted notebooks",
                                description="Grade a folder of submitted notebooks into a gradebook CSV.",
                                epilog="Folder layout, isolation and statuses: see `pydoc sinorussia.grading` "
                                       "or the instructor guide.")
    grading.add_arguments(grade)
    grade.set_defaults(run=grading.run)
    from . import lms, written
    written.add_parser(commands)
    lms.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    from . import DataPackageNotFound

    try:
        from .exercises import ExerciseError
        from .grading import GradingError

        parser = build_parser()
    except DataPackageNotFound as err:  # run outside the module's repository
        print(err, file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (GradingError, ExerciseError) as err:
        print(f"sinorussia {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        what = "; the gradebook was not written or changed" if args.command == "grade" else ""
        print(f"sinorussia {args.command}: interrupted{what}", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"sinorussia {args.command}: error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 2
    except Exception as err:
        if os.environ.get("SINORUSSIA_DEBUG"):
            raise
        print(f"sinorussia {args.command}: unexpected error: {type(err).__name__}: {err} "
              "(set SINORUSSIA_DEBUG=1 for a traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

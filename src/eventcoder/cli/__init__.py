"""The `eventcoder` command: a thin layer over the library; errors become messages here.

Each command lives in its own module with `add_to(commands)`, which registers its parser and
sets `handler` (a function of the parsed arguments returning the exit status).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from rich.console import Console

from .. import __version__
from ..errors import EventcoderError
from . import aggregate, clusters, demo, explain, export, extract, runs, serve
from .common import EXIT_USAGE

# What a shell reports for a command killed by SIGPIPE (128 + 13), as `yes | head` does.
EXIT_BROKEN_PIPE = 141

COMMAND_MODULES = (extract, demo, explain, serve, export, aggregate, clusters, runs)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="Political event data from news text: who did what to whom, when, where.")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_to(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args)
        sys.stdout.flush()  # here, where a closed pipe can still be caught
        return status
    except BrokenPipeError:
        # The reader went away (`eventcoder ... | head`): stop quietly, as a command killed
        # by SIGPIPE would.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except EventcoderError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        Console(stderr=True).print("interrupted")
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit, of what is still
    buffered for the closed pipe, fails no more (and prints no second traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a file (a test's capture): nothing will flush it at exit

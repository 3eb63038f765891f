"""`eventcoder explain`: the parse, actors and rules behind the events of a sentence."""

from __future__ import annotations

import argparse

from ..explain import render_explanation
from ..pipeline import Pipeline
from ..settings import Settings
from .common import EXIT_OK, date_arg, existing_file, stdout_console


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "explain", help="show the parse, actors and rules behind the events of a sentence",
        description="Show how a sentence is coded: parse, actors, each event's rule, and what "
                    "was considered and rejected.")
    parser.add_argument("text", help="the sentence or text to explain")
    parser.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                        help="publication date to resolve times against")
    parser.add_argument("--actors", type=existing_file, metavar="FILE",
                        help="your own actors (YAML) added to the knowledge base")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    pipeline = Pipeline(Settings(published=args.published, actors_file=args.actors))
    render_explanation(pipeline, args.text, args.published, stdout_console())
    return EXIT_OK

"""A test store for the explorer: the demo articles and two short stories about Turkey and
the SDF in January and March 2019 (so that February has no events)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventcoder import Pipeline
from eventcoder.model import Document

from .stores import build_demo_store

SYRIA = [
    Document(text="Turkey shelled positions of the Syrian Democratic Forces near Manbij on "
                  "Monday. The SDF accused Turkey of attacking civilians.",
             doc_id="syria-jan", title="Turkey shells SDF positions near Manbij",
             published=date(2019, 1, 14)),
    Document(text="Turkish forces attacked the SDF near Raqqa on Tuesday. The SDF accused "
                  "Turkey of shelling villages.",
             doc_id="syria-mar", title="Turkish forces attack the SDF near Raqqa",
             published=date(2019, 3, 12)),
]


def build_syria_store(path: Path, pipeline: Pipeline) -> Path:
    """The demo articles and the two Syria stories coded into a new store at `path`."""
    return build_demo_store(path, pipeline, SYRIA)

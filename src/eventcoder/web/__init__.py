"""The web explorer: static HTML, CSS and ES modules, served by the API (no build step)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def static_dir() -> Path:
    """The folder of the explorer's static files inside the installed package."""
    return Path(str(resources.files("eventcoder.web").joinpath("static")))

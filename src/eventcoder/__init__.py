"""eventcoder: political event data from news text, with the evidence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventcoder")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

from .model import AnnotatedDocument, Document, Event
from .pipeline import Pipeline, annotate
from .settings import Settings

__all__ = ["AnnotatedDocument", "Document", "Event", "Pipeline", "Settings", "annotate"]

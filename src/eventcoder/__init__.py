"""eventcoder: political event data from news text, with the evidence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventcoder")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

from .model import AnnotatedDocument, Document, Event  # noqa: E402
from .pipeline import Pipeline, annotate  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["AnnotatedDocument", "Document", "Event", "Pipeline", "Settings", "annotate"]

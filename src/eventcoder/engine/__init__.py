"""Runners that map annotate() over partitions of documents: local, or on a Dask cluster.

`eventcoder.engine.dask` (DaskEngine, connect) is imported on demand: it loads distributed.
"""

from .annotate import PartitionResult, annotate_batch
from .job import Engine, ExtractJob, OrderedJsonl
from .local import LocalEngine, RunSummary
from .progress import RunProgress

__all__ = [
    "Engine",
    "ExtractJob",
    "LocalEngine",
    "OrderedJsonl",
    "PartitionResult",
    "RunProgress",
    "RunSummary",
    "annotate_batch",
]

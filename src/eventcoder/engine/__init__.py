"""Runners that map annotate() over documents: local now, Dask on the same function."""

from .local import LocalEngine, RunSummary

__all__ = ["LocalEngine", "RunSummary"]

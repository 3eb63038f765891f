"""Readers that turn files, folders and stdin into Documents (or InputErrors)."""

from .readers import MAX_BYTES, parse_published, read_inputs

__all__ = ["MAX_BYTES", "parse_published", "read_inputs"]

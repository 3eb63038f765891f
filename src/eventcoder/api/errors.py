"""Errors of the HTTP API, each with the status code it becomes at the edge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import EventcoderError


class ApiError(EventcoderError):
    """An error the API answers with a status code and a numbered message."""

    status = 400


class BadQueryError(ApiError):
    """The request is well-formed but asks for something inconsistent."""

    status = 400


class NotFoundError(ApiError):
    """No record has the requested id."""

    status = 404


class AmbiguousIdError(ApiError):
    """An id names more than one record; the message says how to pick one."""

    status = 409


class PayloadTooLargeError(ApiError):
    """A request body or text is over the configured limit."""

    status = 413


class DisabledError(ApiError):
    """The endpoint is switched off in this server."""

    status = 403


class StoreUnavailableError(ApiError):
    """The store cannot be opened right now (missing, or locked by a writer)."""

    status = 503


ECHO_CHARS = 80  # of a refused value, enough to recognise it
MAX_ERRORS = 20


def _short(value: Any) -> Any:
    """A value of an error report cut to a few characters (strings, and the str of others)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= ECHO_CHARS else f"{text[:ECHO_CHARS]}... ({len(text)} chars)"


def validation_detail(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The `detail` of a 422 answer: what was wrong with each parameter, with the input it
    refused cut short (a client may send 100 kB; it does not need it back)."""
    detail = []
    for error in errors[:MAX_ERRORS]:
        item: dict[str, Any] = {"type": _short(error.get("type")),
                                "loc": [_short(part) for part in error.get("loc", ())][:8],
                                "msg": _short(error.get("msg"))}
        if "input" in error:
            item["input"] = _short(error["input"])
        if error.get("ctx"):
            item["ctx"] = {_short(k): _short(v) for k, v in list(error["ctx"].items())[:8]}
        detail.append(item)
    if len(errors) > MAX_ERRORS:
        detail.append({"type": "too_many_errors", "loc": [],
                       "msg": f"{len(errors) - MAX_ERRORS} more errors not shown"})
    return detail

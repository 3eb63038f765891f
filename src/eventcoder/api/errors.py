"""Errors of the HTTP API, each with the status code it becomes at the edge."""

from __future__ import annotations

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

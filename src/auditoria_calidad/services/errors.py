"""Errors a use case raises; every message is Spanish and meant for the user."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: a use case refused or failed for a reason the user can act on."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(ServiceError):
    """The input was rejected (bad file, bad value, rule of the procedure)."""

    exit_code = 3


class NotFound(InvalidInput):
    """The thing named does not exist (or the user may not know that it does)."""


class PermissionDenied(ServiceError):
    exit_code = 4


class AuthenticationFailed(ServiceError):
    exit_code = 4


class ConcurrentEdit(ServiceError):
    """Someone else saved the same thing meanwhile; nothing was overwritten."""

    exit_code = 5

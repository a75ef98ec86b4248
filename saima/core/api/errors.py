"""One error contract for the API: a readable `detail`, and the field errors beside it."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from saima.core.api.conflict import Conflict
from saima.core.errors import VersionConflict


def _first_message(data) -> str:
    if isinstance(data, dict):
        for field, value in data.items():
            message = _first_message(value)
            if field in ("non_field_errors", "__all__", "detail"):
                return message
            return f"{field}: {message}"
    if isinstance(data, list | tuple) and data:
        return _first_message(data[0])
    return str(data)


def exception_handler(exc, context):
    if isinstance(exc, VersionConflict):
        exc = Conflict()
    if isinstance(exc, OverflowError | DataError):
        # A number too large for the database in a filter or an identifier.
        exc = exceptions.ValidationError({"non_field_errors": [_("数值超出允许范围")]})
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _first_message(exc.detail), "errors": exc.detail}
    return response

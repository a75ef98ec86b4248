"""The OpenAPI description: bearer-token auth and the one error contract on every operation.

The extension below is found by drf-spectacular because this module is the schema class in
settings (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]).
"""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "saima.accounts.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer <token>`; a token is issued with "
            "`saima token create USERNAME`.",
        }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(
        help_text="A readable message. For a 400 it names the field first: `field: message`."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="400 only: each invalid field (or parameter) with its messages.",
    )


ERRORS = {
    "400": "Invalid input or parameter; nothing was saved.",
    "401": "No valid bearer token.",
    "403": "The caller's role may not do this here.",
    "404": "No such record in the caller's scope.",
    "409": "The record changed since `version` was read; read it again.",
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the error answers each operation can give."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = ["401"]
        if self.method != "GET" or "{" not in self.path:  # bodies, filters and parameters
            codes.append("400")
        if self.method != "GET":
            codes.append("403")
        if "{" in self.path or self.path.endswith("/figures"):
            codes.append("404")
        if self.method in getattr(self.view, "conflict_methods", ()):
            codes.append("409")
        for code in codes:
            error = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
            responses.setdefault(code, self._get_response_for_code(error, code))
        return responses

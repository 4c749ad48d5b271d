"""OpenAPI pieces shared by the views: error shapes, conditional-request headers, examples."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The shape of every error that is not about particular fields."""

    detail = serializers.CharField(help_text="What went wrong and what to do about it.")


class ConflictSerializer(ErrorSerializer):
    dependents = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text="On a refused delete: how many records of each kind depend on this one.",
    )


FIELD_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Field name (or non_field_errors, or detail) → messages.",
    },
    description="The input was refused; nothing was written. Each field's messages say why.",
    examples=[
        OpenApiExample(
            "A quote not in the article",
            value={
                "exact": [
                    "The quote 'Mr Flake says' does not occur in article 1 (“Some international activists say "
                    "they plan to use the upcomi…”). Copy it exactly as it stands in the article: it is matched "
                    "character for character, including spaces, quotation marks and case."
                ]
            },
        ),
        OpenApiExample(
            "An ambiguous quote",
            value={
                "exact": [
                    "The quote 'Mr. Flake says' occurs 4 times in article 1 (…), at 1896–1910, 2288–2302, "
                    "3526–3540, 4563–4577. Give start (one of these offsets), or a prefix or suffix, to choose one."
                ]
            },
        ),
    ],
)
NOT_AUTHENTICATED = OpenApiResponse(ErrorSerializer, description="No credentials: send 'Authorization: Token <key>'.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Signed in, but not in the editors group.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record.")
CONFLICT = OpenApiResponse(
    ConflictSerializer, description="Refused: other records depend on this one, or a concurrent write won."
)
PRECONDITION_FAILED = OpenApiResponse(
    ErrorSerializer, description="The If-Match ETag is stale: the record changed since you read it. Read it again."
)
PRECONDITION_REQUIRED = OpenApiResponse(
    ErrorSerializer, description="If-Match is missing: send the ETag from your last read of the record."
)
BAD_QUERY = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A query parameter could not be understood (each parameter's messages say why).",
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from your last read of this record. Required: a stale tag gets 412, none gets 428, "
    "so a change made by someone else in between is never overwritten.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold: if the record still has it, the answer is 304 with no body.",
)

WRITE_ERRORS = {400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN}
CONDITIONAL_WRITE_ERRORS = {
    **WRITE_ERRORS,
    404: NOT_FOUND,
    409: CONFLICT,
    412: PRECONDITION_FAILED,
    428: PRECONDITION_REQUIRED,
}


def describe_format_parameter(result: dict, generator: object, request: object, public: bool) -> dict:
    """Postprocessing hook: explain the `format` query parameter drf-spectacular adds undocumented."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "format" and parameter["in"] == "query":
                    parameter["description"] = (
                        "Response format, instead of an Accept header: json, csv for lists, jsonld for the "
                        "JSON-LD exports, api for the browsable HTML."
                    )
    return result

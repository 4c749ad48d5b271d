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


# A refused request: {"detail": "..."} for the request as a whole (malformed JSON, say), or
# field name → messages (a list of them; an object by position for a list field's items).
REFUSAL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}],
    },
    "description": "detail → message, or field name (or non_field_errors) → messages.",
}
# One component (facts/api/schema_hooks.py adds it), not a copy in every operation.
REFUSAL = {"$ref": "#/components/schemas/ValidationError"}
FIELD_ERRORS = OpenApiResponse(
    response=REFUSAL,
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
    ErrorSerializer, description="If-Match is missing, or `*`: send the ETag from your last read of the record."
)
BAD_QUERY = OpenApiResponse(
    response=REFUSAL,
    description="A query parameter could not be understood (each parameter's messages say why).",
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from your last read of this record. Required: a stale tag gets 412, none (or `*`) "
    "gets 428, so a change made by someone else in between is never overwritten.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Optional: a unique key of your choosing (a UUID). Retrying the request with the same key "
    "returns the first answer instead of writing twice; the same key with a different request gets 422.",
)
TOLERANCE = OpenApiParameter(
    "tolerance",
    {"type": "number", "minimum": 1, "maximum": 1000},
    description="How many times apart two central estimates may be before the sources disagree: 1 to 1000 (default 2).",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag you hold: if the record still has it, the answer is 304 with no body.",
)

KEY_REUSED = OpenApiResponse(
    ErrorSerializer, description="The Idempotency-Key was already used for a different request."
)
JOB_QUEUE_UNAVAILABLE = OpenApiResponse(
    ErrorSerializer,
    description="The job queue could not take the write's background job (extraction), so nothing was stored; "
    "wait the Retry-After seconds and send it again.",
)
WRITE_ERRORS = {400: FIELD_ERRORS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN, 422: KEY_REUSED}
CONDITIONAL_WRITE_ERRORS = {
    **WRITE_ERRORS,
    404: NOT_FOUND,
    409: CONFLICT,
    412: PRECONDITION_FAILED,
    428: PRECONDITION_REQUIRED,
}


SHARED_ERRORS = {
    "401": "The credentials sent are not valid (reading needs none; send none, or a valid token).",
    "404": "No such record, or a `cursor` this operation does not take.",
    "406": "A `format` (or Accept) this operation does not offer; the message lists those it does.",
    "429": "Too many requests from this client: wait the Retry-After seconds and try again.",
    "503": "The database is unavailable for a moment: wait the Retry-After seconds and try again.",
}


FORMATS = {
    "json": "json",
    "csv": "csv (a list without `cursor` or `page_size`: the whole list, streamed)",
    "jsonld": "jsonld (JSON-LD)",
}


def describe_format_parameter(result: dict, generator: object, request: object, public: bool) -> dict:
    """Postprocessing hook: explain the `format` query parameter drf-spectacular adds undocumented,
    and add the answers any operation can give (throttled, database unavailable)."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in ("get", "head") and {} not in operation.get("security", [{}]):
                operation["security"].append({})  # reading needs no credentials
            for code, description in SHARED_ERRORS.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "id" and parameter["in"] == "path":
                    parameter.setdefault("description", "The record's id.")
                if parameter["name"] == "format" and parameter["in"] == "query":
                    offered = ", ".join(FORMATS[value] for value in parameter["schema"].get("enum", []))
                    parameter["description"] = (
                        f"Response format, instead of an Accept header: {offered}. Any other is 406."
                    )
    return result


# Examples from the seed articles ---------------------------------------------------------

FLAKE_QUOTE = (
    "Refugee flows across the Chinese border have actually been one of the lifelines for North Korea "
    "during its years of famine and economic collapse,"
)
CLAIM_CREATE_EXAMPLES = [
    OpenApiExample(
        "A direct quote, by its text alone",
        request_only=True,
        value={
            "article": 1,
            "exact": FLAKE_QUOTE,
            "kind": "direct_quote",
            "speaker_person": 2,
            "attribution_exact": "added Mr. Flake",
        },
    ),
    OpenApiExample(
        "A quote that occurs several times, picked by its start",
        request_only=True,
        value={"article": 1, "exact": "Mr. Flake says", "start": 3526, "kind": "paraphrase", "speaker_person": 2},
    ),
    OpenApiExample(
        "The claim recorded",
        response_only=True,
        status_codes=["201"],
        value={
            "id": 13,
            "url": "http://127.0.0.1:8000/api/v1/claims/13/",
            "kind": "direct_quote",
            "passage": {
                "article": "http://127.0.0.1:8000/api/v1/articles/1/",
                "start": 1972,
                "end": 2117,
                "exact": FLAKE_QUOTE,
                "prefix": ' to the cross-border traffic.\n\n"',
                "suffix": '" added Mr. Flake. "And the most',
            },
            "attribution": {"start": 2119, "end": 2134, "exact": "added Mr. Flake"},
            "speaker": {
                "type": "person",
                "id": 2,
                "url": "http://127.0.0.1:8000/api/v1/people/2/",
                "name": "Gordon Flake",
            },
            "article": {
                "id": 1,
                "url": "http://127.0.0.1:8000/api/v1/articles/1/",
                "title": None,
                "publisher": None,
                "published_on": None,
                "source_url": None,
            },
            "review_status": "unreviewed",
            "created_at": "2026-11-22T04:21:03.616723Z",
            "updated_at": "2026-11-22T04:21:03.616734Z",
            "figures": [],
            "reviews": [],
        },
    ),
]
ARTICLE_CREATE_EXAMPLES = [
    OpenApiExample(
        "An article's text with what is known about it",
        request_only=True,
        value={
            "body": "A South Korean diplomat says seven North Koreans seeking political asylum tried to enter the "
            "Chinese Foreign Ministry compound here on Monday afternoon.",
            "title": None,
            "publisher": None,
            "language": "en",
        },
    )
]
EXTRACTION_EXAMPLES = [
    OpenApiExample(
        "Queued",
        response_only=True,
        status_codes=["202"],
        value={"status": "queued", "proposals": None, "error": None, "updated_at": "2026-12-03T14:20:11.402193Z"},
    ),
    OpenApiExample(
        "Queued again: the last attempt hit a transient failure",
        response_only=True,
        status_codes=["202"],
        value={
            "status": "queued",
            "proposals": None,
            "error": "Attempt 1 of 5 failed: deadlock detected; retrying.",
            "updated_at": "2026-12-03T14:20:13.118820Z",
        },
    ),
]
FIGURE_CREATE_EXAMPLES = [
    OpenApiExample(
        "A hedged estimate: a range",
        request_only=True,
        value={
            "article": 1,
            "exact": "More than 100,000, and perhaps as many as 300,000",
            "qualifier": "range",
            "low": "100000",
            "high": "300000",
            "unit": "people",
            "measure": 1,
            "place": "northeastern China",
        },
    ),
    OpenApiExample(
        "An upper bound from an unnamed source (the bounds follow from the qualifier)",
        request_only=True,
        value={
            "article": 2,
            "exact": "up to 300,000",
            "qualifier": "up_to",
            "value": "300000",
            "unit": "people",
            "measure": 1,
            "speaker_group": "Some activists",
        },
    ),
]
REVIEW_EXAMPLES = [
    OpenApiExample(
        "Disputed, with the reason",
        request_only=True,
        value={"status": "disputed", "note": "Other estimates put the number at tens of thousands."},
    )
]
COMPARISON_EXAMPLE = OpenApiExample(
    "North Korean refugees in China, as three articles report it",
    response_only=True,
    value={
        "measure": {"id": 1, "name": "North Korean refugees in China", "unit": "people"},
        "figure_count": 3,
        "truncated": False,
        "spread": {
            "lowest": "20000",
            "highest": "300000",
            "lowest_central_estimate": "44721.36",
            "highest_central_estimate": "300000",
        },
        "tolerance": "2",
        "disagreement_ratio": "6.71",
        "sources_disagree": True,
        "figures": [
            {
                "passage": {"exact": "More than 100,000, and perhaps as many as 300,000", "start": 1446, "end": 1495},
                "qualifier": "range",
                "value": None,
                "low": "100000",
                "high": "300000",
                "speaker": None,
                "central_estimate": "173205.08",
            },
            {
                "passage": {"exact": "up to 300,000", "start": 1884, "end": 1897},
                "qualifier": "up_to",
                "value": "300000",
                "low": None,
                "high": "300000",
                "speaker": {"type": "group", "id": None, "url": None, "name": "Some activists"},
                "central_estimate": "300000",
            },
            {
                "passage": {"exact": "tens of thousands", "start": 1879, "end": 1896},
                "qualifier": "vague",
                "value": None,
                "low": "20000",
                "high": "100000",
                "speaker": {
                    "type": "person",
                    "id": 5,
                    "url": "http://127.0.0.1:8000/api/v1/people/5/",
                    "name": "Erica Kang",
                },
                "central_estimate": "44721.36",
            },
        ],
    },
)
PROPOSAL_ACCEPT_EXAMPLES = [
    OpenApiExample("As proposed", request_only=True, value={}),
    OpenApiExample(
        "With the speaker corrected",
        request_only=True,
        value={"edits": {"speaker": {"type": "person", "name": "Gordon Flake"}}},
    ),
    OpenApiExample(
        "A figure with its measure and a corrected qualifier",
        request_only=True,
        value={"edits": {"qualifier": "approximately", "measure": 1}},
    ),
]

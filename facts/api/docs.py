"""What the API documentation says about each operation: summaries, descriptions, responses.

The viewsets in facts/api/views/ apply these (`@extend_schema_view(**docs.CLAIMS)` on a
class, `@docs.CLAIM_REVIEW` on an action), so they stay declarations and the prose stays
in one place. The pieces several operations share (error shapes, headers, the seed
examples) are in facts/api/schema.py.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer

from facts.api import serializers
from facts.api.changes import RESOURCE_NAMES as CHANGE_RESOURCES
from facts.api.operations import export_operation, standard_operations
from facts.api.schema import (
    ARTICLE_CREATE_EXAMPLES,
    BAD_QUERY,
    CLAIM_CREATE_EXAMPLES,
    COMPARISON_EXAMPLE,
    CONDITIONAL_WRITE_ERRORS,
    EXTRACTION_EXAMPLES,
    FIGURE_CREATE_EXAMPLES,
    IDEMPOTENCY_KEY,
    IF_MATCH,
    JOB_QUEUE_UNAVAILABLE,
    NOT_FOUND,
    PROPOSAL_ACCEPT_EXAMPLES,
    REVIEW_EXAMPLES,
    TOLERANCE,
    WRITE_ERRORS,
)

ANCHORED_WRITE_NOTE = (
    "Send the article id and the exact quote; offsets are optional. The quote is found in the article body "
    "character for character (nothing is trimmed or normalised). A quote that is not there, or that occurs "
    "more than once with nothing (`start`, `prefix`, `suffix`) to choose, is refused with the reason and the "
    "candidate offsets. Once saved, the passage never changes."
)


# Articles: /articles/ -----------------------------------------------------------------

ARTICLES = standard_operations(
    "article",
    "articles",
    write=serializers.ArticleWriteSerializer,
    item=serializers.ArticleSerializer,
    detail=serializers.ArticleDetailSerializer,
    filters_note="Search bodies and titles with `q`.",
    create=extend_schema(
        summary="Store an article's text",
        description="The body is stored exactly as sent and never changes. Sending a body that is already stored "
        "is idempotent: the answer is 200 with the existing article (its metadata unchanged; PATCH it to edit) "
        "instead of 201 with a new one. Either way the Location header is the article's URL. The body of a "
        "withdrawn article is refused with 400 (restore that article instead). A new article is "
        "answered at once, with the extractor's run queued in the same transaction (`extraction.status` "
        "`queued`): a worker proposes its facts in the background (poll the article, or list `/proposals/?"
        "article=`). If the job cannot be queued, nothing is stored and the answer is 503 with Retry-After.",
        parameters=[IDEMPOTENCY_KEY],
        examples=ARTICLE_CREATE_EXAMPLES,
        responses={
            201: serializers.ArticleDetailSerializer,
            200: serializers.ArticleDetailSerializer,
            **WRITE_ERRORS,
            503: JOB_QUEUE_UNAVAILABLE,
        },
    ),
    destroy=extend_schema(
        summary="Withdraw an article",
        description="Needs If-Match. Nothing is deleted: the article is withdrawn, so it and every fact recorded "
        "from it leave all lists and reads (404), its body and facts are kept, history records who withdrew it, "
        "and `POST /articles/{id}/restore/` brings it back. Withdrawing needs no other record to be deleted first.",
        parameters=[IF_MATCH],
        responses={204: None, **CONDITIONAL_WRITE_ERRORS},
    ),
)

ARTICLE_RESTORE = extend_schema(
    summary="Restore a withdrawn article",
    description="Bring a withdrawn article back with its facts, as they were; an article that is not withdrawn "
    "is returned unchanged. History records who restored it. Needs an editor's token.",
    request=None,
    responses={200: serializers.ArticleDetailSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
)

ARTICLE_ANNOTATIONS = extend_schema(
    summary="An article's passages as W3C Web Annotations",
    description="Every claim, figure, mention and role of the article as a W3C Web Annotation (JSON-LD), "
    "its target carrying a TextQuoteSelector and a TextPositionSelector, so annotation tools can anchor it.",
    responses={200: serializers.AnnotationPageSerializer, 404: NOT_FOUND},
)

ARTICLE_EXTRACT = extend_schema(
    summary="Propose facts for an article (queued)",
    description="Queue the extractor's run on the article and answer 202 at once with its state (`queued`); the "
    "Location header is the article, whose `extraction` then says `running`, `done` (with how many proposals "
    "it has) or `failed` (with the error). A worker proposes people, organizations, roles, direct quotes with "
    "their speakers, attributed paraphrases and figures, each with its exact passage, for editors to accept or "
    "reject (`/proposals/`). Idempotent: what this extractor version already proposed is not proposed again, "
    "reviews are left as they are, and a run already waiting is not queued twice. Transient failures are "
    "retried with backoff; a body over the extraction budget fails with a message saying so. Needs an "
    "editor's token.",
    request=None,
    examples=EXTRACTION_EXAMPLES,
    responses={
        202: serializers.ExtractionSerializer,
        404: NOT_FOUND,
        **WRITE_ERRORS,
        503: JOB_QUEUE_UNAVAILABLE,
    },
)


# Claims: /claims/ and /claim-reviews/ -------------------------------------------------

CLAIMS = standard_operations(
    "claim",
    "claims",
    write=serializers.ClaimWriteSerializer,
    item=serializers.ClaimSerializer,
    detail=serializers.ClaimDetailSerializer,
    filters_note="Filter by article, speaker, kind, review status, dates; search the quoted text with `q`.",
    create_description=ANCHORED_WRITE_NOTE,
    create_examples=CLAIM_CREATE_EXAMPLES,
    create_summary="Record a claim by its quote",
)

CLAIM_REVIEW = extend_schema(
    summary="Review a claim",
    description="Record an editor's verdict (status and note); it becomes the claim's review status, and the "
    "reviewer and date are recorded. Returns the claim with its reviews, newest first.",
    request=serializers.ReviewWriteSerializer,
    parameters=[IDEMPOTENCY_KEY],
    examples=REVIEW_EXAMPLES,
    responses={201: serializers.ClaimDetailSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
)

CLAIM_REVIEWS = {
    "export": export_operation("reviewed claims"),
    "list": extend_schema(
        operation_id="claim_reviews_list",
        summary="Reviewed claims as schema.org ClaimReview",
        description="Every claim with a review verdict (not unreviewed), as schema.org ClaimReview JSON-LD, newest "
        "first, a cursor page at a time.",
        responses={200: serializers.ClaimReviewSerializer(many=True), 400: BAD_QUERY},
    ),
    "retrieve": extend_schema(
        summary="One reviewed claim as schema.org ClaimReview",
        description="The claim's latest review verdict as schema.org ClaimReview JSON-LD; 404 while unreviewed.",
        responses={200: serializers.ClaimReviewSerializer, 404: NOT_FOUND},
    ),
}


# Figures and measures: /figures/, /measures/ ------------------------------------------

FIGURES = standard_operations(
    "figure",
    "figures",
    write=serializers.FigureWriteSerializer,
    item=serializers.FigureSerializer,
    filters_note="Filter by article, measure, qualifier, speaker, value range (`value_min`, `value_max`), dates.",
    create_description=ANCHORED_WRITE_NOTE + " Bounds the qualifier implies (more_than n: low n) may be left out.",
    create_examples=FIGURE_CREATE_EXAMPLES,
    create_summary="Record a figure by its quote",
)

MEASURES = standard_operations(
    "measure",
    "measures",
    item=serializers.MeasureSerializer,
    write=serializers.MeasureWriteSerializer,
    filters_note="Filter by name or unit.",
)

MEASURE_COMPARISON = extend_schema(
    summary="Compare a measure across articles",
    description="Every figure of the measure, in the order its articles were published (unknown dates last, "
    "then by when the article was stored), with who gave each value and the exact passage; the spread of the "
    "reported values; and whether the sources disagree (their central estimates differ by more than the "
    "`tolerance` factor, default 2). A figure's central estimate is its value, or for a range or vague figure "
    "the geometric mean of its bounds (its low bound when it has no high).",
    examples=[COMPARISON_EXAMPLE],
    parameters=[TOLERANCE],
    responses={200: serializers.ComparisonSerializer, 400: BAD_QUERY, 404: NOT_FOUND},
)


# Mentions and roles: /mentions/, /roles/ ----------------------------------------------

MENTIONS = standard_operations(
    "mention",
    "mentions",
    write=serializers.MentionWriteSerializer,
    item=serializers.MentionSerializer,
    filters_note="Filter by article, person or organization.",
    create_summary="Record a mention by its quote",
    create_description=ANCHORED_WRITE_NOTE,
)

ROLES = standard_operations(
    "role",
    "roles",
    write=serializers.RoleWriteSerializer,
    item=serializers.RoleSerializer,
    filters_note="Filter by article, holder, affiliation or title.",
    create_summary="Record a stated role by its quote",
    create_description=ANCHORED_WRITE_NOTE,
)


# People and organizations: /people/, /organizations/ ----------------------------------

PEOPLE = standard_operations(
    "person",
    "people",
    write=serializers.PersonWriteSerializer,
    item=serializers.PersonSerializer,
    detail=serializers.PersonDetailSerializer,
    filters_note="Search names and aliases with `q`.",
)

ORGANIZATIONS = standard_operations(
    "organization",
    "organizations",
    write=serializers.OrganizationWriteSerializer,
    item=serializers.OrganizationSerializer,
    detail=serializers.OrganizationDetailSerializer,
    filters_note="Search names and aliases with `q`.",
)

ACTOR_CLAIMS = extend_schema(
    summary="Their claims across all articles",
    description="Every claim they made, in any article, newest first, with its passage.",
    responses={200: serializers.ClaimSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
)

# These two have no description of their own: the schema shows ActorViewSet's docstring.
ACTOR_FIGURES = extend_schema(
    summary="The figures they gave across all articles",
    responses={200: serializers.FigureSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
)

ACTOR_MENTIONS = extend_schema(
    summary="Where articles name them",
    responses={200: serializers.MentionSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
)


# Proposals: /proposals/ ---------------------------------------------------------------

PROPOSALS = {
    "export": export_operation("proposals"),
    "list": extend_schema(
        summary="List proposals",
        description="What the extractor proposed, a cursor page at a time (`next` follows), newest first: candidate "
        "people, organizations, mentions, roles, claims (direct quotes and paraphrases) and figures, each with its "
        "passage, proposed values (`data`), confidence and status. Filter by article, kind, status, minimum "
        "confidence and extractor version. Add `format=csv` (or Accept: text/csv) for CSV.",
        responses={200: serializers.ProposalSerializer(many=True), 400: BAD_QUERY},
    ),
    "retrieve": extend_schema(
        summary="Get one proposal",
        description="The proposal, with what accepting it created (`record`) once accepted.",
        responses={200: serializers.ProposalSerializer, 404: NOT_FOUND},
    ),
}

PROPOSAL_ACCEPT = extend_schema(
    summary="Accept a proposal",
    description="Record what the proposal proposes: a person or organization (found by name or alias, or "
    "created), a mention, a role, a claim or a figure, made through the same checks as every other write. "
    "Send corrections in `edits` to accept it as corrected; they are kept on the proposal. Speakers are found "
    "among stored people and organizations by name or alias, or created. Accepting an accepted proposal again "
    "returns it unchanged and creates nothing. Needs an editor's token.",
    request=serializers.ProposalAcceptSerializer,
    examples=PROPOSAL_ACCEPT_EXAMPLES,
    responses={200: serializers.ProposalSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
)

PROPOSAL_REJECT = extend_schema(
    summary="Reject a proposal",
    description="Mark the proposal rejected, with who and when; nothing is recorded. Rejecting it again changes "
    "nothing; an accepted proposal cannot be rejected (correct or delete the record it created instead). "
    "Needs an editor's token.",
    request=None,
    responses={200: serializers.ProposalSerializer, 404: NOT_FOUND, **WRITE_ERRORS},
)

PROPOSALS_ACCEPT_MANY = extend_schema(
    operation_id="proposals_accept_many",
    summary="Accept several proposals",
    description="Accept every listed proposal, as they were proposed, all or none: people and organizations "
    "first, then mentions, roles, claims, and the figures inside those claims. A proposal that cannot be "
    "accepted refuses the whole request (400, naming it). Already accepted ones are left as they are. Needs "
    "an editor's token.",
    request=serializers.ProposalIdsSerializer,
    responses={
        200: inline_serializer("AcceptedProposals", {"proposals": serializers.ProposalSerializer(many=True)}),
        **WRITE_ERRORS,
    },
)


# The change feed: /changes/ ----------------------------------------------------------

CHANGES = extend_schema(
    operation_id="changes_list",
    summary="Every change, in order, to poll",
    description="Every insert, update, merge and delete of articles, people, organizations, measures, claims, "
    "figures, mentions, roles and proposals, from the history, oldest first. Keep `next` and poll it: you get "
    "each change exactly once, including changes made by transactions that commit late (a change appears once "
    "every transaction that began before it has ended). For a deletion, `deleted` holds what was deleted.",
    parameters=[
        OpenApiParameter(
            "after",
            OpenApiTypes.STR,
            description="A position from this feed (the `next` link has it; any other is 404); without it, from "
            "the first change.",
        ),
        OpenApiParameter(
            "page_size", {"type": "integer", "minimum": 1, "maximum": 500}, description="Changes per page."
        ),
        OpenApiParameter(
            "resource", OpenApiTypes.STR, enum=CHANGE_RESOURCES, description="Only the changes of one resource."
        ),
    ],
    responses={200: serializers.ChangesPageSerializer, 400: BAD_QUERY},
)

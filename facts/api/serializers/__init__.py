"""How records look over HTTP, and what a client may send.

- fields.py: the building blocks (exact text, strict input, the fast read path).
- read.py: the read serializers, their nested parts and summaries, and ClaimReview.
- write.py: the write serializers; creating and changing go through facts.services.
- proposals.py: the extractor's proposals, and accepting them.
- versions.py: an article's versions: a correction, carried facts' anchoring, a diff.
- shapes.py: responses built as plain dicts (comparison, JSON-LD exports), typed for the
  schema and for CSV.

Everything is importable from here (`serializers.ClaimSerializer`), so a view or a test
need not know which module a serializer lives in.
"""

from facts.api.serializers.fields import (
    MAX_OFFSET,
    ExactTextField,
    FastReadMixin,
    StrictInputMixin,
    StrictModelSerializer,
    refuse_unexpected_fields,
    text_field,
)
from facts.api.serializers.proposals import (
    RECORD_VIEWS,
    ProposalAcceptSerializer,
    ProposalIdsSerializer,
    ProposalRecordSerializer,
    ProposalSerializer,
)
from facts.api.serializers.read import (
    ActorDetailSerializer,
    ActorSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSummarySerializer,
    AttributionSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    ExtractionSerializer,
    FigureSerializer,
    HolderSerializer,
    MeasureSerializer,
    MeasureSummarySerializer,
    MentionSerializer,
    OrganizationDetailSerializer,
    OrganizationSerializer,
    OrganizationSummarySerializer,
    PassageSerializer,
    PersonDetailSerializer,
    PersonSerializer,
    ReviewSerializer,
    RoleSerializer,
    SpeakerSerializer,
)
from facts.api.serializers.shapes import (
    AnnotationPageSerializer,
    ChangesPageSerializer,
    ClaimReviewSerializer,
    ComparedFigureSerializer,
    ComparisonSerializer,
)
from facts.api.serializers.versions import (
    AnchoringSerializer,
    ArticleDiffSerializer,
    ArticleVersionWriteSerializer,
    CarriedOnwardSerializer,
)
from facts.api.serializers.write import (
    PASSAGE_INPUT_FIELDS,
    ActorWriteSerializer,
    AnchoredWriteSerializer,
    ArticleWriteSerializer,
    ClaimWriteSerializer,
    FigureWriteSerializer,
    MeasureWriteSerializer,
    MentionWriteSerializer,
    OrganizationWriteSerializer,
    PersonWriteSerializer,
    RecordWriteSerializer,
    ReviewWriteSerializer,
    RoleWriteSerializer,
    SpeakerInputMixin,
    update_serializer,
)

__all__ = [
    "MAX_OFFSET",
    "PASSAGE_INPUT_FIELDS",
    "RECORD_VIEWS",
    "ActorDetailSerializer",
    "ActorSerializer",
    "ActorWriteSerializer",
    "AnchoredWriteSerializer",
    "AnchoringSerializer",
    "AnnotationPageSerializer",
    "ArticleDetailSerializer",
    "ArticleDiffSerializer",
    "ArticleSerializer",
    "ArticleSummarySerializer",
    "ArticleVersionWriteSerializer",
    "ArticleWriteSerializer",
    "AttributionSerializer",
    "CarriedOnwardSerializer",
    "ChangesPageSerializer",
    "ClaimDetailSerializer",
    "ClaimReviewSerializer",
    "ClaimSerializer",
    "ClaimWriteSerializer",
    "ComparedFigureSerializer",
    "ComparisonSerializer",
    "ExactTextField",
    "ExtractionSerializer",
    "FastReadMixin",
    "FigureSerializer",
    "FigureWriteSerializer",
    "HolderSerializer",
    "MeasureSerializer",
    "MeasureSummarySerializer",
    "MeasureWriteSerializer",
    "MentionSerializer",
    "MentionWriteSerializer",
    "OrganizationDetailSerializer",
    "OrganizationSerializer",
    "OrganizationSummarySerializer",
    "OrganizationWriteSerializer",
    "PassageSerializer",
    "PersonDetailSerializer",
    "PersonSerializer",
    "PersonWriteSerializer",
    "ProposalAcceptSerializer",
    "ProposalIdsSerializer",
    "ProposalRecordSerializer",
    "ProposalSerializer",
    "RecordWriteSerializer",
    "ReviewSerializer",
    "ReviewWriteSerializer",
    "RoleSerializer",
    "RoleWriteSerializer",
    "SpeakerInputMixin",
    "SpeakerSerializer",
    "StrictInputMixin",
    "StrictModelSerializer",
    "refuse_unexpected_fields",
    "text_field",
    "update_serializer",
]

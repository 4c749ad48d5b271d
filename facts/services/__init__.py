"""Every write to Factbase, one module per sub-domain; the API, the admin and the commands call these.

| module | writes |
| --- | --- |
| `anchoring` | none itself: finds where a quote sits in an article body, for every passage write |
| `articles` | storing an article's text; withdrawing an article (what deleting one does) and restoring it |
| `records` | one record: claims, figures, mentions, roles from their quotes; people, organizations, measures; updates |
| `reviews` | an editor's verdict on a claim |
| `merging` | a duplicate person or organization merged into the one kept |
| `proposals` | what the extractor finds, stored as proposals |
| `extractions` | extraction as a background job: queued with the write, run by a worker (facts/tasks.py) |
| `accepting` | an editor accepting (with corrections) or rejecting proposals |
| `bulk_accepting` | accepting a selection's pending proposals, with a dry run of what it would create |
| `history` | reverting a record to an earlier version, restoring a deleted one |
| `versions` | a corrected text as an article's next version, its facts carried (`reanchoring`); fuzzy confirmed |
| `sources` | an article from its web page: HTML sent, or fetched from a URL, kept as its source snapshot |
| `fetches` | importing from a URL as a background job: the request recorded, its fetch queued with it |
| `imports` | a batch of articles with their facts, checked whole, then written with a few INSERTs |

Services are keyword-only, run in a transaction, validate with `full_clean()` before saving and
raise Django's ValidationError for a rule a write breaks.
"""

from facts.services.accepting import (
    EDITABLE,
    Acceptance,
    RejectedActor,
    proposal_accept,
    proposal_accept_noting,
    proposal_reject,
    proposals_accept,
)
from facts.services.anchoring import Anchor, anchor_attribution, anchor_quote, find_occurrences
from facts.services.articles import article_ingest, article_restore, article_withdraw
from facts.services.bulk_accepting import BulkAcceptance, proposals_accept_pending
from facts.services.extractions import (
    ExtractionRefused,
    JobQueueUnavailable,
    extraction_enqueue,
    extraction_failed,
    extraction_run,
    extractions_enqueue,
)
from facts.services.fetches import (
    ArticleRequestFailed,
    article_request_create,
    article_request_retry,
    article_request_run,
)
from facts.services.history import record_restore, record_revert
from facts.services.imports import ImportResult, articles_import
from facts.services.merging import ORGANIZATION_LINKS, PERSON_LINKS, organization_merge, person_merge
from facts.services.proposals import article_extract, proposals_from, proposals_supersede
from facts.services.records import (
    claim_create,
    figure_create,
    mention_create,
    record_create,
    record_update,
    role_create,
)
from facts.services.reviews import claim_review
from facts.services.sources import GivenMetadata, article_import_html, article_import_url_synchronously
from facts.services.versions import (
    article_facts_reanchor,
    article_version_create,
    carried_fact_confirm,
    reanchoring_run,
)

__all__ = [
    "EDITABLE",
    "ORGANIZATION_LINKS",
    "PERSON_LINKS",
    "Acceptance",
    "Anchor",
    "ArticleRequestFailed",
    "BulkAcceptance",
    "ExtractionRefused",
    "GivenMetadata",
    "ImportResult",
    "JobQueueUnavailable",
    "RejectedActor",
    "anchor_attribution",
    "anchor_quote",
    "article_extract",
    "article_facts_reanchor",
    "article_import_html",
    "article_import_url_synchronously",
    "article_ingest",
    "article_request_create",
    "article_request_retry",
    "article_request_run",
    "article_restore",
    "article_version_create",
    "article_withdraw",
    "articles_import",
    "carried_fact_confirm",
    "claim_create",
    "claim_review",
    "extraction_enqueue",
    "extraction_failed",
    "extraction_run",
    "extractions_enqueue",
    "figure_create",
    "find_occurrences",
    "mention_create",
    "organization_merge",
    "person_merge",
    "proposal_accept",
    "proposal_accept_noting",
    "proposal_reject",
    "proposals_accept",
    "proposals_accept_pending",
    "proposals_from",
    "proposals_supersede",
    "reanchoring_run",
    "record_create",
    "record_restore",
    "record_revert",
    "record_update",
    "role_create",
]

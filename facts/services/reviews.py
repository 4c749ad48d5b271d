"""An editor's verdict on a claim."""

from django.contrib.auth.models import User
from django.db import transaction

from facts.models import Claim, Review


@transaction.atomic
def claim_review(
    *, claim: Claim, status: str, note: str = "", internal_note: str = "", reviewer: User | None = None
) -> Review:
    """Record an editor's verdict on a claim and make it the claim's current status.

    `note` is public (the ClaimReview's reviewBody); `internal_note` is for editors only.
    """
    review = Review(claim=claim, status=status, note=note, internal_note=internal_note, reviewer=reviewer)
    review.full_clean()
    review.save()
    claim.review_status = status
    claim.save(update_fields=["review_status", "updated_at"])
    return review

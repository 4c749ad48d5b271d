"""System checks (`manage.py check --deploy`) for settings that are valid but leave something out."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


# A deploy check: a local run needs no publisher; a deployment that publishes fact checks does.
@register(deploy=True)
def publisher_is_named(**kwargs: Any) -> list[Warning]:
    """Without FACTBASE_PUBLISHER_NAME the ClaimReview exports carry no `author`: say so at start-up."""
    if settings.FACTBASE_PUBLISHER_NAME:
        return []
    return [
        Warning(
            "FACTBASE_PUBLISHER_NAME is not set, so the ClaimReview exports and the public claim pages name no "
            "author for the fact checks (Google's fact-check guide recommends one).",
            hint="Set FACTBASE_PUBLISHER_NAME (and FACTBASE_PUBLISHER_URL, FACTBASE_PUBLISHER_LOGO_URL) to the "
            "organization that publishes them.",
            id="facts.W001",
        )
    ]

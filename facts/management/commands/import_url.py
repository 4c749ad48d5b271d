"""Fetch an article's page and store its main text as an article, the page kept as its source.

Unlike the API and the admin's "Add article from URL or HTML", which queue the fetch for a
background worker (an ArticleRequest, facts/services/fetches.py), this command fetches while its
caller waits: someone running a command waits for its answer anyway, it holds no web worker, and
it works without a job worker running. The fetcher's limits (FACTBASE_FETCH_TOTAL_TIMEOUT, …) bound the wait.
"""

from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from facts import services


class Command(BaseCommand):
    help = (
        "Fetch URL now, while you wait (http or https, public addresses only, within the FACTBASE_FETCH_ "
        "limits), and store its main text as an article, with the metadata the page states; the HTML is "
        "kept as the article's source. No job worker is needed: unlike the API and the admin, which "
        "queue the fetch. A text already stored resolves to that article. A refused or failed fetch, "
        "or a page with no article text, exits with status 1 and says why."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="The article's page.")
        parser.add_argument("--publisher", help="The publisher, instead of the site name the page states.")
        parser.add_argument("--title", help="The title, instead of the one the page states.")
        parser.add_argument("--no-extract", action="store_true", help="Store the article without proposing facts.")

    @pghistory.context(command="import_url")
    def handle(
        self, *args: Any, url: str, publisher: str | None, title: str | None, no_extract: bool, **options: Any
    ) -> None:
        given = services.GivenMetadata(title=title or None, publisher=publisher or None)
        try:
            article, created = services.article_import_url_synchronously(url=url, given=given, extract=not no_extract)
        except ValidationError as error:
            raise CommandError(f"{url}: {' '.join(error.messages)}") from None
        status = "created" if created else "existing"
        self.stdout.write(
            self.style.SUCCESS(
                f"{status} article {article.pk}: {article.title or '(no title)'} ({len(article.body)} characters)"
            )
        )

"""Loading the curated seed fixtures (`fixtures/`; the format is in fixtures/README.md).

Everything goes through the same services as the API and the admin, so every passage of
the fixtures is anchored and checked like an editor's. Loading is idempotent: a record
whose natural key already exists (an article's body, a name, a passage's span) is left as
it is, so a second load creates nothing.
"""

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from facts import services
from facts.models import Article, Claim, Figure, Measure, Mention, Organization, Passage, Person, Role
from facts.numbers import parse_decimal

FIXTURES_DIR = settings.BASE_DIR / "fixtures"

# The records found by name, and the ones that sit on a passage.
NamedT = TypeVar("NamedT", Person, Organization, Measure)
PassageT = TypeVar("PassageT", bound=Passage)


class Seed:
    """One load of a fixtures directory; `created` counts what it added, per kind."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.created: Counter[str] = Counter()
        self.people: dict[str, Person] = {}
        self.organizations: dict[str, Organization] = {}
        self.measures: dict[str, Measure] = {}

    @transaction.atomic
    def load(self) -> Counter[str]:
        entities = _read_json(self.directory / "entities.json")
        for entry in entities.get("people", []):
            self.people[entry["name"]] = self._get_or_create(Person, entry, ("name", "aliases"))
        for entry in entities.get("organizations", []):
            self.organizations[entry["name"]] = self._get_or_create(Organization, entry, ("name", "aliases"))
        for entry in entities.get("measures", []):
            self.measures[entry["name"]] = self._get_or_create(Measure, entry, ("name", "description", "unit"))
        for text_path in sorted((self.directory / "articles").glob("*.txt")):
            self._load_article(text_path)
        return self.created

    def _get_or_create(self, model: type[NamedT], entry: dict[str, Any], fields: tuple[str, ...]) -> NamedT:
        existing = model._default_manager.filter(name=entry["name"]).order_by("pk").first()
        if existing is not None:
            return existing
        instance = services.record_create(
            model=model, values={field: entry[field] for field in fields if field in entry}
        )
        self.created[str(model._meta.verbose_name_plural)] += 1
        return instance

    def _load_article(self, text_path: Path) -> None:
        # Bytes decoded as they are: reading in text mode would translate line endings.
        body = text_path.read_bytes().decode("utf-8")
        facts = _read_json(text_path.with_suffix(".json"))
        metadata = {key: facts.get(key) for key in ("title", "publisher", "url", "language", "published_on")}
        # The facts of a seed article are curated here: proposals would only repeat them.
        article, created = services.article_ingest(body=body, extract=False, **metadata)
        if created:
            self.created["articles"] += 1

        try:
            self._load_facts(article, facts)
        except ValidationError as error:
            raise ValidationError(f"{text_path.with_suffix('.json').name}: {error}") from error

    def _load_facts(self, article: Article, facts: dict[str, Any]) -> None:
        for entry in facts.get("mentions", []):
            self._add(Mention, services.mention_create, article, entry, **self._holder(entry))
        for entry in facts.get("roles", []):
            affiliation = self.organizations[entry["affiliation"]] if entry.get("affiliation") else None
            self._add(
                Role,
                services.role_create,
                article,
                entry,
                title=entry["title"],
                affiliation=affiliation,
                **self._holder(entry),
            )
        claims = {}
        for entry in facts.get("claims", []):
            attribution = entry.get("attribution") or {}
            claims[entry["key"]] = self._add(
                Claim,
                services.claim_create,
                article,
                entry,
                kind=entry["kind"],
                attribution_exact=attribution.get("exact"),
                attribution_start=attribution.get("start"),
                **self._speaker(entry.get("speaker")),
            )
        for entry in facts.get("figures", []):
            self._add_figure(article, entry, claims)

    def _add_figure(self, article: Article, entry: dict[str, Any], claims: dict[str, Claim]) -> None:
        self._add(
            Figure,
            services.figure_create,
            article,
            entry,
            qualifier=entry["qualifier"],
            value=parse_decimal(entry.get("value")),
            low=parse_decimal(entry.get("low")),
            high=parse_decimal(entry.get("high")),
            unit=entry.get("unit") or "",
            measure=self.measures[entry["measure"]] if entry.get("measure") else None,
            place=entry.get("place") or "",
            period=entry.get("period") or "",
            claim=claims[entry["claim"]] if entry.get("claim") else None,
            **self._speaker(entry.get("speaker")),
        )

    def _add(
        self,
        model: type[PassageT],
        create: Callable[..., PassageT],
        article: Article,
        entry: dict[str, Any],
        **fields: Any,
    ) -> PassageT:
        """Create one anchored record unless its span is already recorded."""
        anchor = services.anchor_quote(
            article=article,
            exact=entry["exact"],
            start=entry.get("start"),
            prefix=entry.get("prefix"),
            suffix=entry.get("suffix"),
        )
        existing = model._default_manager.filter(article=article, start=anchor.start, end=anchor.end).first()
        if existing is not None:
            return existing
        self.created[str(model._meta.verbose_name_plural)] += 1
        return create(article=article, exact=anchor.exact, start=anchor.start, **fields)

    def _holder(self, entry: dict[str, Any]) -> dict[str, Any]:
        if "person" in entry:
            return {"person": self.people[entry["person"]]}
        return {"organization": self.organizations[entry["organization"]]}

    def _speaker(self, speaker: dict[str, str] | None) -> dict[str, Any]:
        if not speaker:
            return {}
        if "person" in speaker:
            return {"speaker_person": self.people[speaker["person"]]}
        if "organization" in speaker:
            return {"speaker_organization": self.organizations[speaker["organization"]]}
        return {"speaker_group": speaker["group"]}


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_seed(directory: Path = FIXTURES_DIR) -> Counter[str]:
    """Load the fixtures in `directory`; returns how many records of each kind were created."""
    return Seed(directory).load()

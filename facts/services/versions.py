"""Corrected texts: a new version of an article, its facts carried over and re-anchored, fuzzy ones confirmed.

`article_version_create` stores the correction as a new article linked to the one it corrects
(which never changes) and, in the same transaction, queues the job (`reanchor_version`) in
which `article_facts_reanchor` carries every claim, figure, mention and role of the previous
version to it: each gets a CarriedFact saying
whether its passage was found exact, moved, fuzzy or not at all (orphaned; no copy is made).
The matching is in `reanchoring`.
"""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from procrastinate import exceptions as queue_errors

from facts.models import CONTEXT_LENGTH, FACT_KINDS, Article, CarriedFact, Claim, body_sha256
from facts.services.anchoring import check_storable
from facts.services.extractions import defer_jobs, waiting_job
from facts.services.reanchoring import EXACT, MOVED, ORPHANED, BodyMap, Relocation, relocate

# The fields a copy does not take from the original: its identity, its place, its timestamps.
NOT_COPIED = {"id", "article", "start", "end", "exact", "prefix", "suffix", "created_at", "updated_at"}
ATTRIBUTION = ("attribution_start", "attribution_end", "attribution_exact")


def _refusal(field: str, message: str, code: str, **params: Any) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _check_can_be_corrected(article: Article, body: str) -> None:
    """Refuse a correction of a withdrawn or superseded article, or one that is no correction."""
    if article.withdrawn_at is not None:
        raise _refusal(
            "article",
            "Article %(pk)s is withdrawn; restore it before submitting a corrected text.",
            "withdrawn",
            pk=article.pk,
        )
    successor = Article.objects.filter(previous_version=article).only("pk", "version").first()
    if successor is not None:
        raise _refusal(
            "article",
            "Article %(pk)s is not the latest version: article %(next)s (version %(version)s) already corrects it. "
            "Submit the correction to the latest version.",
            "not_latest",
            pk=article.pk,
            next=successor.pk,
            version=successor.version,
        )
    if body == "":
        raise _refusal("body", "The corrected text is empty.", "required")
    check_storable("body", body)
    if body == article.body:
        raise _refusal(
            "body", "The corrected text is identical to the article's body: nothing to correct.", "unchanged"
        )
    stored = Article.objects.filter(sha256=body_sha256(body)).only("pk").first()
    if stored is not None:
        raise _refusal(
            "body",
            "This exact text is already stored as article %(pk)s; a text is stored once, so it cannot also be "
            "a new version of article %(article)s.",
            "duplicate",
            pk=stored.pk,
            article=article.pk,
        )


@transaction.atomic
def article_version_create(
    *,
    article: Article,
    body: str,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    language: str | None = None,
    published_on: Any = None,
) -> Article:
    """Store a corrected text of `article` as its next version, and carry its facts to it.

    Metadata not given is the previous version's. Refused (ValidationError, nothing written) when
    the article is withdrawn or already corrected (code `withdrawn`, `not_latest`), or the text is
    empty, unchanged or stored already (`required`, `unchanged`, `duplicate`).
    """
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    _check_can_be_corrected(article, body)
    version = Article(
        body=body,
        title=title if title is not None else article.title,
        publisher=publisher if publisher is not None else article.publisher,
        url=url if url is not None else article.url,
        language=language if language is not None else article.language,
        published_on=published_on if published_on is not None else article.published_on,
        previous_version=article,
        first_version_id=article.first_version_pk,
        version=article.version + 1,
    )
    version.full_clean()
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as error:
        raise _refusal(
            "article", "Another correction of article %(pk)s was stored at the same time.", "conflict", pk=article.pk
        ) from error
    reanchor_version(version=version)
    return version


def reanchor_version(*, version: Article) -> int:
    """Queue the carrying of the previous version's facts to `version`, in the caller's transaction.

    A background job (facts/tasks.py: `reanchor_version`), so the write that stores the version
    does not wait for the matching; queued in its transaction, so a stored version always has its
    job and a rolled-back one queues nothing. Returns the job's id. A queue that cannot take the
    job raises JobQueueUnavailable, which rolls the version back.
    """
    from facts.tasks import reanchor_version as task  # the tasks module imports the services

    name = f"reanchor-version-{version.pk}"
    try:
        (job_id,) = defer_jobs([task.configure(lock=name, queueing_lock=name).make_new_job(article_id=version.pk)])
    except queue_errors.AlreadyEnqueued:  # one is already waiting for this version: it does the work
        return waiting_job(name)
    return job_id


@transaction.atomic
def reanchoring_run(*, article_id: int) -> list[CarriedFact]:
    """What the job does: carry the facts to the version `article_id`, once (a second run finds them carried)."""
    version = Article.objects.select_for_update(of=("self",)).defer("search_vector").filter(pk=article_id).first()
    if version is None:
        return []  # gone since it was queued (a version is never deleted by the application)
    return article_facts_reanchor(version=version)


@transaction.atomic
def article_facts_reanchor(*, version: Article) -> list[CarriedFact]:
    """Carry every fact of the previous version to `version`, each with a CarriedFact saying how it was found."""
    previous = version.previous_version
    if previous is None or CarriedFact.objects.filter(version=version).exists():
        return []  # a first version, or carried already (a job run twice)
    carrier = Carrier(version, BodyMap(previous.body, version.body))
    carried: list[CarriedFact] = []
    for kind in FACT_KINDS:
        manager = getattr(previous, f"{kind}s")
        pairs = [(fact, carrier.locate(fact)) for fact in manager.order_by("start", "end", "id")]
        copies = carrier.copies(kind, pairs)
        manager.model.objects.bulk_create(copies.values())
        carried += [carrier.carried(kind, fact, found, copies.get(fact.pk)) for fact, found in pairs]
    return CarriedFact.objects.bulk_create(carried)


class Carrier:
    """Copies the facts of a previous version onto a new one, where re-anchoring found them."""

    def __init__(self, version: Article, body_map: BodyMap) -> None:
        self.version, self.body_map = version, body_map
        self.copies_of: dict[str, dict[int, Any]] = {}  # kind → original's id → copy

    def locate(self, fact: Any) -> Relocation:
        return relocate(
            self.body_map, start=fact.start, end=fact.end, exact=fact.exact, prefix=fact.prefix, suffix=fact.suffix
        )

    def copies(self, kind: str, pairs: list[tuple[Any, Relocation]]) -> dict[int, Any]:
        """The copies of the facts found, by the original's id; of two found on one span, the first."""
        copies: dict[int, Any] = {}
        taken: set[tuple[int | None, int | None]] = set()
        for fact, found in pairs:
            if found.status == ORPHANED or (found.start, found.end) in taken:
                continue
            taken.add((found.start, found.end))
            copies[fact.pk] = self.copy(fact, found)
        self.copies_of[kind] = copies
        return copies

    def copy(self, fact: Any, found: Relocation) -> Any:
        model = type(fact)
        values = {
            field.attname: getattr(fact, field.attname)
            for field in model._meta.concrete_fields
            if field.name not in NOT_COPIED and not field.generated
        }
        start, end, body = found.start or 0, found.end or 0, self.version.body
        copy = model(
            **values,
            article=self.version,
            start=start,
            end=end,
            exact=body[start:end],
            prefix=body[max(0, start - CONTEXT_LENGTH) : start],
            suffix=body[end : end + CONTEXT_LENGTH],
        )
        if isinstance(copy, Claim):
            self.carry_claim(copy, fact, found)
        elif getattr(fact, "claim_id", None) is not None:
            # A figure's claim is on the old version: its copy, if the claim was carried.
            copy.claim = self.copies_of.get("claim", {}).get(fact.claim_id)
        copy.full_clean(validate_unique=False, validate_constraints=False)  # the database checks both
        return copy

    def carry_claim(self, copy: Claim, claim: Claim, found: Relocation) -> None:
        """A fuzzy copy awaits an editor's confirmation before its verdict counts; the attribution
        is carried if found unchanged."""
        if found.status not in (EXACT, MOVED):
            copy.review_status = Claim.ReviewStatus.UNREVIEWED
        for name in ATTRIBUTION:
            setattr(copy, name, None)
        if claim.attribution_start is None or claim.attribution_end is None or claim.attribution_exact is None:
            return
        attribution = relocate(
            self.body_map,
            start=claim.attribution_start,
            end=claim.attribution_end,
            exact=claim.attribution_exact,
            prefix="",
            suffix="",
        )
        if attribution.status in (EXACT, MOVED):
            copy.attribution_start, copy.attribution_end = attribution.start, attribution.end
            copy.attribution_exact = claim.attribution_exact

    def carried(self, kind: str, fact: Any, found: Relocation, copy: Any) -> CarriedFact:
        return CarriedFact(
            version=self.version,
            status=found.status if copy is not None else ORPHANED,
            similarity=found.similarity,
            **{f"from_{kind}": fact, f"to_{kind}": copy},
        )


@transaction.atomic
def carried_fact_confirm(*, carried: CarriedFact, user: User | None = None) -> CarriedFact:
    """An editor confirms a fuzzy match: the copy's passage is the fact; a claim's verdict then carries too."""
    carried = CarriedFact.objects.select_for_update(of=("self",)).get(pk=carried.pk)
    if carried.status != CarriedFact.Status.FUZZY:
        raise _refusal(
            "status",
            "This fact was carried %(status)s; only a fuzzy match needs confirming.",
            "not_fuzzy",
            status=carried.status,
        )
    if carried.confirmed_at is not None:
        raise _refusal("status", "This fuzzy match was confirmed already.", "confirmed")
    carried.confirmed_at, carried.confirmed_by = timezone.now(), user
    carried.full_clean()
    carried.save(update_fields=["confirmed_at", "confirmed_by"])
    if carried.to_claim is not None and carried.from_claim is not None:
        claim = carried.to_claim
        if claim.review_status == Claim.ReviewStatus.UNREVIEWED:
            claim.review_status = carried.from_claim.review_status
            claim.save(update_fields=["review_status", "updated_at"])
    return carried

"""What every Factbase model shares: constants, history tracking, text rules and base classes.

The models themselves are in the modules beside this one; `facts.models` re-exports them all.
"""

import hashlib
import json
from typing import TYPE_CHECKING, Any, ClassVar

import pghistory
import pghistory.models
import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible

CONTEXT_LENGTH = 32
"""How many characters of text before and after a passage are kept as its prefix/suffix."""

EDITORS_GROUP = "editors"
"""The group whose members may record, review and correct facts (API writes and the admin)."""

SEARCH_CONFIG = "english"
"""The Postgres text search configuration for full-text search (stemming, stop words)."""


BIGINT_RANGE = range(-(2**63), 2**63)
"""The values of Postgres's bigint, the widest integer column: a crafted id or position outside it is no value."""

MERGE_EVENT = "merge"
"""The history label of the event recorded on the person or organization kept by a merge."""


EVENT_TRANSACTION = pgtrigger.Trigger(
    name="event_transaction",
    when=pgtrigger.Before,
    operation=pgtrigger.Insert,
    func="NEW.pgh_xact := pg_current_xact_id()::text::bigint; RETURN NEW;",
)
"""Sets an event's pgh_xact to the id of the transaction inserting it (see Event)."""


class Event(pghistory.models.Event):
    """A history event as django-pghistory records it, with the id of the transaction that wrote it.

    Ids of transactions that may still commit are never below the oldest one in progress, so
    the events of transactions below it are final: the change feed (facts/api/changes.py)
    serves only those, in order of (pgh_xact, pgh_id), and can be followed without missing one
    committed late or seeing one twice. A trigger sets it on every insert, whoever inserts (the
    history triggers, or pghistory.create_event with a value of its own); events written before
    it existed have 0.
    """

    pgh_xact = models.BigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


def tracked(*extra: pghistory.Tracker, exclude: tuple[str, ...] = ()) -> Any:
    """Record every insert, update and delete of a model in its history (django-pghistory).

    Postgres triggers write the events, so bulk updates and raw SQL are recorded too. An
    update is recorded only when a field other than the automatic timestamps changes.
    `exclude` leaves fields out of the events: generated search vectors (derived data),
    and an article's body (it never changes, so copying it into every event would only
    grow the table). The events are `Event`s, indexed for the change feed.
    """

    def track(model: type[models.Model]) -> type[models.Model]:
        feed_index = models.Index(fields=["pgh_xact", "pgh_id"], name=f"facts_{model.__name__.lower()}event_feed")
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(condition=pghistory.AnyChange(exclude_auto=True)),
            pghistory.DeleteEvent(),
            *extra,
            exclude=list(exclude),
            base_model=Event,
            meta={"indexes": [feed_index], "triggers": [EVENT_TRANSACTION]},
        )(model)

    return track


class ReadPolicyQuerySet(models.QuerySet):
    """A QuerySet that can narrow itself to what a reader may see (facts/access.py)."""

    def visible_to(self, user: Any) -> "Any":
        """These records, less those the read policy (FACTBASE_READ_ACCESS) hides from `user`."""
        from facts.access import visible  # facts.access imports the models: import it when asked

        return visible(self, user)


def is_editor(user: Any) -> bool:
    """Whether a user may write: an active member of the editors group, or a superuser."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def record_etag(instance: models.Model) -> str:
    """A strong ETag from a record's stored values: any change to the row, by any path, changes it.

    The API sends it as ETag and requires it back in If-Match; the admin keeps it in the
    change form. Either way, a change made by someone else in between is never overwritten.
    """
    values = [
        [field.attname, field.value_to_string(instance)]
        for field in instance._meta.concrete_fields
        if not field.generated
    ]
    digest = hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f'"{digest[:40]}"'


def validate_storable_text(value: str) -> None:
    """Refuse characters Postgres cannot store in a text column.

    A NUL character and a lone surrogate would otherwise fail deep in the database
    driver; refusing them here gives a clear message instead. The text is never altered.
    """
    if "\x00" in value:
        raise ValidationError(
            "Text may not contain the NUL character (U+0000); remove it and send the text again.",
            code="nul_character",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            "Text contains a lone surrogate (U+%(code)04X) at position %(position)d, which is not a "
            "valid Unicode character; send the text as valid UTF-8.",
            code="lone_surrogate",
            params={"code": ord(value[error.start]), "position": error.start},
        ) from None


# Migrations name this validator by its public path, facts.models.validate_storable_text (as
# they did when the models were one module), not by this module's.
validate_storable_text.__module__ = "facts.models"


def body_sha256(body: str) -> str:
    """The hex SHA-256 of an article body's UTF-8 bytes: the body's identity."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@deconstructible(path="facts.models.Sha256Hex")
class Sha256Hex(models.Func):
    """Postgres's built-in sha256() of a text's UTF-8 bytes, as hex (no pgcrypto needed)."""

    template = "encode(sha256(convert_to(%(expressions)s, 'UTF8')), 'hex')"
    output_field = models.CharField()


def not_empty(field: str) -> Q:
    """A condition that holds when the field is NULL or not the empty string."""
    # Unknown metadata is NULL; an empty string would be a second spelling of "unknown".
    return Q(**{f"{field}__isnull": True}) | ~Q(**{field: ""})


def at_most_one(*fields: str) -> Q:
    """A condition that holds when at most one of the fields is set."""
    conditions = Q()
    for field in fields:
        others = {f"{other}__isnull": True for other in fields if other != field}
        conditions |= Q(**others)
    return conditions


def exactly_one(*fields: str) -> Q:
    """A condition that holds when exactly one of the fields is set."""
    conditions = Q()
    for field in fields:
        only = {f"{other}__isnull": other != field for other in fields}
        conditions |= Q(**only)
    return conditions


class Timestamped(models.Model):
    """When a record was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Every concrete model on this base is `tracked`; django-pghistory then sets this to
        # its event model (facts.models.ClaimEvent, …). The event models are generated when
        # the models are, with the tracked fields plus pgh_obj and pgh_context, so their
        # fields cannot be known statically.
        pgh_event_model: ClassVar[type[Any]]

    class Meta:
        abstract = True

"""What a reader of the public pages may see: the read policy's questions, in one place.

The public pages ask only these three functions, so the read policy (FACTBASE_READ_ACCESS,
facts/access.py) decides for them as it does for the API.
"""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def visible(queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """`queryset` narrowed to what `user` may read."""
    return queryset


def can_read_bodies(user: Any) -> bool:
    """Whether `user` may read whole article bodies (otherwise: each passage with its prefix and suffix)."""
    return True


def can_read_at_all(user: Any) -> bool:
    """Whether `user` may read any public page."""
    return True

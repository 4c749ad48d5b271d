"""Idempotency keys: the API's record of creates it has answered, for safe retries."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A create the API has answered, so a retry with the same Idempotency-Key gets the same answer.

    Keys belong to the account that sent them. The request's fingerprint (method, path and
    body) is kept, so reusing a key for a different request is refused instead of answered
    with the wrong record.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="facts_idempotencykey_one_per_user")]

    def __str__(self) -> str:
        return self.key

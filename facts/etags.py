"""Whether a client still holds a record's current version: the ETag it sent back, read.

facts.models.record_etag computes a record's ETag; the API sends it in the ETag header and
the admin keeps it in a hidden field of its change and delete pages. Both read what comes
back here, so "the same version" means the same thing in each.
"""

from django.utils.http import parse_etags


def etag_matches(sent: str | None, current: str) -> bool:
    """Whether `sent` names the `current` ETag.

    `sent` is a list of ETags as in an If-Match or If-None-Match header (a form field holds
    one); malformed entries name nothing. The comparison is strong: a weak tag (W/"...")
    never matches, and neither does "*": a writer must name the version it read.
    """
    if not sent:
        return False
    tags = parse_etags(sent)
    return current in tags

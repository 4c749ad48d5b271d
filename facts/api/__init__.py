"""The HTTP layer: the REST API under /api/v1/, its schema and its exports.

Where things are:

- urls.py: every route, and the viewset that answers it (in views/, a module per resource).
- views/: the viewsets, as declarations; views/base.py: FactViewSet, their common base.
- mixins.py: what FactViewSet does for them (transactions, ETags and If-Match, serializer choice).
- serializers/: how records look (read.py), what clients send (write.py), proposals.
- filters.py: a FilterSet per resource; ordering.py: `ordering` (enumerated, unknown values last).
- listing.py: what every list adds to its page: strict parameters, facets (facets.py) and a
  total within a time budget, the whole list as CSV (exports.py); offsets.py: offsets=utf16.
- changes.py (with views/changes.py): the change feed; feeds.py: Atom feeds of new reviews.
- pagination.py, renderers.py, parsers.py, throttling.py, negotiation.py (406 for a format not offered).
- docs.py: each operation's OpenAPI summary and description; schema.py: shared error
  shapes, headers and examples; schema_hooks.py: the last pass that makes a clean generated
  client (headers, CSV as text, shared enums and errors); the offline docs pages are wired in factbase/urls.py.
- exceptions.py: the error handler and the JSON 404/500 pages; permissions.py: who may write.
- representations.py: the read serializers' fast JSON; jsonld.py: the W3C Web Annotation
  and schema.org ClaimReview exports; comparison.py: a measure across articles;
  idempotency.py: Idempotency-Key on POST.
"""

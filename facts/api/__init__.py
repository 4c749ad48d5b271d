"""The HTTP layer: the REST API under /api/v1/, its schema and its exports.

Where things are:

- urls.py: every route, and the viewset that answers it (in views/, a module per resource).
- views/: the viewsets, as declarations; views/base.py: FactViewSet, their common base.
- mixins.py: what FactViewSet does for them (transactions, ETags and If-Match, serializer choice).
- serializers/: how records look (read.py), what clients send (write.py), proposals.
- filters.py: a FilterSet per resource. pagination.py, renderers.py, parsers.py, throttling.py.
- docs.py: each operation's OpenAPI summary and description; schema.py: shared error
  shapes, headers and examples, and the schema's postprocessing hook.
- exceptions.py: the error handler and the JSON 404/500 pages; permissions.py: who may write.
- representations.py: the read serializers' fast JSON; jsonld.py: the W3C Web Annotation
  and schema.org ClaimReview exports; comparison.py: a measure across articles;
  idempotency.py: Idempotency-Key on POST.
"""

"""The public pages: read-only, server-rendered pages for readers (no JavaScript, no admin links).

One page per claim (its passage in context, speaker, verdict, and its ClaimReview as JSON-LD),
person, organization, measure (the comparison of its figures) and article (its text with the
recorded passages highlighted), at stable addresses: /claims/<id>/, /people/<id>/,
/organizations/<id>/, /measures/<id>/, /articles/<id>/. Each obeys the read policy
(facts/public/policy.py); an article withdrawn, and any fact on it, is not found.

- urls.py: the routes; views.py: the pages; text.py: passages in context and highlighted bodies;
  policy.py: what the reader may see.
"""

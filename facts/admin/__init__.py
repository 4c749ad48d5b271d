"""The editors' workspace: the Django admin where facts are recorded, reviewed and corrected.

The site itself, open only to editors and superusers, is `facts.admin_site`.

- `articles`: articles, read with every recorded passage highlighted (`highlight`), and added from a
  URL or pasted HTML (`importing`).
- `requests`: pages to import that a background worker fetches (a URL given to `importing` or to
  the API), followed from queued to done or failed; failed ones retried.
- `actors`: people, organizations and measures, with merging of duplicates.
- `records`: claims, figures, mentions and roles, added by pasting their quote, and reviews.
- `proposals`: the extractor's proposals, accepted (as proposed or corrected) or rejected.
- `extractions`: where each article's background extraction stands; failed ones retried.
- `versions`: corrected texts, an article's versions and their diff, carried facts and confirming them.
- `history`: who changed what and when, reverting and restoring (django-pghistory events).
"""

from facts.admin import actors, articles, extractions, proposals, records, requests, versions

__all__ = ["actors", "articles", "extractions", "proposals", "records", "requests", "versions"]

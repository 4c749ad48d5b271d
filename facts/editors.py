"""Who the editors are, as the API and the admin tell those who are not.

Membership itself is facts.models.is_editor. The message lives here, outside both facts.api
and facts.admin, so each can import it without depending on the other; so does the rule for
what only editors are shown.
"""

from typing import Any

from facts.models import is_editor

NOT_AN_EDITOR = (
    "This account is not an editor: it may read through the API, but writing, and using the editors' "
    "workspace, need membership of the editors group. Ask an administrator to add you "
    "(`manage.py create_editor <username>` does it)."
)


EDITORS_ONLY = "Shown to editors only; null for everyone else."


def sees_internals(request: Any) -> bool:
    """Whether a request may see who reviewed and the internal notes: an editor's only.

    This holds at every FACTBASE_READ_ACCESS level (facts/access.py decides which records a
    reader sees; this, which of their fields). Asked once per request (it may cost a query).
    """
    if request is None:
        return False
    cached = getattr(request, "_factbase_sees_internals", None)
    if cached is None:
        cached = is_editor(getattr(request, "user", None))
        request._factbase_sees_internals = cached
    return cached

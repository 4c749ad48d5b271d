"""Who the editors are, as the API and the admin tell those who are not.

Membership itself is facts.models.is_editor. The message lives here, outside both facts.api
and facts.admin, so each can import it without depending on the other.
"""

NOT_AN_EDITOR = (
    "This account is not an editor: it may read through the API, but writing, and using the editors' "
    "workspace, need membership of the editors group. Ask an administrator to add you "
    "(`manage.py create_editor <username>` does it)."
)

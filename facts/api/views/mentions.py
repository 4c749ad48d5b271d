"""/mentions/: where an article names a person or organization. /roles/: the roles it states they hold."""

from drf_spectacular.utils import extend_schema_view

from facts.api import docs, facets, filters, serializers
from facts.api.views.base import FactViewSet
from facts.models import Mention, Role


@extend_schema_view(**docs.MENTIONS)
class MentionViewSet(FactViewSet):
    """Mentions: passages naming a person or an organization."""

    queryset = Mention.objects.for_api()
    serializer_class = serializers.MentionSerializer
    write_serializer_class = serializers.MentionWriteSerializer
    filterset_class = filters.MentionFilterSet
    ordering_fields = ["id", "start", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.MENTIONS


@extend_schema_view(**docs.ROLES)
class RoleViewSet(FactViewSet):
    """Roles: passages stating what a person or organization is (a title, an affiliation)."""

    queryset = Role.objects.for_api()
    serializer_class = serializers.RoleSerializer
    write_serializer_class = serializers.RoleWriteSerializer
    filterset_class = filters.RoleFilterSet
    ordering_fields = ["id", "start", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.ROLES

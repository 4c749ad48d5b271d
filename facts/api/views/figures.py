"""/figures/: numbers as the articles state them. /measures/: what figures count, compared across articles."""

from typing import Any

from drf_spectacular.utils import extend_schema_view
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from facts.api import docs, exports, facets, filters, serializers
from facts.api.comparison import compare_measure
from facts.api.listing import FORMAT_PARAMETER, refuse_unknown_parameters
from facts.api.offsets import OFFSETS_PARAMETER
from facts.api.views.base import FactViewSet
from facts.api.views.versions import ConfirmAnchoringMixin, confirm_anchoring_docs
from facts.models import Figure, Measure


@extend_schema_view(**docs.FIGURES, **confirm_anchoring_docs(serializers.FigureSerializer))
class FigureViewSet(ConfirmAnchoringMixin, FactViewSet):
    """Figures, each on its passage, with its qualifier, bounds, measure and speaker."""

    queryset = Figure.objects.for_api()
    serializer_class = serializers.FigureSerializer
    write_serializer_class = serializers.FigureWriteSerializer
    filterset_class = filters.FigureFilterSet
    ordering_fields = ["id", "value", "low", "high", "article_published_on", "start", "created_at", "updated_at"]
    ordering = ["-id"]
    facets = facets.FIGURES


@extend_schema_view(**docs.MEASURES)
class MeasureViewSet(FactViewSet):
    """Measures (what figures count), and `comparison` to set a measure's figures side by side."""

    queryset = Measure.objects.all()
    serializer_class = serializers.MeasureSerializer
    write_serializer_class = serializers.MeasureWriteSerializer
    filterset_class = filters.MeasureFilterSet
    ordering_fields = ["name", "id", "created_at", "updated_at"]
    ordering = ["name"]
    facets = facets.MEASURES

    @docs.MEASURE_COMPARISON
    @action(detail=True, filter_backends=[], pagination_class=None)
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        refuse_unknown_parameters(request, [FORMAT_PARAMETER, OFFSETS_PARAMETER, "tolerance"])
        measure = get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)
        return Response(compare_measure(measure, request, self.get_serializer_context()))

    def csv_table(self, data: Any) -> tuple[list[str], list[Any]]:
        """The comparison as a table: a row per figure, with its central estimate."""
        if self.action == "comparison":
            return exports.columns(serializers.ComparedFigureSerializer(context={})), data["figures"]
        return exports.table(self, data)

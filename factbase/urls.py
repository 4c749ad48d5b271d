"""URL routes: the API, its documentation, the admin, and the public pages (at the root)."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

# Redoc draws with styled-components, which inserts style elements, and runs its search in a
# worker made from a blob: URL. Only its page gets these; every other page has the strict policy.
# Its bundle also asks a CDN for Redocly's logo: refused, so no request leaves the app.
REDOC_POLICY = {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]}

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    path("api/v1/", include("facts.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from a URL (?script), not inline.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="facts/docs/swagger_ui.html"),
        name="swagger-ui",
    ),
    path(
        "api/redoc/",
        csp_update(REDOC_POLICY)(
            SpectacularRedocView.as_view(url_name="schema", template_name="facts/docs/redoc.html")
        ),
        name="redoc",
    ),
    path("api-auth/", include("rest_framework.urls")),
    path("admin/", admin.site.urls),
    # /claims/<id>/, /people/<id>/, … : the readers' pages (facts/public/).
    path("", include("facts.public.urls")),
]

# Errors outside any view (a URL no route matches) answer the API's clients in JSON too.
handler404 = "facts.api.exceptions.not_found"
handler500 = "facts.api.exceptions.server_error"

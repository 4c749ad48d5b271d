"""URL routes: the API, its documentation, and the admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from facts.api import pages

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    path("api/v1/", include("facts.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", pages.swagger, name="swagger-ui"),
    path("api/redoc/", pages.redoc, name="redoc"),
    path("api-auth/", include("rest_framework.urls")),
    path("admin/", admin.site.urls),
]

# Errors outside any view (a URL no route matches) answer the API's clients in JSON too.
handler404 = "facts.api.exceptions.not_found"
handler500 = "facts.api.exceptions.server_error"

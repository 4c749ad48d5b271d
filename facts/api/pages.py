"""The documentation pages (Swagger UI at /api/docs/, Redoc at /api/redoc/), served by the app and kept offline.

Their scripts and styles come from drf-spectacular-sidecar through the app's static files; the
Redoc page is drf-spectacular's without its Google Fonts (facts/templates/facts/redoc.html) and
Swagger UI is told not to ask validator.swagger.io for a badge (SWAGGER_UI_SETTINGS). What is
left, Redoc's "API docs by Redocly" logo, is an image from a CDN written into its bundle: the
Content-Security-Policy below lets a page load only from this app, so the browser never sends
that request (the logo's error handler then hides it). tests/api/test_browser.py records every
request the pages make.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

# Inline scripts and styles: the pages' own settings and Redoc's generated styles; blob: for
# Redoc's search worker; data: for the images and fonts the bundles inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
)


def _offline(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response

    return page


swagger = _offline(SpectacularSwaggerView.as_view(url_name="schema"))
redoc = _offline(SpectacularRedocView.as_view(url_name="schema", template_name="facts/redoc.html"))

"""The app's URLs, plus the benchmark's baselines under /bench/."""

from django.urls import path

from bench import floors
from factbase.urls import urlpatterns as app_urlpatterns

urlpatterns = [
    path("bench/hello/", floors.hello, name="bench-hello"),
    path("bench/sql/<str:workload>/", floors.sql_floor, name="bench-sql"),
    *app_urlpatterns,
]

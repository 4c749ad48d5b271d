"""Routes of the public pages, at the site's root: stable addresses to share and link to."""

from django.urls import path

from facts.public import views

app_name = "public"

urlpatterns = [
    path("claims/<int:pk>/", views.claim_page, name="claim"),
    path("people/<int:pk>/", views.person_page, name="person"),
    path("organizations/<int:pk>/", views.organization_page, name="organization"),
    path("measures/<int:pk>/", views.measure_page, name="measure"),
    path("articles/<int:pk>/", views.article_page, name="article"),
]

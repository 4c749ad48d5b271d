from django.apps import AppConfig


class FactsConfig(AppConfig):
    """The Factbase domain: articles and the facts recorded from them."""

    name = "facts"
    default_auto_field = "django.db.models.BigAutoField"

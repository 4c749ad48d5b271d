from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FactsConfig(AppConfig):
    """The Factbase domain: articles and the facts recorded from them."""

    name = "facts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from facts import checks  # noqa: F401  (registers the system checks)
        from facts.extraction import nlp

        # The extractor is Django-free: it is told which model to load (lazily, on first use).
        nlp.use_model(settings.FACTBASE_SPACY_MODEL)


class FactbaseAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the Factbase admin site: only editors may use it."""

    default = False  # installed by its dotted path in settings, in place of django.contrib.admin
    default_site = "facts.admin_site.FactbaseAdminSite"

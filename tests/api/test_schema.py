"""The OpenAPI schema is part of the contract: valid, warning-free, and documented."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning into an error (SystemExit).
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3")


def test_every_operation_has_a_summary_and_every_parameter_a_description(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()

    undocumented = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not operation.get("summary"):
                undocumented.append(f"{method.upper()} {path}: no summary")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    undocumented.append(f"{method.upper()} {path}: parameter {parameter['name']}")
    assert undocumented == []


def test_write_operations_document_their_errors(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()

    claim = schema["paths"]["/api/v1/claims/{id}/"]["patch"]["responses"]
    assert {"400", "401", "403", "404", "412", "428"} <= set(claim)
    created = schema["paths"]["/api/v1/claims/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(created)


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_are_served_by_the_app_itself(anonymous, page):
    response = anonymous.get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()

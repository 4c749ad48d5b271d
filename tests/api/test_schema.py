"""The OpenAPI schema is part of the contract: valid, warning-free, and documented."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning into an error (SystemExit).
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3")


def test_every_operation_has_a_summary_a_description_and_described_parameters(anonymous):
    schema = anonymous.get("/api/schema/?format=json").json()

    undocumented = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not operation.get("summary"):
                undocumented.append(f"{method.upper()} {path}: no summary")
            if not operation.get("description"):
                undocumented.append(f"{method.upper()} {path}: no description")
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


def test_the_documented_seed_examples_match_the_seed_articles(seed):
    from facts.api.schema import CLAIM_CREATE_EXAMPLES, COMPARISON_EXAMPLE
    from facts.models import Article

    bodies = {article.pk: article.body for article in Article.objects.order_by("id")}
    recorded = next(example for example in CLAIM_CREATE_EXAMPLES if example.response_only).value
    passage, attribution = recorded["passage"], recorded["attribution"]
    body = next(iter(bodies.values()))
    assert body[passage["start"] : passage["end"]] == passage["exact"]
    assert body[: passage["start"]].endswith(passage["prefix"])
    assert body[attribution["start"] : attribution["end"]] == attribution["exact"]
    for figure in COMPARISON_EXAMPLE.value["figures"]:
        quote = figure["passage"]
        assert any(text[quote["start"] : quote["end"]] == quote["exact"] for text in bodies.values())

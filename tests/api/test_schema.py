"""The OpenAPI schema is part of the contract: valid, warning-free, and documented."""

import pytest
from django.core.management import call_command

from facts.models import Measure

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


# What makes a clean generated client (facts/api/schema_hooks.py) ------------------------


@pytest.fixture
def schema(anonymous) -> dict:
    return anonymous.get("/api/schema/?format=json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_no_description_leaks_the_code_behind_it(schema):
    texts = [component.get("description", "") for component in schema["components"]["schemas"].values()]
    texts += [operation.get("description", "") for _, _, operation in operations(schema)]

    leaks = [text for text in texts if ".py" in text or "serializer" in text.lower() or "facts/" in text]
    assert leaks == []


def test_records_answers_declare_their_etag_and_creations_their_location(schema):
    paths = schema["paths"]
    assert "ETag" in paths["/api/v1/claims/{id}/"]["get"]["responses"]["200"]["headers"]
    assert "ETag" in paths["/api/v1/claims/{id}/"]["patch"]["responses"]["200"]["headers"]
    assert {"ETag", "Location"} <= set(paths["/api/v1/articles/"]["post"]["responses"]["201"]["headers"])
    assert "Link" in paths["/api/v1/claims/"]["get"]["responses"]["200"]["headers"]
    assert "Retry-After" in paths["/api/v1/claims/"]["get"]["responses"]["429"]["headers"]


def test_a_records_etag_header_is_declared_wherever_the_server_sends_one(anonymous, editor, seed, schema):
    claim = anonymous.get("/api/v1/claims/?page_size=1").json()["results"][0]
    created = editor.post("/api/v1/people/", {"name": "Kim"}, format="json")

    assert anonymous.get(claim["url"]).has_header("ETag")
    assert created.has_header("ETag") and created.has_header("Location")
    assert not anonymous.get("/api/v1/claims/").has_header("ETag")
    assert "headers" not in schema["paths"]["/api/v1/claims/"]["get"]["responses"].get("201", {})


def test_csv_is_a_string_described_by_the_columns_the_server_writes(anonymous, seed, schema):
    for path in ("/api/v1/claims/", "/api/v1/figures/", "/api/v1/claim-reviews/", "/api/v1/measures/{id}/comparison/"):
        csv_schema = schema["paths"][path]["get"]["responses"]["200"]["content"]["text/csv"]["schema"]
        assert csv_schema["type"] == "string"
        documented = csv_schema["description"].split("always these: ")[1].rstrip(".").split(", ")
        measure = Measure.objects.first().pk
        url = path.replace("{id}", str(measure)) + ("?format=csv" if "{id}" in path else "?format=csv&page_size=1")
        written = anonymous.get(url).content.decode().splitlines()[0]
        assert written == ",".join(f'"{column.replace("@", "")}"' for column in documented), path


def test_errors_are_one_shared_component(schema):
    inline = [
        f"{method} {path} {code}"
        for path, method, operation in operations(schema)
        for code, response in operation["responses"].items()
        if code >= "400"
        for content in response.get("content", {}).values()
        if "$ref" not in content["schema"]
    ]
    assert inline == []


def test_query_parameter_enums_are_shared_components(schema):
    inline = [
        f"{method} {path} {parameter['name']}"
        for path, method, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if "enum" in parameter["schema"] or "enum" in parameter["schema"].get("items", {})
    ]
    assert inline == []
    assert "-value" in schema["components"]["schemas"]["FiguresOrdering"]["enum"]


def test_put_and_patch_bodies_hold_only_what_may_change(schema):
    components = schema["components"]["schemas"]
    put = schema["paths"]["/api/v1/claims/{id}/"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    claim_update = components[put["$ref"].split("/")[-1]]
    article_update = components["PatchedArticleUpdateRequest"]

    assert not {"article", "exact", "start"} & set(claim_update["properties"])
    assert "body" not in article_update["properties"]
    # A new article's text comes as one of body, html or url (the server refuses none or several).
    assert {"body", "html", "url"} <= set(components["ArticleWriteRequest"]["properties"])
    assert not {"html", "url"} & set(article_update["properties"])


def test_request_bodies_refuse_unknown_fields_as_the_server_does(editor, schema):
    requests = {name: s for name, s in schema["components"]["schemas"].items() if name.endswith("Request")}

    assert requests
    assert all(s["additionalProperties"] is False for s in requests.values())
    assert editor.post("/api/v1/people/", {"name": "Kim", "nickname": "K"}, format="json").status_code == 400


def test_the_token_scheme_says_its_prefix(schema):
    description = schema["components"]["securitySchemes"]["tokenAuth"]["description"]

    assert 'the prefix is "Token", not "Bearer"' in description
    assert 'prefix="Token"' in description


def test_pagination_examples_are_this_apis_urls(schema):
    page = schema["components"]["schemas"]["PaginatedPersonList"]["properties"]

    assert page["next"]["example"].startswith("http://127.0.0.1:8000/api/v1/people/?cursor=")

"""A client generated from the served schema works: openapi-python-client, then a session against a live server.

The schema is what makes a client: this generates one with openapi-python-client (pinned in
pyproject.toml's dev dependencies) from /api/schema/ as the running app serves it, fails on
any warning the generator prints, imports the generated package and uses it as a data
journalist's script would: search, a person's claims page after page, a comparison, an
article created with a token, changed with the ETag read back (If-Match), and a CSV export.
"""

import csv
import importlib
import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from rest_framework.authtoken.models import Token

from facts.models import Article, Measure, Person
from facts.seed import load_seed

# The live server reads committed data: this test commits, and the database is emptied after it.
pytestmark = pytest.mark.django_db(transaction=True)

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
CONFIG = "project_name_override: factbase-client\npackage_name_override: factbase_client\npost_hooks: []\n"


@pytest.fixture
def client_package(live_server, tmp_path, monkeypatch):
    """The package openapi-python-client generates from the served schema, imported."""
    schema = httpx.get(f"{live_server.url}/api/schema/?format=json", timeout=30)
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_bytes(schema.content)
    (tmp_path / "config.yml").write_text(CONFIG)
    command = [str(GENERATOR), "generate", "--path", "schema.json", "--config", "config.yml", "--meta", "none"]
    generated = subprocess.run(
        [*command, "--output-path", "factbase_client"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    output = generated.stdout + generated.stderr
    assert generated.returncode == 0, output
    assert "warning" not in output.lower(), output
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith("factbase_client")]:
        del sys.modules[name]
    return importlib.import_module("factbase_client")


def every_page(fetch, **kwargs) -> list:
    """Every record of a list, following `next` (its cursor) from page to page."""
    records, cursor = [], None
    while True:
        page = fetch(**kwargs, **({"cursor": cursor} if cursor else {}))
        records.extend(page.results)
        if not page.next_:  # (the generator names `next` next_)
            return records
        cursor = parse_qs(urlparse(page.next_).query)["cursor"][0]


def test_a_generated_client_runs_a_data_journalists_session(client_package, live_server, editor_user):
    load_seed()
    token = Token.objects.create(user=editor_user).key
    api = importlib.import_module("factbase_client.api")
    models = importlib.import_module("factbase_client.models")
    claims_list = importlib.import_module("factbase_client.api.claims.claims_list")
    claims_export = importlib.import_module("factbase_client.api.claims.claims_export")
    people_claims = importlib.import_module("factbase_client.api.people.people_claims_list")
    comparison = importlib.import_module("factbase_client.api.measures.measures_comparison_retrieve")
    create = importlib.import_module("factbase_client.api.articles.articles_create")
    change = importlib.import_module("factbase_client.api.articles.articles_partial_update")
    assert api is not None
    reader = client_package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    editor = client_package.AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token")

    found = claims_list.sync(client=reader, q='"blind eye"', facet=[models.ClaimsFacet.KIND], count=True)
    assert [claim.speaker.name for claim in found.results] == ["Gordon Flake"]
    assert found.total.count == 1
    assert found.facets.additional_properties["kind"].values[0].count == 1

    flake = Person.objects.get(name="Gordon Flake")
    said = every_page(people_claims.sync, id=str(flake.pk), client=reader, page_size=2)
    assert len(said) == flake.claims.count()
    assert len({claim.id for claim in said}) == len(said)

    measure = Measure.objects.get(name="North Korean refugees in China")
    compared = comparison.sync(id=str(measure.pk), client=reader)
    assert compared.sources_disagree is True
    assert [figure.central_estimate for figure in compared.figures] == ["173205.08", "300000", "44721.36"]

    body = "Officials said about 1,200 people crossed. “We are overwhelmed,” said Ana Ruiz."
    created = create.sync_detailed(client=editor, body=models.ArticleWriteRequest(body=body, publisher="Example Wire"))
    assert created.status_code == 201
    assert created.parsed.body == body
    etag = created.headers["ETag"]
    changed = change.sync_detailed(
        id=str(created.parsed.id),
        client=editor,
        body=models.PatchedArticleUpdateRequest(title="Border crossings"),
        if_match=etag,
    )
    assert changed.status_code == 200
    assert changed.parsed.title == "Border crossings"
    assert changed.headers["ETag"] != etag
    assert Article.objects.get(pk=created.parsed.id).title == "Border crossings"

    exported = claims_export.sync(client=reader, speaker_person=flake.pk, ordering=models.ClaimsOrdering.START)
    header, *rows = csv.reader(io.StringIO(exported, newline=""))
    assert header[:3] == ["id", "url", "kind"]
    assert [int(row[0]) for row in rows] == list(flake.claims.order_by("start", "id").values_list("id", flat=True))

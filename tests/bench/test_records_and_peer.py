"""The benchmark's single-record and bounded-search floors return the API's JSON; Datasette serves the copy."""

import json
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from bench.common import HOST, free_port
from bench.floors import run_floor
from bench.generate import Size
from bench.http_runs import wrk
from bench.loading import load
from facts.api import search
from facts.models import Claim, Figure, Person

pytestmark = pytest.mark.django_db
BASE = "http://testserver/api/v1/"


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def dataset():
    connection.ensure_connection()
    size = Size("test", articles=20, people=30, organizations=5, measures=5)
    load(connection.connection, size, seed=7, batch_size=8, commit=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_a_claim_a_figure_and_a_person_by_id_are_the_apis_json_from_one_statement(dataset, anonymous):
    claim = Claim.objects.filter(figures__isnull=False).first()
    figure = Figure.objects.filter(measure__isnull=False, speaker_person__isnull=False).first()
    person = Person.objects.filter(roles__isnull=False).first()
    assert claim and figure and person  # the generated data has what the test compares

    for resource, floor, record in (
        ("claims", "claim_detail", claim),
        ("figures", "figure_detail", figure),
        ("people", "person_detail", person),
    ):
        api = anonymous.get(f"/api/v1/{resource}/{record.pk}/").json()
        assert json.loads(run_floor(floor, {"id": record.pk, "base": BASE})) == api, resource


def test_the_search_floor_bounds_a_common_term_as_the_api_does(dataset, anonymous, monkeypatch):
    monkeypatch.setattr(search, "RANK_EVERY_MATCH_UP_TO", 0)  # every term is common
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 15)
    word = Claim.objects.order_by("id").first().exact.split()[1].strip('.,“”"').lower()

    api = anonymous.get(f"/api/v1/claims/?q={word}&page_size=20").json()["results"]
    floor = json.loads(run_floor("claims_search", {"q": word, "limit": 20, "base": BASE}))["results"]

    assert api and floor == api
    assert len(api) <= 15


def datasette_installed() -> bool:
    return (Path(sys.executable).parent / "datasette").exists()


def test_datasette_serves_the_copy_a_speakers_claims_a_claim_and_ranked_search(dataset, tmp_path):
    if not datasette_installed():
        pytest.skip("Datasette is not installed (pip install -r requirements/bench.txt).")
    from bench.peer import compared_paths, make_copy, start_datasette, stop_datasette

    copy = make_copy(
        "test", {"size": "test"}, connection.connection, log=lambda message: None, path=tmp_path / "copy.sqlite3"
    )
    claim = Claim.objects.filter(speaker_person__isnull=False).order_by("-id").first()
    word = claim.exact.split()[1].strip('.,“”"').lower()
    paths = compared_paths([claim.speaker_person_id], [claim.id], {"common": [word], "rare": ["zzz"]})["datasette"]
    assert sorted(paths) == ["claim_by_id", "search_common", "speaker_claims"]  # rare terms are not compared
    port = free_port()
    process = start_datasette(copy, port)
    try:

        def get(path: str):
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as response:
                return json.loads(response.read())

        newest = get(paths["speaker_claims"][0])
        by_id = get(paths["claim_by_id"][0])
        found = get(paths["search_common"][0])
        if shutil.which("wrk"):
            rotated = wrk(f"http://{HOST}:{port}/", 2, 1, [*paths["claim_by_id"], *paths["speaker_claims"]])
            assert rotated["requests"] > 0 and rotated["errors"] == 0
    finally:
        stop_datasette(process)

    assert newest[0]["id"] == claim.id
    assert [row["id"] for row in newest] == sorted((row["id"] for row in newest), reverse=True)
    assert by_id[0]["exact"] == claim.exact
    assert found and all(word in row["exact"].lower() for row in found)

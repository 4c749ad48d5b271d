"""/api/v1/figures/ and /api/v1/measures/: numbers as reported, compared across sources."""

from decimal import Decimal

import pytest

from facts.models import Figure, Measure
from tests.factories import make_article, make_measure

pytestmark = pytest.mark.django_db


def test_a_figure_is_recorded_by_quote_with_the_bounds_its_qualifier_implies(editor):
    article = make_article("Police arrested more than 400 people.")
    measure = make_measure("people arrested")

    response = editor.post(
        "/api/v1/figures/",
        {
            "article": article.pk,
            "exact": "more than 400",
            "qualifier": "more_than",
            "value": "400",
            "measure": measure.pk,
            "unit": "people",
        },
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["value"], data["low"], data["high"]) == ("400", "400", None)
    assert data["measure"]["name"] == "people arrested"
    assert data["passage"]["exact"] == "more than 400"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"qualifier": "range", "value": "400"}, "value"),
        ({"qualifier": "range", "low": "500", "high": "100"}, "high"),
        ({"qualifier": "more_than", "value": "400", "high": "500"}, "high"),
        ({"qualifier": "more_than"}, "value"),
        ({"qualifier": "more_than", "value": "lots"}, "value"),
        ({"qualifier": "more_than", "value": "NaN"}, "value"),
        ({"qualifier": "about"}, "qualifier"),
    ],
)
def test_figures_whose_numbers_contradict_their_qualifier_are_refused(editor, extra, field):
    article = make_article("Police arrested more than 400 people.")

    response = editor.post("/api/v1/figures/", {"article": article.pk, "exact": "more than 400", **extra})

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Figure.objects.count() == 0


def test_changing_a_qualifier_recomputes_the_implied_bounds(editor):
    article = make_article("Police arrested up to 400 people.")
    created = editor.post(
        "/api/v1/figures/", {"article": article.pk, "exact": "up to 400", "qualifier": "up_to", "value": "400"}
    )

    response = editor.patch(created["Location"], {"qualifier": "as_many_as"}, HTTP_IF_MATCH=created["ETag"])

    assert response.status_code == 200, response.json()
    assert (response.json()["qualifier"], response.json()["low"], response.json()["high"]) == (
        "as_many_as",
        None,
        "400",
    )


def test_figures_filter_by_value_range_and_qualifier(anonymous, seed):
    big = anonymous.get("/api/v1/figures/", {"value_min": 100000, "page_size": 500}).json()["results"]
    small = anonymous.get("/api/v1/figures/", {"value_max": 100, "page_size": 500}).json()["results"]
    ranges = anonymous.get("/api/v1/figures/", {"qualifier": "range"}).json()["results"]

    assert {f["passage"]["exact"] for f in big} >= {
        "up to 300,000",
        "More than 100,000, and perhaps as many as 300,000",
    }
    assert "175" not in {f["passage"]["exact"] for f in big}
    assert {"80", "seven", "three dozen or so"} <= {f["passage"]["exact"] for f in small}
    assert "175" not in {f["passage"]["exact"] for f in small}
    assert all(Decimal(f["value"] or f["low"]) <= 100 for f in small)
    assert ranges and all(f["qualifier"] == "range" for f in ranges)


def test_a_measure_comparison_lines_up_every_source_and_flags_their_disagreement(anonymous, seed):
    measure = Measure.objects.get(name="North Korean refugees in China")

    data = anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/").json()

    assert data["figure_count"] == 3
    figures = {f["passage"]["exact"]: f for f in data["figures"]}
    assert figures["up to 300,000"]["speaker"]["name"] == "Some activists"
    assert figures["tens of thousands"]["speaker"]["name"] == "Erica Kang"
    assert figures["More than 100,000, and perhaps as many as 300,000"]["speaker"] is None
    assert data["spread"]["lowest"] == "20000" and data["spread"]["highest"] == "300000"
    assert data["sources_disagree"] is True
    assert Decimal(data["disagreement_ratio"]) > 2
    # Three different articles, in a stable order (their publication dates are unknown: by storage).
    assert [f["article"]["id"] for f in data["figures"]] == sorted(f["article"]["id"] for f in data["figures"])


def test_sources_within_the_tolerance_do_not_disagree(anonymous, seed):
    measure = Measure.objects.get(name="North Korean refugees in China")

    lenient = anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/", {"tolerance": 10}).json()
    refused = anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/", {"tolerance": "zero"})

    assert lenient["sources_disagree"] is False
    assert refused.status_code == 400 and "tolerance" in refused.json()


def test_a_measure_with_one_figure_cannot_disagree(anonymous, seed):
    measure = Measure.objects.get(name="North Koreans who have sought refuge in South Korea")

    data = anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/").json()

    assert (data["figure_count"], data["sources_disagree"], data["disagreement_ratio"]) == (1, False, "1")


def post_json(client, path: str, text: str):
    return client.generic("POST", path, text, content_type="application/json")


def test_a_figure_sent_as_a_json_number_is_stored_exactly_as_the_bulk_import_stores_it(editor):
    article = make_article("Officials counted 12345678901234567.5 grains.")

    response = post_json(
        editor,
        "/api/v1/figures/",
        f'{{"article": {article.pk}, "exact": "12345678901234567.5", "qualifier": "exact", '
        '"value": 12345678901234567.5}',
    )

    assert response.status_code == 201, response.json()
    assert Figure.objects.get().value == Decimal("12345678901234567.5")
    assert response.json()["value"] == "12345678901234567.5"


def post_seven(client, value: str):
    """A figure "7" whose value is sent as the JSON text `value`."""
    article = make_article("Officials counted 7 grains.")
    body = f'{{"article": {article.pk}, "exact": "7", "qualifier": "exact", "value": {value}}}'
    return post_json(client, "/api/v1/figures/", body)


@pytest.mark.parametrize(
    ("number", "message"), [("1e-400", "digits"), ("0.0000001", "decimal places"), ("1e999", "digits")]
)
def test_a_json_number_the_column_cannot_hold_exactly_is_refused_not_rounded(editor, number, message):
    response = post_seven(editor, number)

    assert response.status_code == 400
    assert message in str(response.json()["value"])
    assert Figure.objects.count() == 0


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_json_numbers_are_refused(editor, constant):
    response = post_seven(editor, constant)

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]

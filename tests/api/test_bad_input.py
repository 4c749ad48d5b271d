"""Malformed requests get a 4xx with a message a person can act on, never a 500."""

import json

import pytest

from facts.models import Article, Claim, Figure

pytestmark = pytest.mark.django_db


def post_raw(client, body: bytes, content_type: str = "application/json"):
    return client.generic("POST", "/api/v1/articles/", body, content_type=content_type)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"body": "unterminated', "JSON parse error"),
        (b"[" * 200_000, "nested too deeply"),
        (b'{"body": "\xff\xfe not UTF-8"}', "JSON parse error"),
        (b'{"body": NaN}', "JSON parse error"),
        (b"", "body"),
    ],
)
def test_a_malformed_json_body_is_400_and_stores_nothing(editor, body, message):
    response = post_raw(editor, body)

    assert response.status_code == 400
    assert message in str(response.json())
    assert Article.objects.count() == 0


def test_a_json_array_instead_of_an_object_is_400(editor):
    response = post_raw(editor, b'["body"]')

    assert response.status_code == 400
    assert "Expected a dictionary" in str(response.json())


def test_a_body_over_the_size_limit_is_413(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post_raw(editor, b'{"body": "' + b"x" * 2000 + b'"}')

    assert response.status_code == 413
    assert "too large" in response.json()["detail"].lower()
    assert Article.objects.count() == 0


def test_a_body_that_is_not_json_is_415(editor):
    response = post_raw(editor, b"body=text", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]


def test_a_nul_character_in_a_query_parameter_is_400(anonymous):
    response = anonymous.get("/api/v1/claims/?q=refugee%00s")

    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "a%20" * 2000,
        "q=%22%22%22-",
        "q=%F0%9F%99%82",
        "q=",
        "speaker_group=",
    ],
)
def test_odd_but_meaningful_list_parameters_answer(anonymous, seed, query):
    response = anonymous.get(f"/api/v1/claims/?{query}")

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 50


@pytest.mark.parametrize("page_size", ["100000000", "501", "0", "-5", "abc", "5.0", "", "null", "٣"])
def test_a_page_size_outside_1_to_500_is_400_saying_what_to_send(anonymous, page_size):
    response = anonymous.get("/api/v1/claims/", {"page_size": page_size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give a whole number from 1 to 500."]}


@pytest.mark.parametrize("page_size", ["1", "500"])
def test_page_sizes_1_and_500_are_served(anonymous, seed, page_size):
    response = anonymous.get("/api/v1/claims/", {"page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(int(page_size), Claim.objects.count())


@pytest.mark.parametrize("cursor", ["garbage", "cD0xMA", "%FF%FE", "bz0tMQ=="])
def test_an_invalid_cursor_is_404_saying_so(anonymous, seed, cursor):
    response = anonymous.get(f"/api/v1/claims/?cursor={cursor}")

    assert response.status_code == 404
    assert "Invalid cursor" in response.json()["detail"]


@pytest.mark.parametrize("article", ["1.5", "abc", "0x1", "1e3"])
def test_an_id_filter_that_is_not_a_whole_number_is_400(anonymous, seed, article):
    response = anonymous.get("/api/v1/claims/", {"article": article})

    assert response.status_code == 400
    assert response.json() == {"article": ["Enter a whole number."]}


@pytest.mark.parametrize("article", ["-1", "0", "999999999", "99999999999999999999"])
def test_an_id_no_record_has_matches_nothing(anonymous, seed, article):
    response = anonymous.get("/api/v1/claims/", {"article": article})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/articles/", "published_before"),
        ("/api/v1/claims/", "created_after"),
        ("/api/v1/claims/", "kind"),
        ("/api/v1/claims/", "speaker_person"),
        ("/api/v1/figures/", "value_min"),
        ("/api/v1/proposals/", "status"),
    ],
)
def test_an_empty_date_number_or_choice_is_400(anonymous, path, parameter):
    response = anonymous.get(path, {parameter: ""})

    assert response.status_code == 400
    assert response.json() == {parameter: ["Empty: give a value, or leave the parameter out."]}


@pytest.mark.parametrize("parameter", ["speaker_group", "publisher", "q"])
def test_an_empty_text_parameter_is_taken_as_not_sent(anonymous, seed, parameter):
    response = anonymous.get("/api/v1/claims/", {parameter: "", "page_size": 500})

    assert response.status_code == 200
    assert len(response.json()["results"]) == Claim.objects.count()


@pytest.mark.parametrize(
    ("value_min", "found"), [("1.7976931348623157e+308", 0), ("-1e60", "all")], ids=["above all", "below all"]
)
def test_a_number_bound_past_every_stored_value_is_answered(anonymous, seed, value_min, found):
    response = anonymous.get("/api/v1/figures/", {"value_min": value_min, "page_size": 500})

    assert response.status_code == 200
    open_ended = Figure.objects.filter(value=None, high=None).count()  # "tens of thousands": no upper bound
    assert len(response.json()["results"]) == (Figure.objects.count() if found == "all" else open_ended)


@pytest.mark.parametrize(
    ("created_after", "all_match"),
    [
        ("2000-01-01T00:00:00+23:59", True),  # ISO allows it, Postgres would not take it
        ("0001-01-01T00:00:00+22:25", True),  # before year 1 in UTC
        ("9999-12-31T23:59:59-23:59", False),  # after 9999 in UTC
    ],
)
def test_a_date_time_with_any_iso_offset_is_compared_as_the_same_instant(anonymous, seed, created_after, all_match):
    response = anonymous.get("/api/v1/claims/", {"created_after": created_after, "page_size": 500})

    assert response.status_code == 200
    assert len(response.json()["results"]) == (Claim.objects.count() if all_match else 0)


@pytest.mark.parametrize("value", ["lots", "1,000", "NaN"])
def test_a_number_filter_that_is_not_a_number_is_400(anonymous, value):
    response = anonymous.get("/api/v1/figures/", {"value_min": value})

    assert response.status_code == 400
    assert list(response.json()) == ["value_min"]


@pytest.mark.parametrize("path", ["/api/v1/claims/abc/", "/api/v1/claims/99999999999999999999/", "/api/v1/nothing/"])
def test_unknown_records_and_paths_are_404(anonymous, path):
    assert anonymous.get(path).status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Kim\x00"}, "name"),
        ({"name": "Kim \ud800"}, "name"),
        ({"name": "Kim", "aliases": ["ok", "bad\x00"]}, "aliases"),
        ({"name": "Kim", "aliases": ["\udfff"]}, "aliases"),
    ],
)
def test_nul_and_lone_surrogates_in_json_text_are_400(editor, payload, field):
    from facts.models import Person

    # json.dumps escapes them (\u0000, \ud800), as a client would send them.
    response = editor.generic("POST", "/api/v1/people/", json.dumps(payload), content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()
    assert Person.objects.count() == 0


@pytest.mark.parametrize("path", ["/api/v1/claims/%00/", "/api/v1/claims/%ED%A0%80/", "/api/v1/%00/"])
def test_nul_or_invalid_utf8_in_the_path_is_404(anonymous, path):
    assert anonymous.get(path).status_code == 404


def test_invalid_utf8_in_the_query_string_is_not_an_error(anonymous, seed):
    response = anonymous.get("/api/v1/claims/?q=%ED%A0%80refugees")

    assert response.status_code == 200


def test_odd_conditional_headers_are_412_not_500(editor, seed):
    from facts.models import Person

    person = Person.objects.first()

    response = editor.patch(f"/api/v1/people/{person.pk}/", {"name": "X"}, format="json", HTTP_IF_MATCH="\udcff\x01")

    assert response.status_code == 412


CRAFTED_VALUES = ["abc", "1.5", "-1", "9" * 30, "-" + "9" * 400, "1e999", "nan", "-inf", "2026-13-45", "1,2", " ", "٣"]


def every_list_parameter() -> list[tuple[str, str]]:
    """Each list's query parameters: its filters, and the ones every list takes."""
    from facts.api.urls import router

    found = []
    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        names = [*(filterset.base_filters if filterset else ()), "ordering", "page_size", "format"]
        found += [(f"/api/v1/{prefix}/", name) for name in names]
    return found


@pytest.mark.parametrize(("path", "parameter"), every_list_parameter())
def test_every_crafted_value_of_every_list_parameter_is_answered_without_a_server_error(anonymous, path, parameter):
    statuses = {value: anonymous.get(path, {parameter: value}).status_code for value in CRAFTED_VALUES}

    assert {value: status for value, status in statuses.items() if status >= 500} == {}


@pytest.mark.parametrize("value", CRAFTED_VALUES)
def test_a_crafted_id_or_tolerance_in_a_path_or_a_comparison_is_answered(anonymous, seed, value):
    from facts.models import Measure

    measure = Measure.objects.first()
    for url in [f"/api/v1/measures/{measure.pk}/comparison/?tolerance={value}", f"/api/v1/claims/{value}/"]:
        assert anonymous.get(url).status_code < 500, url

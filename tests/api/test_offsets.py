"""offsets=utf16: passage offsets as JavaScript counts them, on text outside the Basic Multilingual Plane."""

import pytest

from facts.models import Claim, Person
from tests.factories import make_article, make_claim, make_figure, make_measure, make_person

pytestmark = pytest.mark.django_db

# 😀 and 𝒜 are outside the BMP: one code point each, two UTF-16 code units each.
BODY = "😀 Story. 𝒜lice Kim says “𝒜 border is open,” added Ms. Kim. About 30 𝒜-people fled."
QUOTE = "𝒜 border is open,"


def utf16(text: str) -> int:
    """How JavaScript measures a string: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def js_substring(text: str, start: int, end: int) -> str:
    """JavaScript's text.substring(start, end), on UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@pytest.fixture
def claim() -> Claim:
    article = make_article(BODY)
    kim = make_person("Alice Kim")
    return make_claim(article, QUOTE, speaker_person=kim, attribution_exact="added Ms. Kim")


def test_utf16_offsets_pick_out_the_quote_as_javascript_reads_the_text(anonymous, claim):
    code_points = anonymous.get(f"/api/v1/claims/{claim.pk}/").json()
    units = anonymous.get(f"/api/v1/claims/{claim.pk}/", {"offsets": "utf16"}).json()

    assert BODY[code_points["passage"]["start"] : code_points["passage"]["end"]] == QUOTE
    assert units["passage"]["start"] == utf16(BODY[: claim.start]) == claim.start + 2
    assert js_substring(BODY, units["passage"]["start"], units["passage"]["end"]) == QUOTE
    attribution = units["attribution"]
    assert js_substring(BODY, attribution["start"], attribution["end"]) == "added Ms. Kim"
    assert units["passage"]["exact"] == code_points["passage"]["exact"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/",
        "/api/v1/figures/",
        "/api/v1/people/{person}/claims/",
        "/api/v1/articles/{article}/",
        "/api/v1/measures/{measure}/comparison/",
    ],
)
def test_every_read_of_passages_takes_offsets_utf16(anonymous, claim, url):
    measure = make_measure()
    figure = make_figure(claim.article, exact="About 30", qualifier="approximately", value=30, measure=measure)
    url = url.format(person=claim.speaker_person_id, article=claim.article_id, measure=measure.pk)

    data = anonymous.get(url, {"offsets": "utf16"}).json()

    if "results" in data:  # a list
        records = data["results"]
    elif "claims" in data:  # an article with its facts
        records = data["claims"] + data["figures"]
    else:  # a comparison
        records = data["figures"]
    assert records
    for record in records:
        passage = record["passage"]
        assert js_substring(BODY, passage["start"], passage["end"]) == passage["exact"]
    if "figures" in data:
        assert figure.start + 3 in [record["passage"]["start"] for record in data["figures"]]  # 😀, 𝒜, 𝒜 before it


def test_the_web_annotation_export_counts_in_utf16_too(anonymous, claim):
    data = anonymous.get(f"/api/v1/articles/{claim.article_id}/annotations/", {"offsets": "utf16"}).json()

    [annotation] = data["items"]
    quote, position = annotation["target"]["selector"]
    assert js_substring(BODY, position["start"], position["end"]) == quote["exact"] == QUOTE


def test_a_csv_export_counts_in_utf16_when_asked(anonymous, claim):
    import csv
    import io

    response = anonymous.get("/api/v1/claims/", {"format": "csv", "offsets": "utf16"})

    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert js_substring(BODY, int(row["passage.start"]), int(row["passage.end"])) == QUOTE


def test_code_points_are_the_default_and_anything_else_is_refused(anonymous, claim):
    default = anonymous.get("/api/v1/claims/").json()["results"][0]["passage"]
    explicit = anonymous.get("/api/v1/claims/", {"offsets": "codepoints"}).json()["results"][0]["passage"]
    refused = anonymous.get("/api/v1/claims/", {"offsets": "utf-16"})

    assert default == explicit
    assert (default["start"], default["end"]) == (claim.start, claim.end)
    assert refused.status_code == 400
    assert refused.json() == {"offsets": ["Give one of: codepoints, utf16 (once)."]}
    assert anonymous.get("/api/v1/articles/", {"offsets": "utf16"}).status_code == 400  # no passages there


def test_a_page_converts_with_one_query_for_the_bodies(anonymous, claim, django_assert_num_queries, monkeypatch):
    from facts.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "allow_request", lambda self, request, view: True)
    for n in range(3):
        make_claim(make_article(f"{BODY} ({n})"), QUOTE, speaker_person=Person.objects.get())

    # 1: the page; 2: the bodies of its articles, to count their characters beyond the BMP.
    with django_assert_num_queries(2):
        response = anonymous.get("/api/v1/claims/", {"offsets": "utf16"})

    assert len(response.json()["results"]) == 4

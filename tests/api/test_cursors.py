"""Every list and sub-list answers a crafted cursor with 404 "Invalid cursor", never a 500.

A cursor is base64 of a query string (`o` offset, `r` reversed, `p` the position: the value of
the ordering field where the page starts). The battery covers what an attacker can make of it.
"""

from base64 import b64encode
from urllib.parse import quote

import pytest

from facts.models import Claim, Organization, Person

pytestmark = pytest.mark.django_db


def encoded(text: str) -> str:
    return quote(b64encode(text.encode()).decode())


# Refused on every list: no cursor the API hands out looks like these.
MALFORMED = {
    "not base64": "%21%21%21",
    "base64 of invalid UTF-8": encoded("p=") + "%FF",
    "truncated base64": "cD0",
    "not a query string": encoded("\x01\x02"),
    "NUL position": "cD0A",  # p=\x00
    "escaped NUL position": encoded("p=%00"),
    "non-number offset": encoded("o=x"),
    "huge offset": encoded("o=" + "9" * 30),
    "negative offset": encoded("o=-1"),
    "non-number reverse": encoded("r=x"),
    "huge reverse": encoded("r=" + "9" * 30),
    "unknown fields": encoded("zz=1"),
    "a field twice": encoded("p=1&p=2"),
}
# Positions: each is refused where it is no value of the ordering field, and served where it is
# one (any text is a position among names; 1.5 is one among ranks).
POSITIONS = {
    "non-number position": "cD14",  # p=x
    "decimal position": encoded("p=1.5"),
    "huge position": encoded("p=" + "9" * 30),
    "huge negative position": encoded("p=-" + "9" * 30),
    "infinite position": encoded("p=1e999"),
    "empty position": encoded("p="),
    "a date that is no date": encoded("p=2026-13-45 99:99:99"),
}
SERVED = {
    "id": set(),
    "date": set(),
    "text": set(POSITIONS),
    "float": {"decimal position", "huge position", "huge negative position"},
}

# Every list and sub-list, with what its first ordering field is.
LISTS = [
    ("/api/v1/articles/", "id"),
    ("/api/v1/articles/?ordering=created_at", "date"),
    ("/api/v1/articles/?ordering=-updated_at", "date"),
    ("/api/v1/articles/?q=refugees", "float"),
    ("/api/v1/claims/", "id"),
    ("/api/v1/claims/?ordering=start", "id"),
    ("/api/v1/claims/?ordering=-created_at", "date"),
    ("/api/v1/claims/?q=china", "float"),
    ("/api/v1/figures/", "id"),
    ("/api/v1/figures/?ordering=updated_at", "date"),
    ("/api/v1/measures/", "text"),
    ("/api/v1/measures/?ordering=created_at", "date"),
    ("/api/v1/people/", "text"),
    ("/api/v1/people/?ordering=-id", "id"),
    ("/api/v1/organizations/", "text"),
    ("/api/v1/mentions/", "id"),
    ("/api/v1/mentions/?ordering=start", "id"),
    ("/api/v1/roles/", "id"),
    ("/api/v1/claim-reviews/", "id"),
    ("/api/v1/proposals/", "id"),
    ("/api/v1/proposals/?ordering=confidence", "float"),
    ("/api/v1/people/{person}/claims/", "id"),
    ("/api/v1/people/{person}/figures/", "id"),
    ("/api/v1/people/{person}/mentions/", "id"),
    ("/api/v1/organizations/{organization}/claims/", "id"),
    ("/api/v1/organizations/{organization}/figures/", "id"),
    ("/api/v1/organizations/{organization}/mentions/", "id"),
]


@pytest.fixture
def ids(seed) -> dict[str, int]:
    claim = Claim.objects.first()
    claim.review_status = Claim.ReviewStatus.VERIFIED
    claim.save()
    return {"person": Person.objects.first().pk, "organization": Organization.objects.first().pk}


@pytest.mark.parametrize(("path", "ordered_by"), LISTS)
def test_every_crafted_cursor_on_every_list_is_404_invalid_cursor_or_a_page(anonymous, ids, path, ordered_by):
    url = path.format(**ids)
    separator = "&" if "?" in url else "?"
    answers, expected = {}, {}
    for name, cursor in {**MALFORMED, **POSITIONS}.items():
        response = anonymous.get(f"{url}{separator}cursor={cursor}", HTTP_ACCEPT="application/json")
        answers[name] = response.status_code, response.json().get("detail")
        expected[name] = (200, None) if name in SERVED[ordered_by] else (404, "Invalid cursor")

    assert answers == expected


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/people/", "/api/v1/claims/?ordering=created_at"])
def test_the_cursors_the_api_hands_out_still_page_through_every_record(anonymous, seed, path):
    separator = "&" if "?" in path else "?"
    url, seen = f"{path}{separator}page_size=3", []
    while url:
        page = anonymous.get(url).json()
        seen += [record["id"] for record in page["results"]]
        url = page["next"]

    model = Person if "people" in path else Claim
    assert sorted(seen) == sorted(model.objects.values_list("id", flat=True))

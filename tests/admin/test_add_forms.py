"""Recording a fact by pasting its quote: the add forms go through the same services as the API."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from facts import services
from facts.models import Article, Claim, Figure, Mention, Role
from tests.factories import DEFAULT_BODY, make_article, make_claim, make_measure, make_organization, make_person

pytestmark = pytest.mark.django_db

REPEATED_BODY = "Mr. Flake agreed. Later, Mr. Flake disagreed. Finally Mr. Flake left."


def add(client, model: str, **data):
    return client.post(reverse(f"admin:facts_{model}_add"), {key: "" if v is None else v for key, v in data.items()})


def form_errors(response) -> dict[str, list[str]]:
    return response.context["adminform"].form.errors


def service_error(**kwargs) -> dict[str, list[str]]:
    """What the service (and so the API) says about the same input."""
    with pytest.raises(ValidationError) as refused:
        services.anchor_quote(**kwargs)
    return refused.value.message_dict


def test_a_claim_is_added_by_pasting_its_quote_and_its_offsets_are_found(editor_client):
    article = make_article()
    flake = make_person()

    response = add(
        editor_client,
        "claim",
        article=article.pk,
        exact="The border is open,",
        kind="direct_quote",
        speaker_person=flake.pk,
        attribution_exact="added Mr. Flake",
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert article.body[claim.start : claim.end] == "The border is open,"
    assert claim.prefix == article.body[max(0, claim.start - 32) : claim.start]
    assert (claim.speaker_person, claim.attribution_exact) == (flake, "added Mr. Flake")


def test_a_quote_not_in_the_article_is_refused_with_the_same_message_as_the_api(editor_client):
    article = make_article()

    response = add(editor_client, "claim", article=article.pk, exact="The border is closed,", kind="direct_quote")

    assert response.status_code == 200
    expected = service_error(article=article, exact="The border is closed,")["exact"]
    assert form_errors(response)["exact"] == expected
    assert "does not occur in article" in expected[0]
    assert Claim.objects.count() == 0


def test_an_ambiguous_quote_is_refused_listing_the_candidate_offsets(editor_client):
    article = make_article(REPEATED_BODY)

    response = add(editor_client, "mention", article=article.pk, exact="Mr. Flake", person=make_person().pk)

    message = form_errors(response)["exact"][0]
    assert message == service_error(article=article, exact="Mr. Flake")["exact"][0]
    assert "occurs 3 times" in message and "0–9, 25–34, 54–63" in message
    assert Mention.objects.count() == 0


def test_start_picks_one_occurrence_of_an_ambiguous_quote(editor_client):
    article = make_article(REPEATED_BODY)

    add(editor_client, "mention", article=article.pk, exact="Mr. Flake", start=25, person=make_person().pk)

    assert (Mention.objects.get().start, Mention.objects.get().end) == (25, 34)


def test_the_text_before_picks_one_occurrence_of_an_ambiguous_quote(editor_client):
    article = make_article(REPEATED_BODY)

    add(editor_client, "mention", article=article.pk, exact="Mr. Flake", prefix="Finally ", person=make_person().pk)

    assert Mention.objects.get().start == 54


def test_a_start_that_disagrees_with_the_quote_is_refused_on_the_start_field(editor_client):
    article = make_article(REPEATED_BODY)

    response = add(editor_client, "mention", article=article.pk, exact="Mr. Flake", start=3, person=make_person().pk)

    assert form_errors(response)["exact"] == service_error(article=article, exact="Mr. Flake", start=3)["exact"]
    response = add(editor_client, "mention", article=article.pk, exact="Mr. Flake", start=68, person=make_person().pk)
    assert form_errors(response)["start"] == service_error(article=article, exact="Mr. Flake", start=68)["end"]


def test_spaces_around_a_pasted_quote_are_kept_not_stripped(editor_client):
    article = make_article("One.  Two words.")

    response = add(editor_client, "claim", article=article.pk, exact=" Two words.", kind="assertion")

    assert response.status_code == 302
    assert Claim.objects.get().exact == " Two words."
    assert (Claim.objects.get().start, Claim.objects.get().end) == (5, 16)


def test_a_quote_spanning_lines_is_found_although_the_browser_sends_crlf(editor_client):
    article = make_article("First line\nsecond line.")

    response = add(editor_client, "claim", article=article.pk, exact="line\r\nsecond", kind="assertion")

    assert response.status_code == 302
    assert Claim.objects.get().exact == "line\nsecond"


def test_a_claim_with_two_speakers_is_refused_with_the_models_message(editor_client):
    article = make_article()

    response = add(
        editor_client,
        "claim",
        article=article.pk,
        exact="The border is open,",
        kind="direct_quote",
        speaker_person=make_person().pk,
        speaker_group="some activists",
    )

    assert response.status_code == 200
    assert "Give one speaker: a person, an organization or a group, not several." in str(form_errors(response))
    assert Claim.objects.count() == 0


def test_a_figure_is_added_by_its_quote_and_gets_the_bounds_its_qualifier_implies(editor_client):
    article = make_article()
    measure = make_measure()

    response = add(
        editor_client,
        "figure",
        article=article.pk,
        exact="more than 30",
        qualifier="more_than",
        value="30",
        measure=measure.pk,
        unit="people",
    )

    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.value, figure.low, figure.high, figure.measure) == (Decimal(30), Decimal(30), None, measure)


def test_a_figure_whose_bounds_contradict_its_qualifier_is_refused_on_the_bound(editor_client):
    article = make_article()

    response = add(
        editor_client, "figure", article=article.pk, exact="more than 30", qualifier="more_than", value="30", high="40"
    )

    assert form_errors(response)["high"] == ["For “more than” the high bound is empty."]


def test_a_role_is_added_by_its_quote(editor_client):
    article = make_article()
    center = make_organization()

    response = add(
        editor_client,
        "role",
        article=article.pk,
        exact="executive director of the Mansfield Center",
        title="executive director",
        person=make_person().pk,
        affiliation=center.pk,
    )

    assert response.status_code == 302
    assert Role.objects.get().affiliation == center


def test_an_article_is_added_through_ingest_and_the_same_text_twice_is_refused(editor_client):
    response = add(editor_client, "article", body="A new story.\r\nSecond line.", title="New", language="en")

    assert response.status_code == 302
    article = Article.objects.get(title="New")
    assert article.body == "A new story.\nSecond line."

    again = add(editor_client, "article", body="A new story.\r\nSecond line.")
    assert f"already stored as article {article.pk}" in form_errors(again)["body"][0]


def test_provenance_is_read_only_once_saved(editor_client):
    article = make_article()
    claim = make_claim(article, speaker_person=make_person())
    other = make_article(DEFAULT_BODY + " Another.")
    url = reverse("admin:facts_claim_change", args=[claim.pk])

    page = editor_client.get(url)
    form_fields = set(page.context["adminform"].form.fields)
    assert form_fields.isdisjoint({"article", "start", "end", "exact", "prefix", "suffix", "attribution_exact"})
    assert form_fields == {"kind", "summary", "speaker_person", "speaker_organization", "speaker_group"}

    response = editor_client.post(
        url,
        {
            "article": other.pk,
            "exact": "The border",
            "start": "0",
            "kind": "paraphrase",
            "speaker_person": claim.speaker_person.pk,
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
            "_record_etag": page.context["record_etag"],
        },
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.article, claim.exact, claim.kind) == (article, "The border is open,", "paraphrase")


def test_the_add_form_keeps_the_quote_as_typed_when_it_is_refused(editor_client):
    article = make_article()

    response = add(editor_client, "claim", article=article.pk, exact="  not there  ", kind="assertion")

    assert response.context["adminform"].form["exact"].value() == "  not there  "


def test_an_editor_writes_a_claims_summary_in_the_admin(editor_client):
    claim = make_claim(make_article(), speaker_person=make_person())
    url = reverse("admin:facts_claim_change", args=[claim.pk])
    page = editor_client.get(url)

    response = editor_client.post(
        url,
        {
            "kind": claim.kind,
            "summary": "The border is open, he says",
            "speaker_person": claim.speaker_person.pk,
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
            "_record_etag": page.context["record_etag"],
        },
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.summary == "The border is open, he says"

"""The article page: the body with every recorded passage highlighted, linked both ways.

The working surface around it (cards, proposals, selections) is tested in test_workspace.py
and, in a browser, in test_workspace_browser.py."""

import html
import re

import pytest
from django.urls import reverse

from facts import services
from facts.admin.highlight import Highlight, highlight_body
from facts.models import Article, Claim, Figure, Mention, Role, record_etag
from tests.factories import make_article, make_claim, make_figure, make_person

pytestmark = pytest.mark.django_db


def mark(kind: str, pk: int, start: int, end: int) -> Highlight:
    return Highlight(kind, pk, start, end, f"{kind} {pk}")


def text_of(marked: str) -> str:
    """The visible text: the marks add nothing to it."""
    return html.unescape(re.sub(r"<[^>]+>", "", marked))


def test_a_body_without_passages_is_its_escaped_text():
    assert highlight_body("1 < 2 & <b>bold</b>", []) == "1 &lt; 2 &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_each_passage_is_marked_with_its_type_anchor_and_card_and_is_no_link():
    marked = highlight_body("Gordon Flake said so.", [mark("mention", 7, 0, 12)])

    assert marked.startswith('<mark class="passage passage-mention" id="passage-mention-7" data-passage="mention-7"')
    assert ">Gordon Flake</mark> said so." in marked
    assert "<a" not in marked
    assert text_of(marked) == "Gordon Flake said so."


def test_an_attribution_belongs_to_its_claims_card():
    attribution = Highlight("attribution", 3, 0, 5, "attributes", card="claim-3")

    marked = highlight_body("said he", [attribution])

    assert 'id="passage-attribution-3" data-passage="claim-3"' in marked


def test_overlapping_passages_are_split_into_properly_nested_pieces():
    body = "More than 100,000 North Koreans hide in China."
    claim = mark("claim", 1, 0, 46)
    figure = mark("figure", 2, 0, 17)
    crossing = mark("mention", 3, 10, 31)

    marked = highlight_body(body, [crossing, claim, figure])

    assert text_of(marked) == body
    # Each passage has one anchor, on its first piece; later pieces say they continue it.
    for anchor in ("passage-claim-1", "passage-figure-2", "passage-mention-3"):
        assert marked.count(f'id="{anchor}"') == 1
    assert "passage-mention passage-continued" in marked
    # Marks nest properly: every piece closes what it opened.
    depth = 0
    for tag in re.findall(r"</?mark", marked):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    assert depth == 0


def test_passages_with_the_same_span_are_both_marked():
    marked = highlight_body("Mr. Flake", [mark("mention", 1, 0, 9), mark("role", 2, 0, 9)])

    assert 'id="passage-mention-1"' in marked and 'id="passage-role-2"' in marked
    assert text_of(marked) == "Mr. Flake"


def test_passage_text_is_escaped_too():
    marked = highlight_body("a <script>x</script> b", [mark("claim", 1, 2, 20)])

    assert "<script>" not in marked
    assert "&lt;script&gt;x&lt;/script&gt;" in marked


def test_the_article_page_highlights_every_recorded_passage_of_a_seed_article(editor_client, seed):
    article = Article.objects.order_by("pk").first()

    response = editor_client.get(reverse("admin:facts_article_change", args=[article.pk]))

    assert response.status_code == 200
    for model, kind in ((Claim, "claim"), (Figure, "figure"), (Mention, "mention"), (Role, "role")):
        records = model.objects.filter(article=article)
        assert records.exists()
        for record in records:
            assert f'id="passage-{kind}-{record.pk}"' in response.text
            # Its card, with a link to its page.
            assert f'id="card-{kind}-{record.pk}"' in response.text
            assert reverse(f"admin:facts_{kind}_change", args=[record.pk]) in response.text
    assert text_of(body_html(response)) == article.body


BODY_OPENING = '<div class="article-body" id="article-body">'


def body_html(response) -> str:
    page = response.text
    start = page.index(BODY_OPENING) + len(BODY_OPENING)
    return page[start : page.index("</div>", start)]


def test_each_record_page_links_back_to_its_highlight_in_the_article(editor_client):
    article = make_article()
    records = {
        "claim": make_claim(article),
        "figure": make_figure(article),
        "mention": services.mention_create(article=article, exact="Gordon Flake", person=make_person()),
        "role": services.role_create(
            article=article, exact="executive director", title="executive director", person=make_person("Someone")
        ),
    }

    for kind, record in records.items():
        response = editor_client.get(reverse(f"admin:facts_{kind}_change", args=[record.pk]))
        back = reverse("admin:facts_article_change", args=[article.pk]) + f"#passage-{kind}-{record.pk}"
        assert f'href="{back}"' in response.text, kind


def test_the_body_is_read_only_and_metadata_is_editable_on_the_article_page(editor_client):
    article = make_article()
    url = reverse("admin:facts_article_change", args=[article.pk])

    response = editor_client.post(
        url,
        {
            "body": "A different text.",
            "title": "A title at last",
            "publisher": "",
            "url": "",
            "language": "en",
            "published_on": "2002-05-20",
            "_record_etag": record_etag(article),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "A title at last"
    assert str(stored.published_on) == "2002-05-20"
    assert stored.body == article.body

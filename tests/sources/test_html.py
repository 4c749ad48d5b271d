"""Main text and metadata out of HTML: the text as a reader sees it, metadata only as the page states it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from facts.sources.html import EXTRACTOR, extract_page
from tests.pages import ARTICLE_HTML

PARAGRAPHS = "<p>Officials said about 40 people had arrived at the shelter on Monday, and more were expected.</p>"


def page(head: str = "", body: str = PARAGRAPHS, html_attributes: str = "") -> str:
    return f"<html{html_attributes}><head>{head}</head><body><article>{body}</article></body></html>"


def test_entities_are_decoded_and_inline_markup_keeps_its_words():
    extracted = extract_page(page(body="<p>&ldquo;We are ready,&rdquo; said Mr. Kim. About <b>3,000</b> came.</p>"))

    assert extracted.text == "“We are ready,” said Mr. Kim. About 3,000 came."


def test_navigation_and_footer_are_left_out_of_the_text():
    text = extract_page(ARTICLE_HTML).text

    assert "Home" not in text and "Copyright" not in text
    assert text.splitlines()[1].startswith("“We are ready,”")


def test_the_metadata_the_page_states_is_extracted():
    extracted = extract_page(ARTICLE_HTML)

    assert extracted.title == "Refugees wait at the border"
    assert extracted.authors == ["Jane Reporter"]
    assert extracted.published_on == date(2024, 3, 5)
    assert extracted.canonical_url == "https://news.example.com/2024/03/05/refugees"
    assert extracted.language == "en-GB"
    assert extracted.publisher == "The Daily Example"
    assert EXTRACTOR.startswith("trafilatura 2.")


def test_nothing_is_invented_for_a_page_that_states_nothing():
    extracted = extract_page(page())

    assert (extracted.title, extracted.authors, extracted.published_on) == (None, [], None)
    assert (extracted.canonical_url, extracted.language, extracted.publisher) == (None, None, None)


def test_a_date_in_the_text_is_not_taken_for_the_publication_date():
    extracted = extract_page(page(body="<p>The border closed on 12 January 2023, officials said, and reopened.</p>"))

    assert extracted.published_on is None


def test_the_host_name_is_not_taken_for_the_publisher():
    # Without og:site_name, trafilatura reports the canonical link's host as the site name.
    extracted = extract_page(page(head='<link rel="canonical" href="https://news.example.com/a">'))

    assert extracted.canonical_url == "https://news.example.com/a"
    assert extracted.publisher is None


def test_a_relative_canonical_link_is_resolved_against_where_the_page_is_from():
    extracted = extract_page(page(head='<link rel="canonical" href="/story/1">'), base_url="https://example.org/x?y")

    assert extracted.canonical_url == "https://example.org/story/1"


def test_a_canonical_link_that_is_not_http_is_dropped():
    assert extract_page(page(head='<link rel="canonical" href="javascript:alert(1)">')).canonical_url is None


@pytest.mark.parametrize(
    ("attributes", "head", "language"),
    [
        (' lang="pt-BR"', "", "pt-BR"),
        (' lang="not a language tag!"', "", None),
        ("", '<meta http-equiv="Content-Language" content="de">', "de"),
    ],
)
def test_the_language_is_the_one_the_page_declares(attributes, head, language):
    assert extract_page(page(head=head, html_attributes=attributes)).language == language


@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><body><script>render()</script></body></html>"]
)
def test_a_page_without_text_is_refused_with_a_message_on_html(html):
    with pytest.raises(ValidationError) as refused:
        extract_page(html)

    assert "No article text could be found" in refused.value.message_dict["html"][0]

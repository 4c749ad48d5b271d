"""Forms of the editors' workspace (the admin).

The add forms record a fact from its article and the exact text of its passage, through
the same services as the API (`facts.services`), so both refuse the same bad input with
the same messages. A service's ValidationError lands on the form field it names.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from facts import services
from facts.models import Article, Claim, Figure, Mention, Role

QUOTE_HELP = (
    "Paste the passage exactly as it stands in the article: it is matched character for "
    "character (spaces, quotation marks and case included), and its offsets are found for you."
)


def undo_textarea_line_breaks(text: str, body: str) -> str:
    """Give back the line breaks a pasted text had before the browser sent it.

    Browsers send every line break in a textarea as CRLF (the HTML standard requires it),
    so a quote pasted from an article whose lines end in LF would never match. Only
    those browser-made CRLFs are undone: an article that itself has CRLFs keeps them.
    """
    if "\r\n" in text and "\r\n" not in body:
        return text.replace("\r\n", "\n")
    return text


def _text_field(label: str, *, required: bool, rows: int, help_text: str = "") -> forms.CharField:
    # strip=False: a quote is matched character for character; Django forms strip by default.
    return forms.CharField(
        label=label,
        required=required,
        strip=False,
        empty_value=None if not required else "",
        widget=forms.Textarea(attrs={"rows": rows, "cols": 80, "spellcheck": "false"}),
        help_text=help_text,
    )


class ServiceAddForm(forms.ModelForm):
    """An add form whose record is created by a service while the form is validated.

    Creating the record during validation is what lets the service's ValidationError
    land on the form's fields; the request's transaction (ATOMIC_REQUESTS) covers the
    write, and the admin does not save the instance a second time.
    """

    # Where the service's error keys go when the form has no field of that name.
    error_fields: dict[str, str] = {}

    def create(self, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def _post_clean(self) -> None:
        # Replaces ModelForm's model validation: the service validates (full_clean) and saves.
        if self.errors:
            return
        try:
            with transaction.atomic():
                self.instance = self.create(dict(self.cleaned_data))
        except ValidationError as error:
            self._add_service_errors(error)

    def _add_service_errors(self, error: ValidationError) -> None:
        error_dict = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
        for key, errors in error_dict.items():
            field = self.error_fields.get(key, key)
            self.add_error(field if field in self.fields else None, errors)


class ArticleAddForm(ServiceAddForm):
    """Store an article's text (through `article_ingest`) with what is known about it."""

    body = forms.CharField(
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="The text exactly as received. It never changes once stored; a corrected text is a new article.",
    )
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https", empty_value=None)

    class Meta:
        model = Article
        fields = ["body", "title", "publisher", "url", "language", "published_on"]

    def create(self, data: dict[str, Any]) -> Article:
        # Every line break comes from the browser as CRLF; store the usual LF.
        data["body"] = data["body"].replace("\r\n", "\n")
        article, created = services.article_ingest(**data)
        if not created:
            raise ValidationError(
                {
                    "body": ValidationError(
                        "This exact text is already stored as article %(pk)s (“%(article)s”); open it instead.",
                        code="already_stored",
                        params={"pk": article.pk, "article": article},
                    )
                }
            )
        return article


class PassageAddForm(ServiceAddForm):
    """Record a fact from its article and the exact text of its passage.

    `start`, `prefix` and `suffix` are only needed when the text occurs more than once in
    the article: the error then lists the offsets to choose from.
    """

    exact = _text_field("Exact text", required=True, rows=3, help_text=QUOTE_HELP)
    start = forms.IntegerField(
        required=False,
        min_value=0,
        help_text="Only when the text occurs more than once: the offset of the occurrence you mean.",
    )
    prefix = _text_field(
        "Text just before", required=False, rows=1, help_text="Or pick the occurrence by the text just before it…"
    )
    suffix = _text_field("Text just after", required=False, rows=1, help_text="…or just after it.")

    error_fields = {"end": "start"}
    passage_fields = ["article", "exact", "start", "prefix", "suffix"]
    service: Callable[..., models.Model]

    def create(self, data: dict[str, Any]) -> models.Model:
        article = data["article"]
        for name in ("exact", "prefix", "suffix", "attribution_exact"):
            if data.get(name):
                data[name] = undo_textarea_line_breaks(data[name], article.body)
        return type(self).service(**data)


class ClaimAddForm(PassageAddForm):
    attribution_exact = _text_field(
        "Attribution",
        required=False,
        rows=1,
        help_text="The words that attribute the claim, as they stand in the article (“added Mr. Flake”).",
    )

    service = services.claim_create

    class Meta:
        model = Claim
        fields = [
            *PassageAddForm.passage_fields,
            "kind",
            "speaker_person",
            "speaker_organization",
            "speaker_group",
            "attribution_exact",
            "attribution_start",
        ]


class FigureAddForm(PassageAddForm):
    service = services.figure_create

    class Meta:
        model = Figure
        fields = [
            *PassageAddForm.passage_fields,
            "qualifier",
            "value",
            "low",
            "high",
            "unit",
            "measure",
            "place",
            "period",
            "claim",
            "speaker_person",
            "speaker_organization",
            "speaker_group",
        ]
        help_texts = {"low": "Leave empty when the qualifier implies it.", "high": "Leave empty when implied."}


class MentionAddForm(PassageAddForm):
    service = services.mention_create

    class Meta:
        model = Mention
        fields = [*PassageAddForm.passage_fields, "person", "organization"]


class RoleAddForm(PassageAddForm):
    service = services.role_create

    class Meta:
        model = Role
        fields = [*PassageAddForm.passage_fields, "title", "person", "organization", "affiliation"]


class ReviewForm(forms.Form):
    """An editor's verdict on one claim."""

    status = forms.ChoiceField(
        choices=[choice for choice in Claim.ReviewStatus.choices if choice[0] != Claim.ReviewStatus.UNREVIEWED],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="What the verdict rests on: sources checked, who was asked.",
    )


class MergeForm(forms.Form):
    """Which of the selected people (or organizations) to keep; the others merge into it."""

    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")

    def __init__(self, *args: Any, candidates: list[models.Model], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(candidate.pk, str(candidate)) for candidate in candidates]

"""Forms of the editors' workspace (the admin).

The add forms record a fact from its article and the exact text of its passage, through
the same services as the API (`facts.services`), so both refuse the same bad input with
the same messages. A service's ValidationError lands on the form field it names.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from facts import services
from facts.admin import anchoring_help
from facts.admin.fields import PlainDecimalField
from facts.models import Article, Claim, Figure, Measure, Mention, Passage, Proposal, Role

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


class RecordAddForm(ServiceAddForm):
    """Add a record that sits on no passage: a person, an organization, a measure (`record_create`)."""

    def create(self, data: dict[str, Any]) -> models.Model:
        return services.record_create(model=self._meta.model, values=data)


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
    # The form metaclass moves declared fields out of the class, so this field (the passage's
    # prefix) leaves BaseForm.prefix (the form's own name prefix) as it is; the stubs cannot tell.
    prefix = _text_field(  # type: ignore[assignment]
        "Text just before", required=False, rows=1, help_text="Or pick the occurrence by the text just before it…"
    )
    suffix = _text_field("Text just after", required=False, rows=1, help_text="…or just after it.")

    error_fields = {"end": "start"}
    # No `end`: an editor gives the text, and `start` only to choose among repeats.
    passage_fields = ["article", *(name for name in Passage.SPAN_FIELDS if name != "end")]
    service: Callable[..., models.Model]

    def create(self, data: dict[str, Any]) -> models.Model:
        article = data["article"]
        for name in ("exact", "prefix", "suffix", "attribution_exact"):
            if data.get(name):
                data[name] = undo_textarea_line_breaks(data[name], article.body)
        anchoring_help.use_passage(data, self.data.get(anchoring_help.USE_PASSAGE))
        try:
            return type(self).service(**data)
        except ValidationError as error:
            anchoring_help.offer_help(self, error, data)
            raise


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
        fields = [*PassageAddForm.passage_fields, *Claim.RECORD_FIELDS]


class FigureAddForm(PassageAddForm):
    service = services.figure_create

    class Meta:
        model = Figure
        fields = [*PassageAddForm.passage_fields, *Figure.RECORD_FIELDS]
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
        help_text="What the verdict rests on, for readers: it is published with the verdict (ClaimReview).",
    )
    internal_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="For editors only, never shown to readers: sources checked, who was asked.",
    )


class MergeForm(forms.Form):
    """Which of the selected people (or organizations) to keep; the others merge into it."""

    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")

    def __init__(self, *args: Any, candidates: list[models.Model], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = cast(forms.TypedChoiceField, self.fields["keep"])  # a copy of the field declared above
        keep.choices = [(candidate.pk, merge_candidate_label(candidate)) for candidate in candidates]


def merge_candidate_label(actor: Any) -> str:
    """“Gordon Flake (#12; also G. Flake; 3 claims, 1 mention, 0 roles)”: enough to tell duplicates apart.

    The counts are those the list page annotates (claim_count, mention_count, role_count).
    """
    details = [f"#{actor.pk}"]
    if actor.aliases:
        details.append("also " + ", ".join(actor.aliases))
    counts = []
    for attribute, singular in (("claim_count", "claim"), ("mention_count", "mention"), ("role_count", "role")):
        if hasattr(actor, attribute):
            number = getattr(actor, attribute)
            counts.append(f"{number} {singular}{'' if number == 1 else 's'}")
    if counts:
        details.append(", ".join(counts))
    return f"{actor.name} ({'; '.join(details)})"


SPEAKER_TYPES = [
    ("", "the article's own voice"),
    ("person", "a person"),
    ("organization", "an organization"),
    ("group", "an unnamed group (in the text's words)"),
]


def _plain_text(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, strip=False, help_text=help_text)


class ProposalAcceptForm(forms.Form):
    """Accept a proposal with corrections: its proposed values as fields, prefilled.

    Only the fields the editor changed become the proposal's `edits`
    (facts.services.proposal_accept), so the record keeps what was corrected apart from
    what the extractor proposed.
    """

    def __init__(self, data: Mapping[str, Any] | None = None, *, proposal: Proposal, **kwargs: Any) -> None:
        self.proposal = proposal
        initial = self._initial(proposal.data)
        super().__init__(data, initial=initial, **kwargs)
        kind = proposal.kind
        if kind in (Proposal.Kind.PERSON, Proposal.Kind.ORGANIZATION):
            self.fields["name"] = _plain_text("Name", required=True)
            self.fields["aliases"] = forms.CharField(
                label="Aliases", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One per line."
            )
        elif kind == Proposal.Kind.MENTION:
            self.fields["actor"] = forms.ChoiceField(choices=[("person", "person"), ("organization", "organization")])
            self.fields["name"] = _plain_text("Name of the person or organization", required=True)
        elif kind == Proposal.Kind.ROLE:
            self.fields["holder_type"] = forms.ChoiceField(
                label="Holder is", choices=[("person", "a person"), ("organization", "an organization")]
            )
            self.fields["holder_name"] = _plain_text("Holder's name", required=True)
            self.fields["title"] = _plain_text("Title", required=True)
            self.fields["affiliation"] = _plain_text("Affiliation", help_text="An organization's name, or empty.")
        elif kind == Proposal.Kind.CLAIM:
            self.fields["kind"] = forms.ChoiceField(
                choices=[(Claim.Kind.DIRECT_QUOTE, "direct quote"), (Claim.Kind.PARAPHRASE, "paraphrase")]
            )
            self._speaker_fields()
        else:
            self.fields["qualifier"] = forms.ChoiceField(choices=Figure.Qualifier.choices)
            for name in ("value", "low", "high"):
                self.fields[name] = PlainDecimalField(
                    required=False, max_digits=30, decimal_places=6, help_text="Leave empty when not stated."
                )
            self.fields["unit"] = _plain_text("Unit")
            self.fields["measure"] = forms.ModelChoiceField(
                queryset=Measure.objects.order_by("name"), required=False, help_text="What the figure counts."
            )
            self.fields["place"] = _plain_text("Place")
            self.fields["period"] = _plain_text("Period")
            self._speaker_fields()

    def _speaker_fields(self) -> None:
        self.fields["speaker_type"] = forms.ChoiceField(label="Speaker is", choices=SPEAKER_TYPES, required=False)
        self.fields["speaker_name"] = _plain_text("Speaker's name or words")

    @staticmethod
    def _initial(data: dict[str, Any]) -> dict[str, Any]:
        speaker = data.get("speaker") or {}
        holder = data.get("holder") or {}
        return {
            **{key: value for key, value in data.items() if isinstance(value, str | int | float)},
            "aliases": "\n".join(data.get("aliases") or []),
            "speaker_type": speaker.get("type", ""),
            "speaker_name": speaker.get("name", ""),
            "holder_type": holder.get("type", "person"),
            "holder_name": holder.get("name", ""),
            "affiliation": data.get("affiliation") or "",
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "speaker_type" in self.fields and cleaned.get("speaker_type") and not cleaned.get("speaker_name"):
            self.add_error("speaker_name", "Give the speaker's name (or the group's words).")
        return cleaned

    def edits(self) -> dict[str, Any]:
        """The corrected values, as `edits` for proposal_accept: only what differs from the proposal."""
        data = self.proposal.data
        values = self.cleaned_data
        proposed: dict[str, Any] = {}
        kind = self.proposal.kind
        if kind in (Proposal.Kind.PERSON, Proposal.Kind.ORGANIZATION):
            proposed = {
                "name": values["name"],
                "aliases": [a.strip() for a in values["aliases"].splitlines() if a.strip()],
            }
        elif kind == Proposal.Kind.MENTION:
            proposed = {"actor": values["actor"], "name": values["name"]}
        elif kind == Proposal.Kind.ROLE:
            proposed = {
                "holder": {"type": values["holder_type"], "name": values["holder_name"]},
                "title": values["title"],
                "affiliation": values["affiliation"] or None,
            }
        elif kind == Proposal.Kind.CLAIM:
            proposed = {"kind": values["kind"], "speaker": self._speaker(values)}
        else:
            proposed = {
                "qualifier": values["qualifier"],
                **{
                    name: None if values[name] is None else format(values[name].normalize(), "f")
                    for name in ("value", "low", "high")
                },
                "unit": values["unit"],
                "place": values["place"],
                "period": values["period"],
                "speaker": self._speaker(values),
            }
            if values["measure"] is not None:
                proposed["measure"] = values["measure"].pk
        return {key: value for key, value in proposed.items() if not _same(value, data.get(key))}

    @staticmethod
    def _speaker(values: dict[str, Any]) -> dict[str, str] | None:
        if not values.get("speaker_type"):
            return None
        return {"type": values["speaker_type"], "name": values["speaker_name"]}


def _same(value: Any, proposed: Any) -> bool:
    """Whether a form value says the same as the proposed one (numbers compared as numbers)."""
    if value in ("", None, []) and proposed in ("", None, []):
        return True
    if isinstance(value, str) and isinstance(proposed, str):
        try:
            return Decimal(value) == Decimal(proposed)
        except InvalidOperation:
            return value == proposed
    return value == proposed

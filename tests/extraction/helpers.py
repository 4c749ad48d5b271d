"""What the extraction tests read from an `Extraction`, and where the test articles are."""

from pathlib import Path

from facts.extraction import Extraction

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"


def quotes(found: Extraction) -> dict[str, str | None]:
    """Direct quotes: their text → their speaker's name (None when unattributed)."""
    return {c.span.exact: c.speaker.name if c.speaker else None for c in found.claims if c.kind == "direct_quote"}


def paraphrases(found: Extraction) -> dict[str, str | None]:
    return {c.span.exact: c.speaker.name if c.speaker else None for c in found.claims if c.kind == "paraphrase"}


def figures(found: Extraction) -> dict[str, tuple]:
    """Figures: their text → (qualifier, value, low, high) as strings (None when unset)."""
    return {
        f.span.exact: (f.qualifier, *(None if v is None else str(v) for v in (f.value, f.low, f.high)))
        for f in found.figures
    }


def figure(found: Extraction, exact: str):  # type: ignore[no-untyped-def]
    matching = [f for f in found.figures if f.span.exact == exact]
    assert len(matching) == 1, f"{exact!r} in {[f.span.exact for f in found.figures]}"
    return matching[0]


def people(found: Extraction) -> set[str]:
    return {a.name for a in found.actors if a.type == "person"}


def organizations(found: Extraction) -> set[str]:
    return {a.name for a in found.actors if a.type == "organization"}

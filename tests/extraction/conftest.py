"""The seed articles, extracted once per test module (the extractor is pure and deterministic)."""

import pytest

from facts.extraction import Extraction, extract
from facts.seed import FIXTURES_DIR


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, Extraction]]:
    bodies = {p.stem[:3]: p.read_bytes().decode("utf-8") for p in sorted((FIXTURES_DIR / "articles").glob("*.txt"))}
    return {key: (body, extract(body)) for key, body in bodies.items()}

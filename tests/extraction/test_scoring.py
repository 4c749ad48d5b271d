"""The scoring's matching: one to one, spans overlapping by half the longer one, F1."""

from facts.extraction.scoring import Item, Score, compare, empty_items, overlap


def _items(**kinds: list[Item]) -> dict[str, list[Item]]:
    items = empty_items()
    items.update(kinds)
    return items


def test_spans_overlapping_by_half_the_longer_one_match():
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (5, 10)) == 0.5
    assert overlap((0, 10), (6, 10)) < 0.5
    assert overlap((0, 4), (10, 14)) == 0.0


def test_matching_is_one_to_one():
    scores: dict[str, Score] = {}
    reference = _items(quotes=[Item((None,), "a", (0, 10))])
    proposed = _items(quotes=[Item((None,), "b", (0, 9)), Item((None,), "c", (1, 10))])

    compare(scores, "x", reference, proposed)

    quotes = scores["quotes"]
    assert (quotes.matched, quotes.reference, quotes.proposed) == (1, 1, 2)
    assert quotes.precision == 0.5 and quotes.recall == 1.0
    assert round(quotes.f1, 3) == 0.667


def test_a_wrong_speaker_does_not_match_however_well_the_span_overlaps():
    scores: dict[str, Score] = {}
    reference = _items(quotes=[Item((("person", "Jane Doe"),), "a", (0, 10))])
    proposed = _items(quotes=[Item((("person", "John Roe"),), "b", (0, 10), confidence=0.9)])

    compare(scores, "x", reference, proposed)

    assert scores["quotes"].matched == 0
    assert scores["quotes"].bands == {"0.90–1.00": [0, 1]}

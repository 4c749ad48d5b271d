"""The fault and load script's own logic: the checks that decide PASS or FAIL.

The script itself (real gunicorn, a throwaway Postgres, minutes of load) runs with `make faults`,
not here; these tests make sure its verdicts can fail.
"""

from bench.common import percentile
from scripts.faults.fingerprint import compare_fingerprints
from scripts.faults.ledger import check_ledger


def test_a_ledger_matching_the_database_has_no_problems() -> None:
    problems = check_ledger(
        {1: ("aa", 0.0)},
        {7: (1, "We are overwhelmed,", 10, 29, 0.0)},
        {1: ("aa", "aa")},
        {7: (1, "We are overwhelmed,", 10, 29)},
    )
    assert problems == []


def test_an_acknowledged_write_missing_from_the_database_is_reported() -> None:
    problems = check_ledger({1: ("aa", 0.0), 2: ("bb", 0.0)}, {7: (1, "x", 0, 1, 0.0)}, {1: ("aa", "aa")}, {})
    assert problems == ["article 2 acknowledged but missing", "claim 7 acknowledged but missing"]


def test_an_acknowledged_write_stored_differently_is_reported() -> None:
    problems = check_ledger(
        {1: ("aa", 0.0), 2: ("bb", 0.0)},
        {7: (1, "x", 0, 1, 0.0)},
        {1: ("aa", "zz"), 2: ("zz", "zz")},
        {7: (2, "x", 0, 1)},
    )
    assert len(problems) == 3
    assert problems[0].startswith("article 1 differs")
    assert problems[1].startswith("article 2 differs")
    assert problems[2].startswith("claim 7 differs")


def test_restored_tables_that_differ_are_reported() -> None:
    original = {"tables": {"public.a": [2, "x"], "public.b": [1, "y"]}, "sequences": {"s": True}, "objects": ["t"]}
    same = {"tables": {"public.a": [2, "x"], "public.b": [1, "y"]}, "sequences": {"s": True}, "objects": ["t"]}
    assert compare_fingerprints(original, same) == []
    changed = {"tables": {"public.a": [2, "z"]}, "sequences": {"s": False}, "objects": []}
    problems = compare_fingerprints(original, changed)
    assert len(problems) == 4  # a's checksum, b missing, the sequence behind, the trigger missing


def test_percentiles_are_nearest_rank() -> None:
    # The one definition bench/ and scripts/faults/ share (bench/common.py).
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.99) == 3.0
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.0) == 1.0  # unsorted input; rank 1 at the bottom
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 1.0) == 5.0
    assert percentile([float(n) for n in range(1, 61)], 0.95) == 57.0  # rank ⌈0.95·60⌉ = 57
    assert percentile([], 0.95) != percentile([], 0.95)  # NaN for no values


def test_the_login_flood_counts_the_wrong_passwords_answered_before_each_address_was_locked():
    from scripts.faults.flood import Flood

    flood = Flood({"127.0.0.2": [200, 200, 429, 200, 429], "127.0.0.3": [200] * 4 + [429], "127.0.0.4": []})

    assert flood.attempts_before_lockout() == 4
    assert flood.statuses() == {200: 7, 429: 3}

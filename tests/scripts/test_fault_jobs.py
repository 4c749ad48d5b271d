"""The job scenarios' own logic (scripts/faults/jobs.py): the large body's size and the verdict on jobs.

The scenarios themselves (real gunicorn, real workers killed, a throwaway Postgres) run with
`make faults`; these tests make sure their verdicts can fail.
"""

import json

from scripts.faults.jobs import MAX_BODY_BYTES, JobState, article_payload, job_problems

BUDGET_ERROR = "The body is 5,242,000 characters, over the extraction budget of 200,000 (…)"


def done(article: int, *, recorded: int = 5, stored: int = 5, succeeded: int = 1) -> JobState:
    return JobState(article, "done", "", recorded, stored, succeeded, succeeded)


def test_the_large_article_fills_the_documented_maximum_request_size_without_passing_it() -> None:
    payload = article_payload(MAX_BODY_BYTES, "run-large")

    size = len(json.dumps(payload).encode())
    assert MAX_BODY_BYTES - 1024 <= size <= MAX_BODY_BYTES
    assert payload["body"].startswith("Run run-large. ")
    assert article_payload(MAX_BODY_BYTES, "other")["body"] != payload["body"]


def test_a_small_limit_gives_a_body_that_fits_it() -> None:
    payload = article_payload(2000, "x")

    assert 1000 <= len(json.dumps(payload).encode()) <= 2000


def test_jobs_done_once_with_their_proposals_stored_and_one_failed_over_the_budget_have_no_problems() -> None:
    states = [done(1), done(2, recorded=0, stored=0), JobState(3, "failed", BUDGET_ERROR, None, 0, 0, 1)]

    assert job_problems(states, [1, 2, 3], duplicated=0) == []


def test_a_job_that_succeeded_twice_or_stored_other_than_it_recorded_is_reported() -> None:
    states = [done(1, succeeded=2), done(2, recorded=5, stored=10)]

    assert job_problems(states, [1, 2], duplicated=0) == [
        "article 1: done, but its job succeeded 2 times",
        "article 2: 5 proposals recorded, 10 stored",
    ]


def test_an_unfinished_missing_or_otherwise_failed_job_and_duplicated_proposals_are_reported() -> None:
    states = [
        JobState(1, "running", "", None, 0, 0, 0),
        JobState(2, "failed", "The extractor failed on this article: ValueError", None, 0, 0, 1),
    ]

    assert job_problems(states, [1, 2, 3], duplicated=4) == [
        "article 1: running",
        "article 2: failed The extractor failed on this article: ValueError",
        "article 3: no extraction state",
        "4 proposals stored twice",
    ]

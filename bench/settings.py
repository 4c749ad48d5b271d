"""Factbase's own settings, with the benchmark's URLs added (its baseline views).

Everything else (middleware, database options, REST framework) is exactly the app's, so the
baselines run on the same configuration as the API.
"""

from factbase.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Every request of the benchmark comes from one client. The throttle still counts that client's
# request on every request (its cost is in every number: one statement on the Postgres throttle
# table, or one Redis round trip with REDIS_URL), but never refuses one.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000000/min", "user": "1000000000/min"},
}

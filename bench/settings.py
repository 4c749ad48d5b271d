"""Factbase's own settings, with the benchmark's URLs added (its baseline views).

Everything else (middleware, database options, REST framework) is exactly the app's, so the
baselines run on the same configuration as the API.
"""

from factbase.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

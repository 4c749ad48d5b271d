"""The throttle's counts without Redis: one row per recent client (facts/api/throttling.py).

UNLOGGED: a count lives for a minute or so and is rewritten on every request, so it is not
worth the write-ahead log; after a crash the table comes back empty, and every client's count
starts again at 0 (at worst one extra window of requests).
"""

from django.db import migrations

FORWARD = """
CREATE UNLOGGED TABLE factbase_throttle (
    key text PRIMARY KEY,
    time_window bigint NOT NULL,
    count integer NOT NULL,
    expires timestamptz NOT NULL
)
"""


class Migration(migrations.Migration):
    dependencies = [("facts", "0018_trigram_search")]

    operations = [migrations.RunSQL(FORWARD, "DROP TABLE factbase_throttle")]

"""Fault and load checks: Factbase's guarantees 6 (faults survived), 7 (load held) and 9's login flood.

    python -m scripts.faults            # the full run (about 20 minutes, 10 of them the soak)
    python -m scripts.faults --quick    # the same checks, shortened (about 3 minutes)
    python -m scripts.faults --tune sync:3,sync:5,gthread:3x4   # capacity of each gunicorn setup
    python -m scripts.faults --quick --compare sync:3,gthread:2x4   # same rates, interleaved

`make faults` and `make faults-quick` run it. It needs nothing but the project's virtual
environment: it starts its OWN Postgres (initdb with the binaries of the pgserver wheel, data in
.local/faults/pgdata, recreated every run, so the dev database is never touched and can be
stopped with `pg_ctl -m immediate`), migrates it, loads the seed, creates an editor and a token,
and serves Factbase with real gunicorn on 127.0.0.1 (a free port, DJANGO_DEBUG=0).

The load generator is this script itself: Python threads with http.client, open loop (request i
is due at start + i/rate, whether or not earlier ones have answered), and latency counted from
the moment a request was due, so a slow server cannot hide its queueing from the numbers
(no "coordinated omission"). Every request sends `Connection: close`, as nginx does towards its
upstream by default. 90 % of requests are reads of realistic endpoints (claim lists, full-text
search of claims and articles, article detail with all its facts, measure comparison, a person's
claims); 10 % are writes: POST /articles/ with a unique body and POST /claims/ by quote on those
articles. Every write answered 2xx goes into a ledger (id and content), and after each fault the
database is queried directly: every acknowledged write must be there, unchanged.

Scenarios, each a PASS/FAIL row with its numbers:

  capacity  step the request rate up until p95 latency exceeds the target or any request fails;
            C is the highest rate held (confirmed by a longer second run)
  soak      0.7·C for --soak-seconds: no 5xx, no failed request, p95 under target, ledger intact
  overload  2·C: only 2xx, 429 or 503 answers, then at 0.5·C back under the target within 30 s
  kill -9   a gunicorn worker serving a request killed, three times, under load: only the killed
            workers' in-flight requests fail, they are replaced, ledger intact
  pg crash  `pg_ctl -m immediate stop` under load, restart after a few seconds: only 503 (with
            Retry-After) while down, 2xx again within 10 s without touching gunicorn, ledger intact;
            the admin (with a session) and the schema answer no 500 meanwhile
  HUP       gunicorn master reloaded under load: zero failed requests, every worker replaced
  login flood  six clients (127.0.0.2–7) send wrong passwords at 3/s each under 0.5·C: each address
            locked within the failure limit, every API request 2xx, API p95 under target
  backup    pg_dump -Fc under load from an exported snapshot, pg_restore into a fresh database:
            identical schema objects, row counts and content checksums, sequences past every id; every write
            acknowledged before the snapshot is in the copy; verify_passages passes on it

Every loop is bounded in count and time; load goes to the loopback range only (127.0.0.1, and
the login flood's 127.0.0.2–7); `--max-minutes` stops everything. Results: a table on stdout,
.local/faults/results.{json,md}, and with `--record FILE` the table replaces the block between
the result markers in FILE.
"""

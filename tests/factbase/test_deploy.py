"""The deployment files: nginx buffers in front of gunicorn and answers its own refusals in JSON."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def test_docker_compose_publishes_only_the_buffering_proxy():
    compose = (ROOT / "docker-compose.yml").read_text()

    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in compose
    assert '"127.0.0.1:8000:8080"' in compose and '"127.0.0.1:8000:8000"' not in compose
    assert 'FACTBASE_NUM_PROXIES: "1"' in compose


def test_the_proxy_buffers_and_answers_its_refusals_in_json():
    conf = NGINX_CONF.read_text()

    assert "proxy_request_buffering on;" in conf and "proxy_buffering on;" in conf
    for status in ("400", "408", "413", "414", "503"):
        assert f'return {status} \'{{"detail": ' in conf


@pytest.mark.skipif(
    shutil.which("nginx") is None and not os.environ.get("FACTBASE_REQUIRE_NGINX"),
    reason="nginx is not installed (apt-get install nginx-light); CI installs it and requires it",
)
def test_nginx_accepts_the_configuration(tmp_path):
    # The compose network's host name "web" does not resolve here: the same file with a local upstream.
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.read_text().replace("server web:8000;", "server 127.0.0.1:8000;"))
    (tmp_path / "logs").mkdir()

    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/nginx.pid;"],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr

"""What a deployment relies on: check --deploy clean with the documented production environment,
the health endpoint, JSON logs, and gunicorn really serving pages and static files."""

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from portal.logs import PortalJsonFormatter, logging_config

ROOT = Path(settings.BASE_DIR)
ENV_EXAMPLE = ROOT / "deploy" / "portal.env.example"


def production_env(**overrides) -> dict:
    """deploy/portal.env.example as an environment, with a fresh SECRET_KEY."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env | overrides


def manage(*args, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_check_deploy_with_the_documented_production_environment_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_catches_a_weak_production_environment():
    env = production_env(SECURE_SSL_REDIRECT="off", SECURE_HSTS_SECONDS="0", SECRET_KEY="short")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W009"):
        assert warning in result.stderr + result.stdout


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "not answering"}


def test_logs_are_json_lines_with_the_request():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None)
    record.request = RequestFactory().get("/x")
    record.status_code = 404
    line = json.loads(PortalJsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["message"] == "Not Found: /x"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/x", 404)
    assert "time" in line
    config = logging_config(json_lines=True, level="INFO")
    assert config["formatters"]["portal"] == {"()": PortalJsonFormatter}
    assert config["handlers"]["console"]["stream"] == "ext://sys.stdout"
    assert "()" not in logging_config(json_lines=False, level="INFO")["formatters"]["portal"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
        return response.status, dict(response.headers), response.read()


def test_gunicorn_serves_the_portal_and_its_static_files_with_json_access_logs(tmp_path):
    port = _free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="off",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"], ["load_demo"]):
        result = manage(*step, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, _, body = _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok"})
        status, headers, body = _get(f"{base}/")
        assert status == 200 and b"Telecoms Site Portal" in body
        assert headers["Server"] == "gunicorn"
        status, headers, body = _get(f"{base}/static/portal/favicon.svg")
        assert status == 200 and body.startswith(b"<svg")
        status, _, body = _get(f"{base}/api/sites.geojson?bbox=-4.262,55.858,-4.248,55.864")
        assert status == 200 and json.loads(body)["type"] == "FeatureCollection"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "gunicorn.access"]
    assert {"method": "GET", "path": "/healthz", "status": 200}.items() <= access[0].items()
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)

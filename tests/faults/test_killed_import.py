"""An import killed with SIGKILL midway leaves nothing partial, and the next import succeeds.

A real `manage.py import_assets` in a process of its own, on a database of its own (a
SQLite file, or a PostgreSQL database beside the suite's when the suite runs on
PostgreSQL), is killed the moment it reports that it is writing (its progress lines on
stderr); the register must hold none of the file's assets, and importing the file again
must bring all of them.
"""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from fixtures.generator import generate_assets
from fixtures.output import assets_write

ROOT = Path(settings.BASE_DIR)
COUNT = 12_000


@pytest.fixture
def database_url(tmp_path):
    """A database for the child processes alone: SQLite file, or a new PostgreSQL database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'killed.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"tsp_killed_{secrets.token_hex(4)}"
    server = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(database_url: str) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.main",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "off",
        "LOG_FORMAT": "text",
    }


def _manage(env, *args, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _count(env) -> int:
    script = "from sites.models import Asset; print(Asset.objects.count())"
    return int(_manage(env, "shell", "-c", script).stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_an_import_killed_while_writing_leaves_nothing_and_the_next_succeeds(database_url, tmp_path):
    env = _env(database_url)
    _manage(env, "migrate", "--noinput")
    _manage(env, "loaddata", "fixtures/councils.json")
    _manage(env, "import_wards", "fixtures/glasgow_wards_2022.geojson", "--council", "glasgow")
    path = assets_write(generate_assets(count=COUNT, seed=7), tmp_path / "register.gpkg")
    command = [sys.executable, "manage.py", "import_assets", str(path), "--council", "glasgow"]

    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = []
    for line in child.stderr:
        seen.append(line)
        if line.startswith("Writing:"):
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, f"it finished before it could be killed: {seen[-3:]}"
    assert _count(env) == 0, "nothing of the killed import is in the register"

    again = _manage(env, "import_assets", str(path), "--council", "glasgow")
    assert f"Created: {COUNT}" in again.stdout
    assert _count(env) == COUNT

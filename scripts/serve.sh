#!/usr/bin/env bash
# make serve: the production server (gunicorn, gunicorn.conf.py) with portal.settings.main on
# PostgreSQL, DEBUG off, static files from WhiteNoise. For trying the production set-up on one
# machine; a real deployment runs the same through deploy/telecoms-portal.service (deploy/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=portal.settings.main
export DEBUG=off
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/telecoms_portal}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export GUNICORN_BIND="${GUNICORN_BIND:-${HOST:-127.0.0.1}:${PORT:-8000}}"
# Plain HTTP on this machine: cookies cannot be "Secure". Behind TLS (deploy/) they are.
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-off}"
export CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-off}"
PY=.venv/bin/python

case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    # Create the database on first use (a local server with trust auth, as in the README).
    name="${DATABASE_URL##*/}"; name="${name%%\?*}"
    server="${DATABASE_URL%/*}/postgres"
    if command -v psql >/dev/null && ! psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
      psql "$server" -qc "CREATE DATABASE \"$name\"" && echo "Created the PostgreSQL database $name."
    fi ;;
  *) echo "make serve runs on PostgreSQL: set DATABASE_URL=postgres://... (it is $DATABASE_URL)." >&2; exit 1 ;;
esac

$PY manage.py check --deploy  # warnings shown (plain HTTP here); errors stop it
$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput --verbosity 0
# The demo register (not its people: with DEBUG off the demo users have no usable password). DEMO=off to skip.
if [ "${DEMO:-on}" = on ]; then $PY manage.py load_demo >/dev/null; fi
echo "Serving on http://$GUNICORN_BIND with gunicorn (${GUNICORN_WORKERS:-$(( $(nproc) * 2 + 1 ))} workers); health: http://$GUNICORN_BIND/healthz"
exec .venv/bin/gunicorn -c gunicorn.conf.py

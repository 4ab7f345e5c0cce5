#!/usr/bin/env bash
# Upgrade a release in place: install the pinned runtime, migrate, collect the static files,
# check, then reload gunicorn without dropping requests. Take a backup first (deploy/backup.sh).
#   cd /srv/telecoms-portal && git fetch && git checkout <release> && deploy/upgrade.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DJANGO_SETTINGS_MODULE:=portal.settings.main}"; export DJANGO_SETTINGS_MODULE
test -x .venv/bin/python || python3.11 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
npm ci --no-audit --no-fund --loglevel=error && npm run --silent build:css
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
if systemctl is-active --quiet telecoms-portal; then systemctl reload telecoms-portal; fi
echo "Upgraded. Check: curl -fsS https://\$(hostname -f)/healthz"

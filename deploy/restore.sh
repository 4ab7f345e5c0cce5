#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and uploads folder (a new
# server, or after `dropdb`/`createdb`). Stop the portal first; start it after.
#   deploy/restore.sh /var/backups/telecoms-portal/20261207T020000Z
set -euo pipefail
folder="${1:?usage: restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?set DATABASE_URL (source /etc/telecoms-portal/portal.env)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
( cd "$folder" && sha256sum --check --quiet SHA256SUMS )
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$folder/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$folder/uploads.tar.gz" --directory="$MEDIA_ROOT"
echo "Restored $folder. Run deploy/upgrade.sh if the code is newer than the backup, then start the portal."

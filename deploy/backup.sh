#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and the uploaded files
# (documents, licences, imports in MEDIA_ROOT), into one dated folder. Run daily (cron or a
# systemd timer) as a user that can read both; copy the folder off the machine.
#   deploy/backup.sh /var/backups/telecoms-portal
set -euo pipefail
target="${1:?usage: backup.sh BACKUP_DIR}"
: "${DATABASE_URL:?set DATABASE_URL (source /etc/telecoms-portal/portal.env)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
folder="$target/$stamp"
mkdir -p "$folder"
pg_dump --format=custom --no-owner --file="$folder/database.dump" "$DATABASE_URL"
tar --create --gzip --file="$folder/uploads.tar.gz" --directory="$MEDIA_ROOT" .
( cd "$folder" && sha256sum database.dump uploads.tar.gz > SHA256SUMS )
echo "Backed up to $folder"
# Keep 30 days here.
find "$target" -mindepth 1 -maxdepth 1 -type d -mtime +30 -exec rm -rf {} +

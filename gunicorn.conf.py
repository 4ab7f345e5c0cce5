"""gunicorn's settings for the portal: `make serve` and deploy/telecoms-portal.service use this file.

Each setting comes from the environment, with the default a small council server needs.
Logs (errors and one JSON line per request) go to stdout, for journald or a log shipper
(portal/logs.py). See deploy/README.md.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # the slowest page: a 10,000-site export
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory held by big imports and exports goes back).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The reverse proxy's address: only it may set X-Forwarded-* (Django trusts them when BEHIND_PROXY is on).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = "portal.logs.GunicornLogger"
# Worker heartbeats in memory, not on a disk that may stall (gunicorn's advice; files it owns, mode 0600).
SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHM if Path(SHM).is_dir() else None
wsgi_app = "portal.wsgi:application"

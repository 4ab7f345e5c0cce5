"""Structured logs: one JSON object a line on stdout, from Django and from gunicorn.

`LOG_FORMAT=json` (the default with DEBUG off) formats every record with
python-json-logger: time, level, logger, message, and the request's method, path and
status where Django adds them. gunicorn's access log goes through `GunicornLogger`, which
writes each request as JSON (method, path, status, bytes, duration, remote address,
user agent) instead of the Apache-style line, so a log shipper needs no parser.
"""

from gunicorn.glogging import Logger
from pythonjsonlogger.json import JsonFormatter

JSON_FIELDS = ["asctime", "levelname", "name", "message"]
RENAME = {"asctime": "time", "levelname": "level", "name": "logger"}


class PortalJsonFormatter(JsonFormatter):
    """JSON lines; a request's method and path (Django's request logs) added when it has one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", RENAME)
        kwargs.setdefault("timestamp", False)
        super().__init__(" ".join(f"%({name})s" for name in JSON_FIELDS), *args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            log_record["method"] = request.method
            log_record["path"] = request.path
        log_record.pop("request", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            log_record["status"] = status


def logging_config(*, json_lines: bool, level: str) -> dict:
    """Django's LOGGING: everything to stdout, as JSON lines or plain text."""
    formatter = (
        {"()": PortalJsonFormatter} if json_lines else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"portal": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "portal"}
        },
        "root": {"handlers": ["console"], "level": level},
        # pyogrio says "Created N records" at INFO for every file written; only warnings matter.
        "loggers": {"pyogrio": {"level": "WARNING"}},
    }


class GunicornLogger(Logger):
    """gunicorn's logger with its access log as JSON lines (see the module's docstring)."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(PortalJsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": 0 if atoms["B"] in (None, "-") else int(atoms["B"]),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote": atoms["h"],
            "agent": atoms["a"],
        }
        self.access_log.info(f"{entry['method']} {entry['path']} {entry['status']}", extra=entry)

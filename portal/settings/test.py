"""Settings for the test suite: the same application, quicker hashing, no throttling surprises."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-0123456789")
os.environ.setdefault("DEBUG", "off")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .main import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-uploads"  # noqa: F405
SESSION_COOKIE_SECURE = False
# The admin's imports run in the request (the test's own transaction sees them); the browser test runs one beside it.
ASSET_IMPORT_IN_BACKGROUND = False
CSRF_COOKIE_SECURE = False
# WhiteNoise finds static files on request instead of scanning them all each time a test
# client starts (about 0.5 s per test that makes a request).
WHITENOISE_AUTOREFRESH = True

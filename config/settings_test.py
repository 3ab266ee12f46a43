"""pytest settings: the real settings, plus what makes tests fast and self-contained.

DATABASE_URL and REDIS_URL still choose the services, so CI runs on PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 50)

from config.settings import *  # noqa: E402,F403

# Tests call tasks in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

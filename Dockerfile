# syntax=docker/dockerfile:1
# Tablero: one image for the web (gunicorn), the Celery worker and one-shot
# management commands (migrate, ingest). Build: docker build -t tablero .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    GUNICORN_WORKERS=3

# Unprivileged runtime user; the code stays root-owned and read-only to it.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home \
       --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so code changes do not re-run the install layer.
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/base.txt

COPY . .

# settings.py refuses to start without a strong SECRET_KEY when DEBUG is off.
# This throwaway key exists only for this RUN step: it is not put in ENV, so
# no secret is baked into the image's config. The real key comes at run time.
RUN SECRET_KEY=build-only-collectstatic-placeholder-not-a-secret-0123456789 \
    python manage.py collectstatic --noinput

USER app

# 8000: the site; 8001: /healthz alone, served by a process of its own so that a probe
# never waits behind pages (config/gunicorn_health.py). Point a load balancer's probe there.
EXPOSE 8000 8001

# Probe /healthz (200 when the database and Redis answer, 503 otherwise).
# The Host header is the first concrete ALLOWED_HOSTS entry, so the probe
# is not rejected as DisallowedHost when ALLOWED_HOSTS has no 127.0.0.1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os,sys,urllib.request as u; h=[x.strip().lstrip('.') for x in os.environ.get('ALLOWED_HOSTS','').split(',') if x.strip() and '*' not in x]; r=u.Request('http://127.0.0.1:%s/healthz' % os.environ.get('HEALTH_PORT', '8001'), headers={'Host': h[0] if h else '127.0.0.1'}); sys.exit(0 if u.urlopen(r, timeout=4).status == 200 else 1)"

# The site's gunicorn becomes PID 1 and receives SIGTERM directly (config/serve.sh).
CMD ["config/serve.sh"]

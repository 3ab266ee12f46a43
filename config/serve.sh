#!/bin/sh
# The container's command: the health server in the background, the site in front
# (PID 1, so it gets SIGTERM). If the health server dies, probes fail and the
# orchestrator restarts the container.
set -e
gunicorn -c config/gunicorn_health.py config.wsgi_health:application &
exec gunicorn -c config/gunicorn.py config.wsgi:application

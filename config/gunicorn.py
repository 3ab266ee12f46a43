"""gunicorn for the site (port 8000). /healthz has a server of its own beside it
(config/gunicorn_health.py), so a load balancer's probe never queues behind pages.

Environment: GUNICORN_WORKERS (3), GUNICORN_NICE (5: how much lower the page workers'
CPU priority is than the health server's; 0 to keep them level).
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.getenv("GUNICORN_WORKERS", "3"))
worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"


def post_fork(server, worker):
    # Pages yield the CPU to the health server (and PostgreSQL) when both want it: a
    # busy instance answers its probe quickly and keeps its pages.
    os.nice(int(os.getenv("GUNICORN_NICE", "5")))

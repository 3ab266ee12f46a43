"""gunicorn for /healthz alone (port 8001, config.wsgi_health): one process of its own.

Under load every page worker is busy; a probe sent to them waits behind pages (2.4 s at
the 99th percentile in issue 13's measurement), and threads in the same processes share
their interpreter lock with page rendering. A process that only answers probes is idle
when one arrives, so it answers at once: the probe says whether this instance's database
and Redis answer, and the page workers' own supervision (gunicorn restarts a stuck one)
stays with the site's master.
"""

import os

bind = f"0.0.0.0:{os.getenv('HEALTH_PORT', '8001')}"
workers = 1
timeout = 10  # a probe that hangs (a service that does not answer) frees the worker
worker_tmp_dir = "/dev/shm"
errorlog = "-"

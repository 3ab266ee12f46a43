"""Real services a fault test can stop and start: a Redis of its own, a Celery worker process.

The shared Redis on 6379 and the suite's database stay up; a test breaks only its own.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import redis
from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class RedisServer:
    """A throwaway redis-server on a free port, without persistence, like a restarted one."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_for(lambda: _pings(client), 10, f"redis-server on port {self.port}")

    def hang(self) -> None:
        """Still accepting connections, answering nothing."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pings(client: redis.Redis) -> bool:
    with contextlib.suppress(redis.ConnectionError):
        return client.ping()
    return False


def database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test copy)."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextlib.contextmanager
def celery_worker(broker_url: str, **env: str) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on this broker and the test's database.

    It runs in a session of its own, so a test can kill it and its children with SIGKILL.
    """
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test-only-" + "x" * 50,
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url,
        "NLP_MODEL": settings.NLP_MODEL,
        **env,
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["--without-gossip", "--without-mingle", "--loglevel=warning"]
    worker = subprocess.Popen(
        command, env=environment, cwd=settings.BASE_DIR, start_new_session=True
    )
    try:
        yield worker
    finally:
        kill(worker)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL a process and everything it started: no shutdown, no acknowledgement."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

"""Figures an app adds to /healthz beyond the service checks, so core imports no app.

An app registers a report in its AppConfig.ready(); healthz calls each on every probe,
so a report must be one cheap query.
"""

from collections.abc import Callable

_reports: dict[str, Callable[[], dict]] = {}


def report_register(name: str, report: Callable[[], dict]) -> None:
    _reports[name] = report


def reports() -> dict[str, dict]:
    return {name: report() for name, report in _reports.items()}

"""The developments-per-period summary (models.DevelopmentCount), kept by the database.

Triggers on the events table append the change of every insert, update and delete to
the summary in the writer's own transaction, so no write path (ingestion, editors'
forms, the API, merges, the admin, a bulk update) can forget it. They append +n and -n
rows instead of updating shared counters: two ingestion workers never wait on, or
deadlock over, the same row. `development_counts_compact` (run by the worker's beat)
folds the rows together; reading sums them either way.

On PostgreSQL the triggers run once per statement over its transition tables, so a bulk
insert of 5,000 events appends one grouped row per period, not 5,000. SQLite, the
embedded default, has row triggers only, and drops a table's triggers when a migration
rebuilds the table: `development_counts_install`, run after every `migrate`, puts them
back and recounts.
"""

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

EVENTS = "negotiations_event"
SUMMARY = "negotiations_developmentcount"
COLUMNS = "month, kind, precision, status, known_month, n"
# What decides an event's row in the summary: a change to anything else appends nothing.
KEY_FIELDS = ("occurred_on", "kind", "occurred_precision", "status", "first_reported_on")


def _key(vendor: str, row: str) -> str:
    """The summary's key columns for `row` (an alias or NEW/OLD), in the vendor's SQL."""
    if vendor == "postgresql":
        month = "date_trunc('month', {}.{})::date"
    else:
        month = "date({}.{}, 'start of month')"
    return ", ".join(
        (
            month.format(row, "occurred_on"),
            f"{row}.kind",
            f"{row}.occurred_precision",
            f"{row}.status",
            month.format(row, "first_reported_on"),
        )
    )


def _grouped(vendor: str, table: str, *, sign: int) -> str:
    """The summary's rows for the counted events of `table`, each count times `sign`."""
    return (
        f"SELECT {_key(vendor, 'e')}, {sign} * COUNT(*) FROM {table} AS e "
        "WHERE e.review_state <> 'rejected' AND e.first_reported_on IS NOT NULL "
        "GROUP BY 1, 2, 3, 4, 5"
    )


def _postgresql_triggers() -> list[str]:
    removed = _grouped("postgresql", "old_rows", sign=-1)
    added = _grouped("postgresql", "new_rows", sign=1)
    net = (
        f"SELECT month, kind, precision, status, known_month, SUM(n) FROM ({removed} "
        f"UNION ALL {added}) AS d (month, kind, precision, status, known_month, n) "
        "GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) <> 0"
    )
    function = f"""
        CREATE OR REPLACE FUNCTION {SUMMARY}_append() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO {SUMMARY} ({COLUMNS}) {added};
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO {SUMMARY} ({COLUMNS}) {removed};
            ELSE
                INSERT INTO {SUMMARY} ({COLUMNS}) {net};
            END IF;
            RETURN NULL;
        END $$
    """
    statements = [function]
    for operation, tables in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
    ):
        name = f"{SUMMARY}_{operation.lower()}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {EVENTS}",
            f"CREATE TRIGGER {name} AFTER {operation} ON {EVENTS} REFERENCING {tables} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {SUMMARY}_append()",
        ]
    return statements


def _sqlite_triggers() -> list[str]:
    def append(row: str, sign: int) -> str:
        return f"INSERT INTO {SUMMARY} ({COLUMNS}) VALUES ({_key('sqlite', row)}, {sign});"

    def counted(row: str) -> str:
        return f"({row}.review_state <> 'rejected' AND {row}.first_reported_on IS NOT NULL)"

    moved = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in KEY_FIELDS)
    # An update takes an event out of its row when it moves it or stops counting it,
    # and puts it in one when it moves it or starts counting it.
    leaves = f"{counted('OLD')} AND ({moved} OR NOT {counted('NEW')})"
    enters = f"{counted('NEW')} AND ({moved} OR NOT {counted('OLD')})"
    triggers = {
        "insert": f"AFTER INSERT ON {EVENTS} WHEN {counted('NEW')} BEGIN {append('NEW', 1)} END",
        "delete": f"AFTER DELETE ON {EVENTS} WHEN {counted('OLD')} BEGIN {append('OLD', -1)} END",
        "update_old": f"AFTER UPDATE ON {EVENTS} WHEN {leaves} BEGIN {append('OLD', -1)} END",
        "update_new": f"AFTER UPDATE ON {EVENTS} WHEN {enters} BEGIN {append('NEW', 1)} END",
    }
    statements = []
    for suffix, body in triggers.items():
        name = f"{SUMMARY}_{suffix}"
        statements += [f"DROP TRIGGER IF EXISTS {name}", f"CREATE TRIGGER {name} {body}"]
    return statements


def development_counts_install(using: BaseDatabaseWrapper = connection) -> None:
    """Create (or replace) the triggers and recount the summary from the events, with
    writes to the events held off meanwhile so none is missed or counted twice."""
    statements = _postgresql_triggers() if using.vendor == "postgresql" else _sqlite_triggers()
    with transaction.atomic(using=using.alias), using.cursor() as cursor:
        if using.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {EVENTS} IN SHARE MODE")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {SUMMARY}")
        cursor.execute(
            f"INSERT INTO {SUMMARY} ({COLUMNS}) {_grouped(using.vendor, EVENTS, sign=1)}"
        )


def development_counts_compact(using: BaseDatabaseWrapper = connection) -> int:
    """Fold the summary's rows into one per key (dropping those that sum to nothing);
    returns how many rows it holds after. Writers carry on meanwhile."""
    group = "GROUP BY month, kind, precision, status, known_month HAVING SUM(n) <> 0"
    keys = "month, kind, precision, status, known_month"
    with transaction.atomic(using=using.alias), using.cursor() as cursor:
        if using.vendor == "postgresql":
            # One statement, one snapshot: rows appended by transactions that commit
            # meanwhile are not deleted, so none is lost.
            cursor.execute(
                f"WITH gone AS (DELETE FROM {SUMMARY} RETURNING {COLUMNS}) "
                f"INSERT INTO {SUMMARY} ({COLUMNS}) SELECT {keys}, SUM(n) FROM gone {group}"
            )
        else:
            # SQLite has one writer at a time and ids that only grow: fold what exists now.
            cursor.execute(f"SELECT MAX(id) FROM {SUMMARY}")
            (last,) = cursor.fetchone()
            if last is not None:
                cursor.execute(
                    f"SELECT {keys}, SUM(n) FROM {SUMMARY} WHERE id <= %s {group}", [last]
                )
                rows = cursor.fetchall()
                cursor.execute(f"DELETE FROM {SUMMARY} WHERE id <= %s", [last])
                cursor.executemany(
                    f"INSERT INTO {SUMMARY} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)", rows
                )
        cursor.execute(f"SELECT COUNT(*) FROM {SUMMARY}")
        return cursor.fetchone()[0]

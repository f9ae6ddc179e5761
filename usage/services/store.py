"""Stores attributed events and rolls them up, once each, in one statement.

Rows are copied (COPY, psycopg 3) into a temporary staging table, then moved into the
partitioned event table with ON CONFLICT DO NOTHING; only the rows that were new feed the
daily rollups, in the same statement and transaction. So an event sent twice, by one
client or by several batches at once (the unique index makes the second wait for the
first to commit), is counted once; and a batch that fails or whose worker dies is rolled
back whole, rollups included.

Most chunks of a log are all new, so the move is first tried as a plain INSERT, in a
savepoint: a speculative insert (ON CONFLICT) costs each row a second index search and
one more WAL record, a third of the move. The first key already stored (by an earlier
batch, or by a concurrent one, the insert waiting on the index for it to commit) raises
a unique violation; the savepoint is rolled back, rollups included, and the chunk moved
again with ON CONFLICT DO NOTHING. Either way each key is inserted once and counted once.
"""

from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from psycopg import errors

# The event table's columns, in the order rows are given.
COLUMNS = (
    "occurred_on",
    "key",
    "occurred_at",
    "version_id",
    "operation",
    "consumer_id",
    "credential",
    "method",
    "host",
    "path",
    "status",
)
STAGE = "usage_event_stage"
# COPY in binary: a third of the text format's cost on each side. The key goes as bytea,
# its bytes as they are, which is the binary form of the uuid column it lands in.
_COPY_TYPES = (
    "date",
    "bytea",
    "timestamptz",
    "int8",
    "text",
    "int8",
    "text",
    "text",
    "text",
    "text",
    "int2",
)

_CREATE_STAGE = f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE}
(LIKE usage_event INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
"""

# Rows go in key order, so concurrent batches lock index entries and rollup rows in the
# same order and cannot deadlock each other. DISTINCT ON drops a key repeated in the
# chunk, so that a plain insert fails only on keys stored before. The new rows are read
# twice: once summed into buckets (the version totals are summed from those few thousand
# rows), once for the few that are unattributed (the four reasons read only those).
_MOVE = f"""
WITH ins AS (
    INSERT INTO usage_event ({", ".join(COLUMNS)})
    SELECT DISTINCT ON (occurred_on, key) {", ".join(COLUMNS)}
    FROM {STAGE} ORDER BY occurred_on, key
    {{conflict}}
    RETURNING {", ".join(COLUMNS)}
), buckets AS (
    SELECT occurred_on AS day, version_id, operation, consumer_id, status / 100 AS status_class,
           count(*) AS calls, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen
    FROM ins WHERE version_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
), daily AS (
    INSERT INTO usage_usagedaily AS t
        (day, version_id, operation, consumer_id, status_class, calls, first_seen, last_seen)
    SELECT * FROM buckets ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT usagedaily_unique_bucket DO UPDATE SET
        calls = t.calls + EXCLUDED.calls,
        first_seen = LEAST(t.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(t.last_seen, EXCLUDED.last_seen)
    RETURNING 1
), versions AS (
    INSERT INTO usage_versiondaily AS t
        (day, version_id, calls, identified_calls, error_calls, first_seen, last_seen)
    SELECT day, version_id, sum(calls),
           coalesce(sum(calls) FILTER (WHERE consumer_id IS NOT NULL), 0),
           coalesce(sum(calls) FILTER (WHERE status_class >= 5), 0),
           min(first_seen), max(last_seen)
    FROM buckets
    GROUP BY 1, 2 ORDER BY 2, 1
    ON CONFLICT ON CONSTRAINT versiondaily_unique_day DO UPDATE SET
        calls = t.calls + EXCLUDED.calls,
        identified_calls = t.identified_calls + EXCLUDED.identified_calls,
        error_calls = t.error_calls + EXCLUDED.error_calls,
        first_seen = LEAST(t.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(t.last_seen, EXCLUDED.last_seen)
    RETURNING 1
), odd AS (
    SELECT * FROM ins WHERE version_id IS NULL OR operation = '' OR consumer_id IS NULL
), unattributed AS (
    INSERT INTO usage_unattributeddaily AS t
        (day, reason, version_id, subject, calls, sample, first_seen, last_seen)
    SELECT occurred_on, reason, version_id, subject, count(*), max(sample),
           min(occurred_at), max(occurred_at)
    FROM (
        SELECT occurred_on, 'no-version' AS reason, NULL::bigint AS version_id,
               left(host || ' ' || coalesce(substring(path FROM '^(?:/[^/?#]*){{1,2}}'), '/'),
                    300) AS subject,
               left(path, 500) AS sample, occurred_at
        FROM odd WHERE version_id IS NULL
        UNION ALL
        SELECT occurred_on, 'no-operation', version_id,
               left(method || ' ' || coalesce(substring(path FROM '^[^?#]*'), path), 300),
               left(path, 500), occurred_at
        FROM odd WHERE version_id IS NOT NULL AND operation = ''
        UNION ALL
        SELECT occurred_on, 'unknown-credential', NULL, credential, left(path, 500), occurred_at
        FROM odd WHERE consumer_id IS NULL AND credential <> ''
        UNION ALL
        SELECT occurred_on, 'anonymous', NULL, host, left(path, 500), occurred_at
        FROM odd WHERE consumer_id IS NULL AND credential = ''
    ) AS found
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT unattributeddaily_unique_bucket DO UPDATE SET
        calls = t.calls + EXCLUDED.calls,
        first_seen = LEAST(t.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(t.last_seen, EXCLUDED.last_seen)
    RETURNING 1
)
SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM daily),
       (SELECT count(*) FROM versions), (SELECT count(*) FROM unattributed)
"""
_MOVE_FRESH = _MOVE.replace("{conflict}", "")
_MOVE_ONCE = _MOVE.replace("{conflict}", "ON CONFLICT DO NOTHING")


def events_store(rows: Iterable[tuple]) -> int:
    """Stores rows (in COLUMNS order) and updates the rollups; returns how many rows were
    new. Requires an open transaction (the staging table empties at commit) and the
    partitions of the rows' days (partitions_ensure)."""
    assert connection.in_atomic_block, "events_store needs a transaction"
    with connection.cursor() as cursor:
        # Sorting and grouping a 50,000-row chunk in memory, not in temporary files.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(_CREATE_STAGE)
        rows_copy(cursor.cursor, STAGE, rows)
        inserted = _move(cursor)
        cursor.execute(f"TRUNCATE {STAGE}")  # for the next batch of this transaction
    return inserted


def _move(cursor) -> int:
    """Moves the staged rows: as all new first, else once each (see the module's doc)."""
    try:
        with transaction.atomic():
            cursor.execute(_MOVE_FRESH)
            return cursor.fetchone()[0]
    except IntegrityError as error:
        if not isinstance(error.__cause__, errors.UniqueViolation):
            raise
    cursor.execute(_MOVE_ONCE)
    return cursor.fetchone()[0]


def rows_copy(raw_cursor, table: str, rows: Iterable[tuple]) -> None:
    """COPYs rows (in COLUMNS order) into `table` through psycopg's own cursor."""
    with raw_cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(_COPY_TYPES)
        for row in rows:
            copy.write_row(row)

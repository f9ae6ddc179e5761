"""Storing one chunk while the next is parsed: the database's work (the insert and the
rollups run in the PostgreSQL server) overlaps Python's (parsing, attribution)."""

import queue
import threading
from collections.abc import Callable

from django.db import connection


class InOrder:
    """Runs submitted jobs one at a time and in order, in a thread with its own database
    connection, at most one waiting. The first error stops the rest and is raised by the
    next submit() or by close(). With `threaded=False` (inside a transaction, where a
    second connection would not see the caller's rows) jobs run at once."""

    def __init__(self, *, threaded: bool) -> None:
        self._error: BaseException | None = None
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._run, daemon=True) if threaded else None
        if self._thread is not None:
            self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        if self._error is not None:
            raise self._error
        if self._thread is None:
            job()
        else:
            self._jobs.put(job)

    def close(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            while (job := self._jobs.get()) is not None:
                if self._error is None:
                    try:
                        job()
                    except BaseException as error:  # noqa: BLE001 - handed to the caller
                        self._error = error
        finally:
            connection.close()

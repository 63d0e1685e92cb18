"""Group commit: the writes of concurrent callers in one transaction, each caller answered after it.

Every transaction has fixed costs whatever it holds: its statements' round trips, the audit
chain's lock and head, the log flush at commit (an fsync on PostgreSQL, a WAL append under the
one write lock on SQLite); with a transaction per report those costs were most of intake's CPU,
and concurrent requests queued on the locks. A single writer thread per process
instead takes whatever has queued while the previous commit was in flight, writes it together,
commits once, and then resolves each caller's future: nobody is told "received" before their
report is durable, and a burst costs a few commits instead of hundreds.

A batch that fails as a whole (a unique constraint raced by another process, say) is retried one
item per transaction, so one caller's error never becomes another's.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from tipline.store.db import Database

T = TypeVar("T")
R = TypeVar("R")

# Writes ``items`` in the caller's session; returns one result per item, in order. An item's
# result may be an exception instance: that caller gets the exception, the others their results.
BatchWriter = Callable[[Session, Sequence[T]], list[R | BaseException]]
_STOP = object()


class GroupCommit(Generic[T, R]):
    def __init__(self, db: Database, write: BatchWriter, max_batch: int = 64, name: str = "group-commit") -> None:
        self.db = db
        self.write = write
        self.max_batch = max_batch
        self.name = name
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, item: T) -> Future[R]:
        """Queue an item; the future resolves after the commit that holds it (or with its error)."""
        future: Future[R] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the group commit is closed")
            if self._thread is None:  # started on first use: processes that never write start nothing
                self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
                self._thread.start()
            self._queue.put((item, future))
        return future

    def __call__(self, item: T) -> R:
        """Submit and wait: for callers that are threads themselves (CLI, thread-pool routes)."""
        return self.submit(item).result()

    def close(self) -> None:
        """Write what is queued, then stop the writer thread."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(_STOP)
            thread.join()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop = True
                    break
                batch.append(more)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[tuple[T, Future]]) -> None:
        items = [item for item, _ in batch]
        try:
            with self.db.write() as session:
                results = self.write(session, items)
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0][1], exception=error)
                return
            for one in batch:  # one transaction each: an error stays with its own caller
                self._commit([one])
            return
        for (_, future), result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                _settle(future, exception=result)
            else:
                _settle(future, result=result)


def _settle(future: Future, result: object = None, exception: BaseException | None = None) -> None:
    if future.set_running_or_notify_cancel():
        if exception is not None:
            future.set_exception(exception)
        else:
            future.set_result(result)

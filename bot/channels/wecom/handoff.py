"""The reply threads a WeCom route hands each message to, waiting for its answer at most the reply budget.

concurrent.futures' pool did the same through a Future — a Condition over an RLock, notify_all, done-callbacks
run under it — and a work queue behind an idle semaphore: twice the CPU of this hand-off, a one-shot lock the
request thread waits on (~20 vs ~10 µs a message, alone; more when the worker's threads contend for the GIL).
What the route relies on is kept: a job runs on one of at most `workers` threads (started as needed, in the
process that uses them: gunicorn forks after the app is built), its result or exception comes back to the one
waiting, a wait past its timeout leaves the job running, `then` runs on the job's thread once it is done, and
shutdown — also at the interpreter's exit, as the pool's threads were joined — lets every queued job finish.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Job(Generic[T]):
    """One call handed to a reply thread; `wait` for its result."""

    __slots__ = ("_call", "_done", "_error", "_result", "_then")

    def __init__(self, call: Callable[[], T], then: Callable[[], None] | None) -> None:
        self._call = call
        self._then = then
        self._done = threading.Lock()
        self._done.acquire()  # released once, when the call has returned or raised
        self._result: T | None = None
        self._error: BaseException | None = None

    def wait(self, timeout: float) -> T:
        """The call's result, or its exception raised here; TimeoutError past `timeout` s (the call goes on)."""
        if not self._done.acquire(timeout=max(timeout, 0.0)):
            raise TimeoutError
        self._done.release()  # done stays done for any later wait
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]  # set by the call, which returned

    def _run(self) -> None:
        try:
            self._result = self._call()
        except BaseException as exc:  # handed to the one waiting, as a Future would
            self._error = exc
        self._done.release()
        if self._then is not None:
            try:
                self._then()
            except Exception:
                log.exception("reply thread: a job's follow-up failed")


class ReplyThreads:
    """At most `workers` threads taking jobs in order of submission."""

    def __init__(self, workers: int, name: str) -> None:
        self._workers = workers
        self._name = name
        self._queue: queue.SimpleQueue[Job[object] | None] = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)  # released by a thread that finished a job and waits for the next
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, call: Callable[[], T], then: Callable[[], None] | None = None) -> Job[T]:
        job = Job(call, then)
        with self._lock:
            if self._closed:
                raise RuntimeError("reply threads shut down")
            self._queue.put(job)  # type: ignore[arg-type]  # the queue holds jobs of any result
            if not self._idle.acquire(blocking=False) and len(self._threads) < self._workers:
                self._start()
        return job

    def _start(self) -> None:
        if not self._threads:
            atexit.register(self.shutdown)
        thread = threading.Thread(target=self._serve, name=f"{self._name}_{len(self._threads)}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _serve(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            job._run()
            del job
            self._idle.release()

    def shutdown(self) -> None:
        """Let every queued job finish, then end the threads (again: nothing)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(None)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()
        atexit.unregister(self.shutdown)

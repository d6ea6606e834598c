"""ProcessPoolExecutor for threadlab, with the API of CPython 3.12's.

The workers are emulated processes (threadlab's _process): each is another
interpreter of the same program with a GIL of its own, so CPU-bound calls
run in parallel under every model. They start as CPython's 'spawn' start
method starts them: the main module is imported again as __mp_main__, so
make the pool under `if __name__ == "__main__":`. A call, its arguments and
its result travel between processes as copies, as pickle makes them:
module-level functions by name, lambdas and nested functions refused.

One manager thread in the calling process hands calls to the workers (at
most max_workers + 1 outstanding, so a call still waiting can be
cancelled), collects their results, notices a worker that died, and stops
the workers at shutdown."""

import threading
import _process
from concurrent.futures import Future, Executor, BrokenExecutor

__all__ = ['ProcessPoolExecutor', 'BrokenProcessPool']

# Calls queued beyond one per worker, so a worker that finishes finds the next.
EXTRA_QUEUED_CALLS = 1

_global_shutdown = False
_executors = []
# multiprocessing numbers the processes of a program, across pools.
_process_counter = 0


def _python_exit():
    global _global_shutdown
    _global_shutdown = True
    for executor in list(_executors):
        executor.shutdown(wait=True)


threading._register_atexit(_python_exit)


class BrokenProcessPool(BrokenExecutor):
    """A process in the pool ended abruptly: the pool cannot be used any more."""


class _RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs


def _send_exception(result_queue, work_id, exc):
    tb = _process.format_exception(exc)
    try:
        result_queue.put(('result', work_id, None, exc, tb))
    except BaseException as unsendable:
        # The exception itself cannot travel: say what it was instead.
        result_queue.put(('result', work_id, None, RuntimeError(repr(exc)), tb))


def _process_worker(call_queue, result_queue, initializer, initargs):
    """A worker process's main: calls until it is given None."""
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as exc:
            import sys
            sys.stderr.write('Exception in initializer:\n' + _process.format_exception(exc))
            raise SystemExit(1)
    while True:
        got, call_item = call_queue.get()
        if call_item is None:
            return
        work_id, fn, args, kwargs = call_item
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            _send_exception(result_queue, work_id, exc)
            continue
        try:
            result_queue.put(('result', work_id, result, None, None))
        except BaseException as exc:
            _send_exception(result_queue, work_id, exc)


class ProcessPoolExecutor(Executor):
    """Runs calls in a pool of at most max_workers emulated processes."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            self._max_workers = _process.cpu_count() or 1
        else:
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._max_workers = max_workers
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            if max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
            raise NotImplementedError("threadlab's ProcessPoolExecutor does not do max_tasks_per_child")
        self._initializer = initializer
        self._initargs = initargs
        self._call_queue = _process.Queue()
        self._result_queue = _process.Queue()
        self._processes = {}
        self._exited = 0
        self._pending_work_items = {}
        self._work_ids = []
        self._queue_count = 0
        self._outstanding = 0
        self._shutdown_thread = False
        self._cancel_pending_futures = False
        self._shutdown_lock = threading.Lock()
        self._idle_worker_semaphore = threading.Semaphore(0)
        self._broken = False
        self._executor_manager_thread = None

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _global_shutdown:
                raise RuntimeError('cannot schedule new futures after interpreter shutdown')
            f = Future()
            self._pending_work_items[self._queue_count] = _WorkItem(f, fn, args, kwargs)
            self._work_ids.append(self._queue_count)
            self._queue_count += 1
            self._result_queue.put(('wakeup',))
            self._adjust_process_count()
            self._start_executor_manager_thread()
            return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._cancel_pending_futures = cancel_futures
            self._shutdown_thread = True
            if self._executor_manager_thread is not None:
                self._result_queue.put(('wakeup',))
        if self._executor_manager_thread is not None and wait:
            self._executor_manager_thread.join()

    # ------------------------------------------------------------ in the calling thread

    def _adjust_process_count(self):
        # An idle worker takes the call; otherwise start one, up to the limit.
        if self._idle_worker_semaphore.acquire(blocking=False):
            return
        if len(self._processes) < self._max_workers:
            self._spawn_process()

    def _spawn_process(self):
        global _process_counter
        _process_counter += 1
        p = _process.start(_process_worker,
                           (self._call_queue, self._result_queue, self._initializer, self._initargs),
                           'SpawnProcess-%d' % _process_counter, self._result_queue)
        self._processes[p.pid] = p

    def _start_executor_manager_thread(self):
        if self._executor_manager_thread is None:
            self._executor_manager_thread = threading.Thread(target=self._manage)
            self._executor_manager_thread.start()
            _executors.append(self)

    # ------------------------------------------------------------ in the manager thread

    def _manage(self):
        while True:
            self._add_call_items_to_queue()
            got, message = self._result_queue.get()
            kind = message[0]
            if kind == 'result':
                self._finish(*message[1:])
            elif kind == 'exited':
                pid, exitcode = message[1], message[2]
                self._exited += 1
                if exitcode != 0 or not self._shutdown_thread:
                    self._terminate_broken()
                    return
            if self._shutting_down():
                with self._shutdown_lock:
                    if self._cancel_pending_futures:
                        for work_id in self._work_ids:
                            self._pending_work_items.pop(work_id).future.cancel()
                        self._work_ids = []
                    idle = not self._pending_work_items
                if idle:
                    self._join_executor_internals()
                    return

    def _shutting_down(self):
        return _global_shutdown or self._shutdown_thread

    def _add_call_items_to_queue(self):
        with self._shutdown_lock:
            while self._work_ids and self._outstanding < self._max_workers + EXTRA_QUEUED_CALLS:
                work_id = self._work_ids.pop(0)
                work_item = self._pending_work_items[work_id]
                if not work_item.future.set_running_or_notify_cancel():
                    del self._pending_work_items[work_id]
                    continue
                try:
                    self._call_queue.put((work_id, work_item.fn, work_item.args, work_item.kwargs))
                except BaseException as exc:
                    # It cannot go to a worker (a lambda, a lock): the future says why.
                    del self._pending_work_items[work_id]
                    exc.__cause__ = _RemoteTraceback('\n"""\n%s"""' % _process.format_exception(exc))
                    work_item.future.set_exception(exc)
                    continue
                self._outstanding += 1

    def _finish(self, work_id, result, exc, tb):
        with self._shutdown_lock:
            self._outstanding -= 1
            work_item = self._pending_work_items.pop(work_id, None)
        self._idle_worker_semaphore.release()
        if work_item is None:
            return
        if exc is not None:
            exc.__cause__ = _RemoteTraceback('\n"""\n%s"""' % tb)
            work_item.future.set_exception(exc)
        else:
            work_item.future.set_result(result)

    def _terminate_broken(self):
        with self._shutdown_lock:
            self._broken = ('A child process terminated abruptly, the process pool is not usable anymore')
            items = list(self._pending_work_items.values())
            self._pending_work_items.clear()
            self._work_ids = []
        for work_item in items:
            bpe = BrokenProcessPool("A process in the process pool was terminated abruptly while the "
                                    "future was running or pending.")
            if not work_item.future.done():
                work_item.future.set_exception(bpe)
        self._join_executor_internals()

    def _join_executor_internals(self):
        for p in list(self._processes.values()):
            self._call_queue.put(None)
        for p in list(self._processes.values()):
            p.join()
        if self in _executors:
            _executors.remove(self)

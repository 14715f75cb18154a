"""Sharing work with a forked helper process.

:func:`ordered_map` is ``map`` with every other item done by a helper:

>>> list(ordered_map(str.upper, ["a", "b", "c"]))  # doctest: +SKIP
['A', 'B', 'C']

The helper is forked and never touches what the caller has open (an SQLite
store, files): it gets items through a pipe and sends back results, both in
``marshal`` format (tuples, lists, strings, bytes, numbers). It reads its pipe
in a thread, so the caller never waits on a full pipe while the helper waits
on the caller. Where processes cannot fork, everything runs in the caller.
"""
from __future__ import annotations

import gc
import marshal
import multiprocessing
import pickle
import queue
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import suppress
from typing import Any, TypeVar, cast

from .errors import InputError, WorkbenchError

T = TypeVar("T")
R = TypeVar("R")

#: Pipe buffer asked for on Linux (the largest an unprivileged process may set by default).
PIPE_BYTES = 1 << 20
#: The first byte of a message holding a marshalled result; error messages are pickles.
_RESULT = b"M"


def can_fork() -> bool:
    """Whether processes may be forked here: POSIX, but not macOS, where a
    forked child of a process that used system frameworks can crash."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def widen(connection: Any) -> None:
    """Ask for a larger pipe buffer (Linux), so a writer waits less on bursts."""
    with suppress(ImportError, OSError, AttributeError):  # fcntl: POSIX; F_SETPIPE_SZ: Linux
        import fcntl
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, ahead: int = 4) -> Generator[R, None, None]:
    """``map(func, items)``, every other item done by a forked helper.

    ``func`` runs in both processes. At most ``ahead`` items are under way,
    so memory stays flat. An exception in either process is raised here at
    its item's turn, after the results of the items before it.
    """
    if not can_fork():
        yield from map(func, items)
        return
    context = multiprocessing.get_context("fork")
    inbox, to_helper = context.Pipe(duplex=False)
    from_helper, outbox = context.Pipe(duplex=False)
    widen(to_helper)
    widen(outbox)
    helper = context.Process(target=_serve, args=(func, inbox, outbox, to_helper, from_helper), daemon=True,
                             name="wb-helper")
    helper.start()
    inbox.close()
    outbox.close()
    try:
        pending: deque[tuple[R] | Exception | None] = deque()  # None: the helper's
        for i, item in enumerate(items):
            if i % 2:
                to_helper.send_bytes(marshal.dumps(cast(Any, item)))
                pending.append(None)
            else:
                try:
                    pending.append((func(item),))
                except Exception as exc:  # noqa: BLE001 - raised at its turn, after the items before it
                    pending.append(exc)
                    break
            while len(pending) > ahead:
                yield _take(pending.popleft(), from_helper, helper)
        to_helper.close()
        while pending:
            yield _take(pending.popleft(), from_helper, helper)
    finally:
        if helper.is_alive():
            helper.kill()
        helper.join()
        to_helper.close()
        from_helper.close()


def _take(entry: tuple[R] | Exception | None, from_helper: Any, helper: Any) -> R:
    if isinstance(entry, Exception):
        raise entry
    if entry is not None:
        return entry[0]
    try:
        data = from_helper.recv_bytes()
    except EOFError:
        helper.join()
        raise WorkbenchError(f"the helper process ended unexpectedly (exit code {helper.exitcode})") from None
    if data[:1] == _RESULT:
        return marshal.loads(memoryview(data)[1:])  # type: ignore[no-any-return]
    raise error_of(pickle.loads(data))


def received(inbox: Any) -> queue.SimpleQueue[bytes | None]:
    """The messages arriving on ``inbox``, read by a thread of their own so that the sender
    never waits on the receiver's work; None once the pipe is closed."""
    items: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def read() -> None:
        try:
            while True:
                items.put(inbox.recv_bytes())
        except (EOFError, OSError):
            items.put(None)
    threading.Thread(target=read, daemon=True).start()
    return items


def _serve(func: Callable[[Any], Any], inbox: Any, outbox: Any, *parent_ends: Any) -> None:
    """The helper: results of the items in ``inbox``, in order, to ``outbox``."""
    for end in parent_ends:
        end.close()
    gc.disable()  # items and results are acyclic: reference counting frees them
    items = received(inbox)
    try:
        while (data := items.get()) is not None:
            try:
                result = func(marshal.loads(data))
            except Exception as exc:  # noqa: BLE001 - raised again in the caller
                outbox.send_bytes(pickle.dumps(portable(exc), pickle.HIGHEST_PROTOCOL))
                return
            outbox.send_bytes(_RESULT + marshal.dumps(result))
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the caller is gone or going
    finally:
        outbox.close()


def portable(exc: Exception) -> tuple[Any, ...]:
    """An exception as something that pickles and comes back the same (:func:`error_of`)."""
    if isinstance(exc, InputError):
        return (type(exc), exc.message, exc.path, exc.line, exc.column)
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return (WorkbenchError, f"{type(exc).__name__}: {exc}")
    return (exc,)


def error_of(portable: tuple[Any, ...]) -> BaseException:
    """The exception :func:`portable` made portable."""
    kind, *args = portable
    return kind if isinstance(kind, BaseException) else kind(*args)

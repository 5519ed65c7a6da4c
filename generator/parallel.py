"""Large batches of independent work spread over the machine's cores, results in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this much work (estimated, in milliseconds on one core) a process pool costs more than
# it saves: forking, pickling results back, idle workers at the end.
MIN_PARALLEL_MS = 200.0
CHUNK_MS = 50.0

_shared: Any = None  # what ``map_in_order`` hands to forked workers without pickling it


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing): a forked worker starts as large as its parent, and a stage's freed objects
    would otherwise count in every process after it."""
    import ctypes

    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _with_shared(function: Callable[[Any, Item], Result], item: Item) -> Result:
    return function(_shared, item)


def map_in_order(function: Callable[[Any, Item], Result], items: Sequence[Item],
                 shared: Any = None, ms_per_item: float = 1.0) -> list[Result]:
    """``[function(shared, item) for item in items]``, in forked worker processes when the batch
    (``ms_per_item`` each, roughly) is large enough to pay for them and the machine has more than
    one core. ``function`` must be pure; ``shared`` reaches the workers by fork (copy on write),
    so it is never pickled."""
    with results_in_order(function, items, shared, ms_per_item) as results:
        return list(results)


@contextmanager
def results_in_order(function: Callable[[Any, Item], Result], items: Sequence[Item],
                     shared: Any = None, ms_per_item: float = 1.0) -> Iterator[Iterator[Result]]:
    """:func:`map_in_order` as an iterator that gives each result as soon as it and every one
    before it are done. The workers start on entering the ``with`` block, so the caller can do
    other work before it asks for the first result, and use each result while they go on."""
    global _shared
    count = workers()
    if len(items) * ms_per_item < MIN_PARALLEL_MS or len(items) < 2 or count < 2:
        yield (function(shared, item) for item in items)
        return
    import multiprocessing  # here: a build with little work never forks

    if "fork" not in multiprocessing.get_all_start_methods():
        yield (function(shared, item) for item in items)
        return
    release_free_memory()
    _shared = shared
    try:
        pool = multiprocessing.get_context("fork").Pool(count)
    finally:
        _shared = None  # the workers took their copy when they were forked
    try:
        # Chunks of about CHUNK_MS of work (at most a quarter of each worker's share): fewer
        # messages than single items, and little left for one worker alone at the end.
        chunk = min(len(items) // (count * 4), int(CHUNK_MS / max(ms_per_item, 0.001)))
        yield pool.imap(partial(_with_shared, function), items, chunksize=max(1, chunk))
    finally:
        pool.terminate()

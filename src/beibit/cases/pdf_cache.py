"""PDFs built once per document version, in a separate process, with a cap on time and size (issue 14, 2).

A case's documents change only when the case does: a PDF is cached under the case, the document, the
language and the case's last event hash (and, for an appeal draft, the day it is prepared on), so a second
download costs a cache read. A PDF is built in a worker process (`PDF_PROCESSES` of them): the build runs
outside the web worker's interpreter, so it cannot hold the web worker's GIL while other requests (the
public register) wait, and a build that takes longer than `PDF_SECONDS` is abandoned (the worker process
is replaced) and answered as unavailable instead of holding a server worker. A PDF larger than
`MAX_PDF_BYTES` is neither cached nor served.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import logging
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from beibit.cases.models import Case

logger = logging.getLogger("beibit.pdf")

#: The longest a PDF may take to build, and the largest it may be.
PDF_SECONDS = 20.0
MAX_PDF_BYTES = 5_000_000
#: Worker processes that build PDFs (each holds the fonts once).
PDF_PROCESSES = 1
#: How long a built PDF stays cached (its key changes with the case anyway).
CACHE_SECONDS = 24 * 3600

T = TypeVar("T")


class PdfUnavailable(Exception):
    """The PDF could not be built within the caps."""


_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None


def _executor() -> concurrent.futures.ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # `spawn`: a fresh interpreter, not a fork of a threaded server process (a fork could copy a
            # lock another thread held); it imports only beibit.documents, which needs no Django.
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=PDF_PROCESSES, mp_context=multiprocessing.get_context("spawn")
            )
        return _pool


@atexit.register
def _shutdown() -> None:
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)


def _replace_pool(broken: concurrent.futures.ProcessPoolExecutor) -> None:
    """Stop the pool whose build overran (its processes are terminated) so the next build gets a new one."""
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    for process in list(getattr(broken, "_processes", {}).values()):
        process.terminate()
    broken.shutdown(wait=False, cancel_futures=True)


def build(render: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    """`render(*args, **kwargs)` in a PDF worker process, within PDF_SECONDS and MAX_PDF_BYTES."""
    pool = _executor()
    future = pool.submit(render, *args, **kwargs)
    try:
        pdf = future.result(timeout=PDF_SECONDS)
    except concurrent.futures.TimeoutError:
        logger.error("PDF build abandoned after %.0f s: %s", PDF_SECONDS, getattr(render, "__name__", render))
        _replace_pool(pool)
        raise PdfUnavailable from None
    except concurrent.futures.process.BrokenProcessPool:
        _replace_pool(pool)
        raise PdfUnavailable from None
    if len(pdf) > MAX_PDF_BYTES:
        logger.error("PDF of %d bytes refused (cap %d)", len(pdf), MAX_PDF_BYTES)
        raise PdfUnavailable
    return pdf


def cached(
    case: Case, kind: str, lang: str, make: Callable[[], bytes | None], *, extra: str = ""
) -> bytes | None:
    """The case's PDF `kind` in `lang`, built by `make` once per version of the case."""
    key = f"beibit-pdf:{case.pk}:{kind}:{lang}:{case.last_event_hash or case.updated_at.isoformat()}:{extra}"
    found = cache.get(key)
    if found is not None:
        return bytes(found)
    pdf = make()
    if pdf is not None:
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf

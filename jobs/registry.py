"""What each kind of job does: `register_job(kind, func)` once per process, in an AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from .models import Job

JobFunc = Callable[..., "tuple[str, bytes] | None"]

# Sent (sender=Job, job=...) after an interrupted job was marked failed by the sweep, so the module
# that started it can put its own records back: e.g. an import batch left "importing" can be
# imported again (literacy.import_batches). Not sent when the job is queued again.
job_interrupted = Signal()


class JobError(Exception):
    """Raise from a job function with a Vietnamese message the user should read as it is."""


_registry: dict[str, JobFunc] = {}
_retry_on_interrupt: set[str] = set()


def register_job(kind: str, func: JobFunc, *, retry_on_interrupt: bool = False) -> None:
    """Declare what a job of `kind` does. `func(job, **params)` returns (file name, bytes) or None.

    `retry_on_interrupt=True` for work that is safe to repeat (an export that only makes a file):
    if its worker dies, the job is queued again once instead of being marked failed."""
    if kind in _registry and _registry[kind] is not func:
        raise ValueError(f"Job kind {kind!r} is registered twice.")
    _registry[kind] = func
    if retry_on_interrupt:
        _retry_on_interrupt.add(kind)
    else:
        _retry_on_interrupt.discard(kind)


def registered_kinds() -> list[str]:
    return sorted(_registry)


def is_registered(kind: str) -> bool:
    return kind in _registry


def job_function(kind: str) -> JobFunc | None:
    """The function registered for `kind`, or None (a kind no longer supported)."""
    return _registry.get(kind)


def retries_on_interrupt(job: Job) -> bool:
    """Whether the job's kind was registered as safe to repeat after its worker died."""
    return job.kind in _retry_on_interrupt

"""Extraction on a Dask cluster: this process reads each file and sends its bytes (no shared disk), workers run
the pure pipeline, and outcomes come back in corpus order for the one writer."""

import contextlib
import logging
from collections.abc import Iterator

from factline.build import Outcome, extract
from factline.corpus import SourceFile
from factline.documents import read_source
from extractors.ingest.text import InputError

class ClusterError(RuntimeError):
    """The cluster cannot be reached."""


LOCAL = "local"  # --scheduler local: a LocalCluster of --workers processes on this machine
TASKS_PER_THREAD = 4  # in-flight documents per worker thread: workers never wait, memory stays bounded


def outcomes(todo: list[SourceFile], address: str, *, workers: int) -> Iterator[Outcome]:
    """Outcomes of todo in corpus order; a lost worker's documents run again on another one."""
    with _client(address, workers) as client:
        client.run(_warm, on_error="ignore")  # a worker lost while warming up is replaced like any other
        window = max(8, TASKS_PER_THREAD * sum(client.nthreads().values()))
        yield from _ordered(client, todo, window)


@contextlib.contextmanager
def _client(address: str, workers: int) -> Iterator:
    """A Dask client on the scheduler at address, or on a LocalCluster started (and stopped) here."""
    from dask.distributed import Client, LocalCluster

    if address != LOCAL:
        try:
            client = Client(address)
        except OSError as exc:
            raise ClusterError(f"{address}: no Dask scheduler answers ({exc})") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local, Client(local) as client:
        yield client


def _warm() -> None:
    """Load the segmenters and the extractors on a worker before its first document."""
    from extractors.ingest import segment
    from factline.pipeline import extractor_functions

    segment.tokenizer()
    segment.search_segmenter()
    extractor_functions()


def _remote(source: SourceFile, data: bytes) -> Outcome:
    """The task a worker runs: the same extract() as a local build, tagged with the worker's name."""
    from dask.distributed import get_worker

    return extract(source, data)._replace(worker=str(get_worker().name))


def _ordered(client, todo: list[SourceFile], window: int) -> Iterator[Outcome]:
    """Submit at most `window` documents ahead of the next one to write; gather as completed, yield in order."""
    from dask.distributed import as_completed

    pending = as_completed()
    index_of = {}
    ready: dict[int, Outcome] = {}
    submitted = 0
    for wanted in range(len(todo)):
        while submitted < len(todo) and submitted - wanted < window:
            source = todo[submitted]
            try:
                data = read_source(source)
            except InputError as exc:
                ready[submitted] = Outcome(source, None, str(exc))
            else:
                # pure=False: a fresh key per submission, so a document is never confused with a cached result
                future = client.submit(_remote, source, data, pure=False)
                index_of[future] = submitted
                pending.add(future)
            submitted += 1
        while wanted not in ready:
            future = next(pending)
            index = index_of.pop(future)
            ready[index] = _gather(future, todo[index])
            future.release()
        yield ready.pop(wanted)


def _gather(future, source: SourceFile) -> Outcome:
    """A task's outcome; a document that took down every worker that tried it is rejected, not retried forever."""
    from dask.distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as exc:
        return Outcome(source, None, f"{source.path}: rejected by the cluster: {exc}")

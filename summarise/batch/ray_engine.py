"""The Ray engine: groups of articles go to a pool of Ray actors, worker processes that each loaded
the models once and keep them.

Why Ray Core actors and not Ray Data: a batch run needs per-article bookkeeping that Ray Data hides —
the driver must record each article in the manifest as soon as it is done (so a killed driver leaves
a resumable manifest), know exactly which articles a dead worker took with it (to retry those, and
only those, at most --max-retries times and note it), and stream sentence progress to the bar. With
actors the driver hands out groups itself and each group's events (`GroupStarted`, `SentencesDone`,
`ArticleDone`) come back as a Ray streaming generator; Ray Data would also pull in pyarrow and
pandas for what is a list of file paths.

Workers read INPUT_DIR and write OUTPUT_DIR themselves (atomically, with the same path checks as the
local engine), so on a multi-node cluster both must be on a shared file system at the same path on
every node. Only the driver writes the manifest.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import BackendUnavailable, InputError, ModelError, SummariseError
from ..language.english import plural
from .articles import Article
from .manifest import BatchItem
from .runner import Engine, interrupts_deferred
from .worker import ArticleDone, GroupWorker

log = logging.getLogger("summarise.batch")

INSTALL_HINT = "install summarise[ray]"
LOCAL_OBJECT_STORE_BYTES = 128 << 20  # events and manifest items are tiny; nothing big goes through it
MAX_LOAD_FAILURES = 3  # a worker slot whose replacement dies this often while loading is given up
PROBE_TIMEOUT_S = 3.0  # a cluster address that accepts no TCP connection in this time is refused
GCS_PORT, CLIENT_PORT = 6379, 10001  # Ray's defaults for host:port and ray://host


def address_endpoint(address: str) -> tuple[str, int] | None:
    """(host, port) a Ray address connects to first; None for "auto"/"local" (found or made by Ray)."""
    if address in ("auto", "local"):
        return None
    rest = address.removeprefix("ray://")
    default = CLIENT_PORT if address.startswith("ray://") else GCS_PORT
    rest = rest.split("/", 1)[0]
    if rest.startswith("["):  # [::1]:6379
        host, _, port = rest[1:].partition("]")
        port = port.removeprefix(":")
    elif rest.count(":") == 1:
        host, _, port = rest.partition(":")
    else:
        host, port = rest, ""
    if not host:
        raise InputError(f"--ray-address {address!r}: no host (use auto, HOST:PORT or ray://HOST:10001)")
    if port and not port.isdigit():
        raise InputError(f"--ray-address {address!r}: the port {port!r} is not a number")
    return host, int(port) if port else default


def probe_address(address: str, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Refuse, in seconds and one line, an address where nothing accepts a connection.

    ray.init retries an unreachable cluster for minutes, printing a warning per attempt (29 raw lines
    for 127.0.0.1:1); a TCP connect with a short timeout answers the common cases first: a typo, a
    cluster that is down, a firewall.
    """
    endpoint = address_endpoint(address)
    if endpoint is None:
        return
    host, port = endpoint
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except socket.gaierror:
        raise InputError(f"cannot connect to the Ray cluster at {address}: unknown host {host!r}") from None
    except TimeoutError:
        raise InputError(
            f"cannot connect to the Ray cluster at {address}: no answer from {host}:{port} within {timeout:g} s"
        ) from None
    except OSError as e:
        why = e.strerror.lower() if e.strerror else type(e).__name__
        where = "" if address == f"{host}:{port}" else f"{host}:{port}: "
        raise InputError(f"cannot connect to the Ray cluster at {address}: {where}{why}") from None


def import_ray():
    """The `ray` module, or one line saying how to get it."""
    try:
        # A KeyboardInterrupt landing inside the init of one of Ray's Cython modules is printed and
        # dropped by Python, and the batch ran on to the end: hold SIGTERM / Ctrl-C until it is in.
        with interrupts_deferred():
            import ray
    except ImportError:
        raise BackendUnavailable(f"--engine ray needs Ray, which is not installed: {INSTALL_HINT}") from None
    return ray


def load_runtime(runtime) -> tuple:
    """In a worker: (translator, summariser) of a `summarise.models.runtime.Runtime` resolved on the driver.

    A hub model whose snapshot is not at the driver's path on this node (its own Hugging Face cache)
    is found again here by id and the same revision, so every node runs the same model files.
    """
    from ..models.hub import resolve_model
    from ..models.loading import load_models

    def here(model):
        if model is None or model.path.exists() or model.revision.startswith("local-"):
            return model  # a local directory must be on the shared file system; loading says so if not
        return resolve_model(model.name, offline=runtime.offline, revision=model.revision)

    runtime = runtime.but(translation_model=here(runtime.translation_model), summary_model=here(runtime.summary_model))
    return tuple(load_models(runtime))


class WorkerError(SummariseError):
    """A SummariseError raised in a worker, carried to the driver with its message and exit code intact
    (not every error class survives pickling: their __init__ often builds the message)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self):
        return type(self), (str(self), self.exit_code)


class PoolWorker:
    """Runs inside a Ray worker process: loads the models once, then does one group of articles per call."""

    def __init__(self, models: Callable[[], tuple], output_root, formats):
        self._models = models
        self._output_root = output_root
        self._formats = formats
        self._worker: GroupWorker | None = None

    def load(self) -> dict:
        try:
            translator, summariser = self._models()
        except SummariseError as e:
            raise WorkerError(str(e), e.exit_code) from None
        self._worker = GroupWorker(translator, summariser, self._output_root, self._formats)
        import ray

        return {"mode": self._worker.mode, "settings": self._worker.settings, "pid": os.getpid(),
                "node": ray.util.get_node_ip_address()}  # fmt: skip

    def run_group(self, articles: list[Article]):
        """A generator: each event of the group as it happens (Ray streams them to the driver)."""
        events: queue.SimpleQueue = queue.SimpleQueue()
        finished = object()
        failure: list[BaseException] = []

        def work() -> None:
            try:
                self._worker.run_group(articles, events.put)
            except BaseException as e:  # handed to the generator, which raises it in the task
                failure.append(e)
            finally:
                events.put(finished)

        # The model runs in a thread so that its progress callbacks can be yielded while it works.
        thread = threading.Thread(target=work, name="summarise-group", daemon=True)
        thread.start()
        while (event := events.get()) is not finished:
            yield event
        thread.join()
        if failure:
            raise failure[0]


@dataclass
class _Work:
    articles: list[Article]
    retries: int = 0  # how often these articles were handed out again after a worker died
    reason: str | None = None


@dataclass
class _Slot:
    """One place in the pool: its current actor (a replacement after a death) and what it is doing."""

    index: int
    actor: object = None
    loading: object = None  # the ObjectRef of `load` until the models are loaded
    ready: bool = False
    name: str = ""  # pid@node of the current process
    load_failures: int = 0
    articles: dict[str, int] = field(default_factory=dict)  # name -> articles done
    busy_seconds: dict[str, float] = field(default_factory=dict)


@contextlib.contextmanager
def _signal_handlers_kept():
    """ray.init replaces the driver's SIGTERM handler with its own (`sys.exit(15)`; a local head
    node's kills its processes and exits 1): a SIGTERM while it connects then exited 15. Ray is
    stopped from installing one at all while inside (its one helper for it made a no-op), and the
    driver's handlers are put back after in case a Ray version sets them another way; so SIGTERM
    stops a batch like Ctrl-C (exit 130, manifest consistent) at any moment."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        from ray._private import utils as ray_utils
    except ImportError:
        ray_utils = None
    installer = getattr(ray_utils, "set_sigterm_handler", None)
    if installer is not None:
        ray_utils.set_sigterm_handler = lambda handler: None
    try:
        yield
    except SystemExit as e:  # Ray's handler ran after all (a Ray that sets it another way)
        if e.code == signal.SIGTERM and kept[signal.SIGTERM] not in (None, signal.SIG_DFL, signal.SIG_IGN):
            raise KeyboardInterrupt from None
        raise
    finally:
        if installer is not None:
            ray_utils.set_sigterm_handler = installer
        for signum, handler in kept.items():
            if handler is not None:
                signal.signal(signum, handler)


def _death_reason(error: BaseException, slot: _Slot) -> str:
    """One line on why a worker went away, from Ray's multi-line message."""
    text = str(error)
    detail = ""
    marker = "Worker exit detail: "
    if marker in text:
        detail = text.split(marker, 1)[1].split(". ", 1)[0].strip().rstrip(".")
    elif "memory" in text.lower():
        detail = "out of memory"
    who = f"worker {slot.name}" if slot.name else "worker"
    return f"{who} died ({type(error).__name__}{': ' + detail if detail else ''})"


class RayEngine(Engine):
    """Groups of articles to `workers` Ray actors, each running `models()` once for its models.

    `models` is a picklable callable returning (translator, summariser or None), e.g.
    ``functools.partial(load_runtime, runtime)``; it runs in every worker process.
    `address`: None starts a local Ray instance (unless $RAY_ADDRESS names a cluster), ``auto``
    joins the cluster of this node, ``host:port`` or ``ray://host:10001`` a remote one. When Ray is
    already initialised in this process, that connection is used and left open.
    """

    def __init__(
        self,
        models: Callable[[], tuple],
        *,
        address: str | None = None,
        workers: int = 1,
        threads_per_worker: int = 1,
        gpus_per_worker: float = 0.0,
        max_retries: int = 2,
    ):
        if workers < 1 or threads_per_worker < 1 or gpus_per_worker < 0 or max_retries < 0:
            raise InputError("--workers and --threads-per-worker must be at least 1, --gpus-per-worker and --max-retries at least 0")
        self.models = models
        self.address = address
        self.workers = workers
        self.threads_per_worker = threads_per_worker
        self.gpus_per_worker = gpus_per_worker
        self.max_retries = max_retries
        self._ray = None
        self._owns_connection = False
        self._slots: list[_Slot] = []
        self.mode = self.settings = ""

    # --- starting and stopping -----------------------------------------------------------------

    def _connect(self) -> None:
        ray = self._ray
        if ray.is_initialized():
            return
        address = self.address or os.environ.get("RAY_ADDRESS") or None
        if address is not None:
            probe_address(address)
        # Before init: an interrupt halfway through it still gets `close` to shut down what it started.
        self._owns_connection = True
        with _signal_handlers_kept():
            self._init(ray, address)

    def _init(self, ray, address: str | None) -> None:
        quiet = dict(include_dashboard=False, logging_level=logging.ERROR, log_to_driver=log.isEnabledFor(logging.INFO))
        try:
            if address is None:
                # This machine only. The user asked for workers x threads: give Ray that many CPUs
                # even on a smaller machine (their choice), so no worker waits forever for a CPU.
                cpus = max(os.cpu_count() or 1, self.workers * self.threads_per_worker)
                # "local": a new instance even when one from `ray start` runs here (--ray-address auto joins that).
                # Ray runs workers at nice 15 by default (they are meant to yield to the driver); here
                # they do all the work, and on a busy machine nice 15 made them 3x slower than a local run.
                ray.init(address="local", num_cpus=cpus, object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                         _system_config={"worker_niceness": 0}, **quiet)  # fmt: skip
            else:
                ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as e:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise InputError(f"cannot connect to {where}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e

    def _check_resources(self) -> None:
        total = self._ray.cluster_resources()
        cpus, gpus = total.get("CPU", 0), total.get("GPU", 0)
        if self.threads_per_worker > cpus:
            raise InputError(f"--threads-per-worker {self.threads_per_worker} is more than the Ray cluster's {cpus:g} CPUs")
        if self.gpus_per_worker > gpus:
            raise InputError(f"--gpus-per-worker {self.gpus_per_worker:g} is more than the Ray cluster's {gpus:g} GPUs")
        fit = int(cpus // self.threads_per_worker)
        if self.gpus_per_worker:
            fit = min(fit, int(gpus // self.gpus_per_worker))
        if fit < self.workers:
            log.warning("the Ray cluster has room for %d of the %d workers now; the others wait for resources", fit, self.workers)

    def _spawn(self, slot: _Slot) -> None:
        slot.actor = self._actor_class.remote(self.models, self._output_root, self._formats)
        slot.loading = slot.actor.load.remote()
        slot.ready = False
        slot.name = ""

    def start(self, output_root, formats):
        self._ray = ray = import_ray()
        self._connect()
        self._check_resources()
        self._output_root, self._formats = output_root, tuple(formats)
        self._actor_class = ray.remote(PoolWorker).options(
            num_cpus=self.threads_per_worker,
            num_gpus=self.gpus_per_worker,
            max_restarts=0,  # replaced by the driver, which knows what the dead one was doing
            max_task_retries=0,
            scheduling_strategy="SPREAD",  # one per node before two on one node
        )
        self._slots = [_Slot(i) for i in range(self.workers)]
        for slot in self._slots:
            self._spawn(slot)
        # The first worker's models decide the settings fingerprint (what a rerun may skip); the
        # others are checked against it as they finish loading.
        while not self.settings:
            loading = [s.loading for s in self._slots if s.loading is not None]
            if not loading:
                raise ModelError("no Ray worker could load the models")
            ready, _ = ray.wait(loading, num_returns=1, timeout=1.0)
            for ref in ready:
                self._loaded(next(s for s in self._slots if s.loading == ref))
        return self.mode, self.settings

    def _loaded(self, slot: _Slot) -> None:
        """The `load` of `slot`'s actor finished (or failed)."""
        ray = self._ray
        ref, slot.loading = slot.loading, None
        try:
            info = ray.get(ref)
        except ray.exceptions.RayTaskError as e:  # loading raised: the same error the local engine gives
            cause = e.cause if isinstance(e.cause, BaseException) else e
            if isinstance(cause, SummariseError):
                raise cause from None
            raise ModelError(f"a Ray worker could not load the models: {type(cause).__name__}: {cause}") from None
        except ray.exceptions.RayError as e:  # the process died while loading (out of memory?)
            slot.load_failures += 1
            reason = _death_reason(e, slot)
            if slot.load_failures >= MAX_LOAD_FAILURES:
                log.warning("giving up on a worker: it died %d times while loading the models (%s)", slot.load_failures, reason)
                slot.actor = None
                if not any(s.actor is not None for s in self._slots):
                    raise ModelError(f"every Ray worker died while loading the models: {reason}") from None
                return
            log.warning("%s while loading the models; starting another", reason)
            self._spawn(slot)
            return
        if not self.settings:
            self.mode, self.settings = info["mode"], info["settings"]
        elif (info["mode"], info["settings"]) != (self.mode, self.settings):
            raise ModelError(
                f"the Ray worker on {info['node']} loaded other models or settings than the first one "
                "(every node needs the same model files and versions)"
            )
        slot.ready = True
        slot.name = f"{info['pid']}@{info['node']}"
        log.info("Ray worker %s ready", slot.name)

    def close(self) -> None:
        ray = self._ray
        if ray is None:
            return
        for slot in self._slots:
            if slot.actor is not None:
                with contextlib.suppress(Exception):
                    ray.kill(slot.actor, no_restart=True)
                slot.actor = None
        if self._owns_connection:
            with contextlib.suppress(Exception):
                ray.shutdown()
            self._owns_connection = False

    # --- the work ------------------------------------------------------------------------------

    def worker_stats(self) -> list[tuple[str, int, float]]:
        """(worker, articles done, seconds busy) per worker process that did any work."""
        stats = []
        for slot in self._slots:
            for name, n in slot.articles.items():
                stats.append((name, n, slot.busy_seconds.get(name, 0.0)))
        return stats

    def run(self, groups, emit):
        ray = self._ray
        todo: deque[_Work] = deque(_Work(g) for g in groups)
        inflight: dict = {}  # ObjectRefGenerator -> (slot, work, paths reported, started)
        while todo or inflight:
            for slot in self._slots:
                if todo and slot.ready and slot.actor is not None and not any(v[0] is slot for v in inflight.values()):
                    work = todo.popleft()
                    inflight[slot.actor.run_group.remote(work.articles)] = (slot, work, set(), time.perf_counter())
            loading = [s.loading for s in self._slots if s.loading is not None]
            if not inflight and not loading:
                raise ModelError("no Ray worker is left to process the articles")
            ready, _ = ray.wait([*inflight, *loading], num_returns=1, timeout=1.0)
            for waitable in ready:
                if waitable in inflight:
                    self._step(waitable, inflight, todo, emit)
                else:
                    self._loaded(next(s for s in self._slots if s.loading == waitable))

    def _step(self, gen, inflight, todo, emit) -> None:
        """The next event of a group in flight: pass it on, or handle the group's end or its worker's death."""
        ray = self._ray
        slot, work, reported, started = inflight[gen]
        name = slot.name
        try:
            event = ray.get(next(gen))
        except StopIteration:
            del inflight[gen]
            slot.busy_seconds[name] = slot.busy_seconds.get(name, 0.0) + time.perf_counter() - started
            self._retry(work, reported, "the worker ended the group early", todo, emit)
            return
        except ray.exceptions.RayTaskError as e:  # our code in the worker raised: the process lives on
            del inflight[gen]
            cause = e.cause if isinstance(e.cause, BaseException) else e
            self._retry(work, reported, f"worker {name} failed: {type(cause).__name__}: {cause}", todo, emit)
            return
        except ray.exceptions.RayError as e:  # the worker process is gone (killed, out of memory, node lost)
            del inflight[gen]
            reason = _death_reason(e, slot)
            log.warning("%s; retrying its articles on another worker", reason)
            with contextlib.suppress(Exception):
                ray.kill(slot.actor, no_restart=True)
            self._spawn(slot)
            self._retry(work, reported, reason, todo, emit)
            return
        if isinstance(event, ArticleDone):
            item = event.item
            reported.add(item.path)
            item.retries, item.retry_reason = work.retries, work.reason
            slot.articles[name] = slot.articles.get(name, 0) + 1
        emit(event)

    def _retry(self, work: _Work, reported: set[str], reason: str, todo: deque, emit) -> None:
        """The articles of `work` its worker did not finish: back in the queue, or errors when retried enough."""
        left = [a for a in work.articles if a.rel not in reported]
        if not left:
            return
        if work.retries >= self.max_retries:
            tried = f"tried {plural(work.retries + 1, 'time')}"
            for article in left:
                emit(ArticleDone(BatchItem(
                    path=article.rel, sha256=article.sha256, status="error", error=f"{reason}; {tried}",
                    mode=self.mode, settings=self.settings, retries=work.retries, retry_reason=work.reason,
                )))  # fmt: skip
            return
        # One at a time from now on, first in line: if one of them kills its worker, the others
        # do not go down with it again.
        for article in reversed(left):
            todo.appendleft(_Work([article], work.retries + 1, reason))

"""`faqbase serve`: run the site under gunicorn, with static files served by WhiteNoise.

The app, the embedding model and the answer index are loaded once in gunicorn's master
process; the workers forked from it share that memory and answer from their first request.
"""

import contextlib
import logging
import multiprocessing
import subprocess
import sys

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

logger = logging.getLogger(__name__)


def torch_threads_per_worker(workers):
    return max(1, multiprocessing.cpu_count() // workers)


def warm_up_before_fork():
    """Load the model and build the answer index in the master, for every worker to share."""
    import torch

    from faqbase.answers.engine.embedder import shared_sessions_closed
    from faqbase.answers.services import answer_engine

    # Thread pools do not survive fork(): a worker whose parent had started torch's OpenMP
    # pool hangs on its first embedding. With one thread the master starts no pool, neither
    # torch's nor ONNX Runtime's (which takes torch's thread count), and each worker opens
    # its own ONNX Runtime session with its share of the cores.
    torch.set_num_threads(1)
    try:
        # Answering once also makes torch set up its kernels here, not in every worker.
        question = "How do I become a project manager?"
        answer_engine.ask(question)
        second_opinion = answer_engine.ranker().second_opinion
        if second_opinion is not None:
            second_opinion.warm_up(question)
        # The models are exported and loaded once; each worker opens its own sessions.
        shared_sessions_closed()
    except Exception:
        logger.exception("The answer index could not be built before forking; workers will try")
    finally:
        # A connection opened here would be shared by every worker's forked copy of it.
        connections.close_all()


def static_manifest_missing():
    """True when the static files' names are looked up in a manifest collectstatic never wrote.

    Every page names its CSS through that manifest, so without it every page would be a 500.
    """
    if settings.DEBUG or not isinstance(staticfiles_storage, ManifestFilesMixin):
        return False
    return not staticfiles_storage.manifest_storage.exists(staticfiles_storage.manifest_name)


def worker_threads_set(server, worker):
    import torch

    from faqbase.answers.engine.embedder import shared_sessions_opened

    torch.set_num_threads(torch_threads_per_worker(server.cfg.workers))
    # Before the worker takes requests: opening mpnet's session takes a second or two, which
    # would otherwise fall on the first close call.
    shared_sessions_opened()


@contextlib.contextmanager
def webhook_worker_running(enabled):
    """`faqbase deliver_webhooks` in a child process for as long as the server runs. Stopping
    it lets its delivery in flight finish; one it could not finish is sent again later."""
    if not enabled:
        yield None
        return
    worker = subprocess.Popen([sys.executable, "-m", "faqbase.cli", "deliver_webhooks"])
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=settings.FAQBASE_WEBHOOK_TIMEOUT_SECONDS + 5)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


class FaqbaseServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from faqbase.wsgi import application

        warm_up_before_fork()
        return application


class Command(BaseCommand):
    help = "Serve the site with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help=f"Worker processes (this machine has {multiprocessing.cpu_count()} cores).",
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-webhook-worker",
            action="store_false",
            dest="webhook_worker",
            help="Do not start `faqbase deliver_webhooks` beside the server (run it elsewhere).",
        )

    def handle(self, *args, host, port, workers, threads, webhook_worker, **options):
        if workers < 1 or not 0 < port < 65536:
            self.stderr.write("--workers must be at least 1 and --port between 1 and 65535.")
            raise SystemExit(2)
        if static_manifest_missing():
            raise CommandError(
                f"No static files manifest ({staticfiles_storage.manifest_name} in "
                f"{settings.STATIC_ROOT}): run `faqbase collectstatic` first."
            )
        address = f"http://{host}:{port}"
        self.stdout.write(f"faqbase is serving at {address}/  (editors: {address}/admin/)")
        self.stdout.write("Press Ctrl+C to stop.")
        with webhook_worker_running(webhook_worker):
            self.run_server(host, port, workers, threads)

    def run_server(self, host, port, workers, threads):
        FaqbaseServer(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "accesslog": "-" if settings.DEBUG else None,
                "preload_app": True,
                "post_fork": worker_threads_set,
                # Several servers may run side by side (tests, a second app server).
                "control_socket_disable": True,
            }
        ).run()

"""`faqbase serve`: run the site under gunicorn, with static files served by WhiteNoise."""

import multiprocessing

from django.conf import settings
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class FaqbaseServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from faqbase.wsgi import application

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

    def handle(self, *args, host, port, workers, threads, **options):
        if workers < 1 or not 0 < port < 65536:
            self.stderr.write("--workers must be at least 1 and --port between 1 and 65535.")
            raise SystemExit(2)
        address = f"http://{host}:{port}"
        self.stdout.write(f"faqbase is serving at {address}/  (editors: {address}/admin/)")
        self.stdout.write("Press Ctrl+C to stop.")
        FaqbaseServer(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "accesslog": "-" if settings.DEBUG else None,
                "preload_app": True,
                # Several servers may run side by side (tests, a second app server).
                "control_socket_disable": True,
            }
        ).run()

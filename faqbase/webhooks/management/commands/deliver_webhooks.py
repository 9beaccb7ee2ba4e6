"""`faqbase deliver_webhooks`: send the webhooks' deliveries as they fall due, until stopped.

`faqbase serve` starts one beside gunicorn. SIGTERM or Ctrl+C lets the delivery in flight
finish; one killed outright is sent again by the next worker (see faqbase.webhooks.worker).
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from faqbase.webhooks.worker import deliveries_send_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send due webhook deliveries every second (or once, with --once), retrying failures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Attempt each delivery due now once, then exit (for cron or a deploy step).",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between two looks (default 1)."
        )

    def handle(self, *args, once, interval, **options):
        if once:
            attempted = deliveries_send_due()
            self.stdout.write(f"{attempted} webhook deliveries attempted.")
            return
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        self.stdout.write("Sending webhook deliveries; stop with Ctrl+C.")
        while not stopping.is_set():
            self.run_once(stopping)
            stopping.wait(interval)

    def run_once(self, stopping):
        # A long-running loop must drop a connection the database has closed, as a request would.
        close_old_connections()
        try:
            deliveries_send_due(stopping=stopping)
        except DatabaseError:
            # The database is away (a restart, a failover): keep looking until it is back.
            logger.exception("Webhook deliveries could not be read; trying again")
            close_old_connections()

"""Flower as the containers run it: JSON logs, and an exit on SIGTERM that does not hang.

    python /opt/copydesk/run_flower.py -A workers.app flower --port=5555 --logging=none

The arguments are the `celery` command's. Two things differ from a plain `celery ... flower`:

* Logging goes through copydesk's structlog set-up (COPYDESK_LOG_FORMAT, default json
  here), like every other service; `--logging=none` keeps tornado from adding its own
  plain-text handler.
* Flower turns SIGTERM into SystemExit, but the interpreter then waits for the non-daemon
  threads of its executor, one of which may be blocked on the broker: the container was
  killed after its grace period. Flower keeps no state of its own (no `--persistent`), so
  once its command returns the process ends at once, logs flushed.
"""

from __future__ import annotations

import logging
import os
import sys


def main() -> None:
    from celery.bin.celery import main as celery_main

    from services.logconfig import configure_logging

    configure_logging(
        log_format=os.environ.get("COPYDESK_LOG_FORMAT", "json"),
        level=os.environ.get("COPYDESK_LOG_LEVEL", "INFO"),
        process="flower",
    )
    code = 0
    try:
        celery_main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()

"""The ``copydesk`` command.

    copydesk up [--inbox DIR] [--data-dir DIR]   everything on one machine, no Docker
    copydesk parse FILE... [--json]              what the parser makes of files
    copydesk migrate                             apply database migrations and exit
    copydesk producer                            run the drop-folder producer
    copydesk db-url [--data-dir DIR]             libpq URL of the `copydesk up` database
    copydesk status [--json | --watch]           jobs, queues, throughput, backlog, failures
    copydesk metrics [--port N]                  serve Prometheus metrics on 127.0.0.1
    copydesk requeue [--status S] [--job ID]     send failed (or named) jobs again
    copydesk reprocess --all|--since T|...       parse again from the stored bytes (resumable)
    copydesk reenrich --all|--since T|...        enrich again (resumable)

Settings come from COPYDESK_* variables (services/config.py); flags override them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from services.config import Settings
from services.errors import ConfigError, CopydeskError, InputError

_DATA_DIR_HELP = ("where `copydesk up` keeps its servers' data and URLs "
                  "(default COPYDESK_DATA_DIR or ./.copydesk)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("copydesk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="copydesk", description="Ingest news-article files into Postgres.")
    parser.add_argument("--version", action="version", version=f"copydesk {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="run Postgres, Redis, migrations, producer and workers on this machine")
    up.add_argument("--inbox", type=Path, help="folder to watch (default ./inbox)")
    up.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
    up.add_argument("--workers", type=int, help="ingest worker processes (default: one per core)")
    up.set_defaults(handler=_cmd_up)

    parse = sub.add_parser("parse", help="parse files and print the result; needs no servers")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE",
                       help="article files of any supported format (HTML, text, JSON/JSONL, feed, WARC, gzip)")
    parse.add_argument("--json", action="store_true", help="one JSON object per line (the default)")
    parse.set_defaults(handler=_cmd_parse)

    migrate = sub.add_parser("migrate", help="apply database migrations (COPYDESK_DATABASE_URL) and exit")
    migrate.set_defaults(handler=_cmd_migrate)

    producer = sub.add_parser("producer", help="watch the inbox and queue each file")
    producer.add_argument("--inbox", type=Path, help="folder to watch (default COPYDESK_INBOX or ./inbox)")
    producer.set_defaults(handler=_cmd_producer)

    db_url = sub.add_parser("db-url", help="print the libpq URL of the database `copydesk up` runs")
    db_url.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
    db_url.set_defaults(handler=_cmd_db_url)

    status = sub.add_parser("status", help="jobs per status, queues, throughput, backlog and ETA, failures")
    status.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
    shown = status.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    shown.add_argument("--watch", action="store_true",
                       help="redraw every --interval seconds with a progress bar, until Ctrl-C")
    status.add_argument("--interval", type=float, default=2.0, help="seconds between redraws (--watch)")
    status.set_defaults(handler=_cmd_status)

    metrics = sub.add_parser("metrics", help="serve Prometheus metrics read from Postgres and Redis")
    metrics.add_argument("--port", type=int, help="port (default COPYDESK_METRICS_PORT)")
    metrics.add_argument("--host", default="127.0.0.1",
                         help="address to listen on (default 127.0.0.1; 0.0.0.0 in a container)")
    metrics.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
    metrics.set_defaults(handler=_cmd_metrics)

    for name, what in (("reprocess", "parse again, from the stored bytes, what older parsers made"),
                       ("reenrich", "enrich again what older enrichments made")):
        again = sub.add_parser(name, help=what)
        again.add_argument("--all", action="store_true", dest="everything",
                           help="every article" + (", and every rejected or failed job"
                                                   if name == "reprocess" else ""))
        again.add_argument("--since", type=_timestamp,
                           help="articles stored since this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T12:00Z)")
        again.add_argument("--source-format", help="articles of this source format (html, text, json, rss, ...)")
        if name == "reprocess":
            again.add_argument("--status", action="append", choices=["rejected", "failed"],
                               help="jobs with this status instead of articles (repeatable)")
            again.add_argument("--parser-version", type=int, nargs="?", const=-1, metavar="N",
                               help="made by a parser older than version N (default: the current one)")
        else:
            again.add_argument("--enrich-version", type=int, nargs="?", const=-1, metavar="N",
                               help="enriched by an enrichment older than version N (default: the current one)")
        again.add_argument("--dry-run", action="store_true", help="say how many items, send nothing")
        again.add_argument("--low-water", type=int, default=4,
                           help="feed while fewer messages than this wait in the queue (default 4)")
        again.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
        again.set_defaults(handler=_cmd_reprocess, kind="parse" if name == "reprocess" else "enrich")

    requeue = sub.add_parser("requeue", help="send jobs again (default: every failed job)")
    requeue.add_argument("--status", action="append", choices=["failed", "queued", "running"],
                         help="requeue jobs with this status (repeatable; default failed)")
    requeue.add_argument("--job", action="append", default=[], help="a job id (repeatable)")
    requeue.add_argument("--data-dir", type=Path, help=_DATA_DIR_HELP)
    requeue.set_defaults(handler=_cmd_requeue)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
        return result
    except ConfigError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return 2
    except CopydeskError as exc:
        print(f"copydesk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _settings(process: str, **overrides: Any) -> Settings:
    settings = Settings.from_env(**overrides)
    from services.logconfig import configure_logging  # structlog: 0.2 s that `status` skips

    configure_logging(log_format=settings.log_format, level=settings.log_level, process=process)
    return settings


def _cmd_parse(args: argparse.Namespace) -> int:
    """One JSON line per record: a container file (JSONL, JSON list, feed, WARC) gives one
    per article-bearing record, any other file one; each names its file and record number.
    A file that cannot be read at all gives one line without ``record``. Exit 1 if any
    file or record failed."""

    from services.ingest import needs_isolation, parse_budget
    from services.isolation import run_budgeted
    from services.pipeline.formats import Limits, parse_records

    settings = Settings.from_env()
    limits, budget = Limits.from_settings(settings), parse_budget(settings)
    if len(args.files) > 1:  # each file is parsed in a child: load the parsers once here
        from services.pipeline.formats import warm_up

        warm_up()
    failures = 0
    for path in args.files:
        try:
            data = path.read_bytes()
            # the worker's budget (COPYDESK_PARSE_*), per file, in a child it can stop
            records = run_budgeted(budget, parse_records, data, filename=path.name,
                                   limits=limits, isolate=needs_isolation(data))
        except InputError as exc:
            failures += 1
            print(json.dumps({"file": str(path), "error_code": exc.code, "error": exc.message},
                             ensure_ascii=False), flush=True)
            continue
        except OSError as exc:
            failures += 1
            print(json.dumps({"file": str(path), "error_code": "unreadable",
                              "error": f"cannot read the file: {exc.strerror}"},
                             ensure_ascii=False), flush=True)
            continue
        for record in records:
            line: dict[str, Any] = {"file": str(path), "record": record.record_no,
                                    "container_format": record.source_format}
            if record.article is not None:
                line.update(record.article.to_json())
            else:
                failures += 1
                error = record.error
                line.update(error_code=error.code if error else "bad_input",
                            error=error.message if error else "no article")
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 1 if failures else 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from services.storage.migrate import apply_migrations

    settings = _settings("migrate")
    _require(settings.database_url, "COPYDESK_DATABASE_URL")
    apply_migrations(settings.database_url)
    return 0


def _cmd_producer(args: argparse.Namespace) -> int:
    from services.outbox import load_task_sender
    from services.producer.watcher import Producer
    from services.storage.db import open_pool
    from services.storage.uow import PostgresUnitOfWork

    settings = _settings("producer", inbox=args.inbox)
    _require(settings.database_url, "COPYDESK_DATABASE_URL")
    _require(settings.broker_url, "COPYDESK_BROKER_URL")
    pool = open_pool(settings.database_url, max_size=2, lock_timeout_ms=settings.db_lock_timeout_ms)
    sender = load_task_sender(settings)
    producer = Producer(settings=settings, uow_factory=lambda: PostgresUnitOfWork(pool), sender=sender)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: producer.stop())
    try:
        producer.run()
    finally:
        sender.close()
        pool.close()
    return 0


def _cmd_up(args: argparse.Namespace) -> int:
    from services.stack import run_stack

    settings = _settings("up", inbox=args.inbox, data_dir=args.data_dir, worker_concurrency=args.workers)
    return run_stack(settings)


def _cmd_db_url(args: argparse.Namespace) -> int:
    from services.runtime.state import read_urls

    settings = Settings.from_env(data_dir=args.data_dir)
    database_url, _ = read_urls(settings.data_dir)
    if not database_url:
        print(f"copydesk: no database is running under {settings.data_dir} (start one with `copydesk up`)",
              file=sys.stderr)
        return 1
    print(database_url)
    return 0


def _server_urls(data_dir: Path | None) -> tuple[str, str]:
    """The database and broker URLs: COPYDESK_* or those of `copydesk up`; a one-line
    ``ConfigError`` when neither names a server."""
    from services.runtime.state import read_urls

    settings = Settings.from_env(data_dir=data_dir)
    database_url, broker_url = read_urls(settings.data_dir)
    database_url = settings.database_url or database_url or ""
    broker_url = settings.broker_url or broker_url or ""
    if not database_url:
        raise ConfigError(f"no copydesk to ask: COPYDESK_DATABASE_URL is not set and no "
                          f"`copydesk up` keeps its servers in {settings.data_dir}")
    return database_url, broker_url


def _cmd_status(args: argparse.Namespace) -> int:
    from services.observe.snapshot import Unreachable, take_snapshot
    from services.observe.status import print_json, render, watch

    database_url, broker_url = _server_urls(args.data_dir)
    try:
        if args.watch:
            watch(lambda: take_snapshot(database_url, broker_url), interval=args.interval)
            return 0
        snap = take_snapshot(database_url, broker_url)
    except Unreachable as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print_json(snap)
    else:
        from rich.console import Console

        Console().print(render(snap))
    return 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    from services.observe.metrics import serve

    settings = _settings("metrics", data_dir=args.data_dir)
    database_url, broker_url = _server_urls(args.data_dir)
    port = args.port if args.port is not None else settings.metrics_port
    serve(database_url, broker_url, port=port, host=args.host)
    import structlog

    structlog.get_logger(__name__).info("metrics_serving", url=f"http://{args.host}:{port}/metrics")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    return 0


def _cmd_requeue(args: argparse.Namespace) -> int:
    from services.outbox import load_task_sender, requeue_jobs
    from services.storage.db import open_pool
    from services.storage.uow import PostgresUnitOfWork

    invalid = [j for j in args.job if not _is_uuid(j)]
    if invalid:
        print(f"copydesk: not a job id (a UUID): {', '.join(invalid)}; nothing was sent",
              file=sys.stderr)
        return 2
    settings = _connected_settings(args.data_dir)
    pool = open_pool(settings.database_url, max_size=1)
    sender = load_task_sender(settings)
    refused: dict[str, str] = {}
    try:
        job_ids = list(args.job)
        with PostgresUnitOfWork(pool) as uow:
            for job_id in job_ids:  # named jobs: each must exist and be unfinished
                job = uow.jobs.get(job_id)
                if job is None:
                    refused[job_id] = "no such job"
                elif job.status.is_final:
                    refused[job_id] = f"already finished ({job.status.value})"
            if args.status or not job_ids:
                job_ids += uow.jobs.ids_with_status(args.status or ["failed"])
        count = requeue_jobs([j for j in job_ids if j not in refused],
                             uow_factory=lambda: PostgresUnitOfWork(pool), sender=sender)
    finally:
        sender.close()
        pool.close()
    for job_id, why in refused.items():
        print(f"copydesk: job {job_id} not requeued: {why}", file=sys.stderr)
    print(json.dumps({"requeued": count, "refused": refused}))
    return 1 if refused else 0


def _timestamp(text: str) -> Any:
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _cmd_reprocess(args: argparse.Namespace) -> int:
    """Open (or resume) a run and feed it, showing progress; Ctrl-C stops feeding."""
    from services.outbox import load_task_sender
    from services.reprocess import ENRICH, Selection, feed, open_run
    from services.storage.db import open_pool
    from services.storage.uow import PostgresUnitOfWork
    from services.versions import ENRICH_VERSION, PARSER_VERSION

    def version(given: int | None, current: int) -> int | None:
        return current if given == -1 else given

    selection = Selection(
        everything=args.everything, since=args.since, source_format=args.source_format,
        statuses=tuple(getattr(args, "status", None) or ()),
        parser_version=version(getattr(args, "parser_version", None), PARSER_VERSION),
        enrich_version=version(getattr(args, "enrich_version", None), ENRICH_VERSION))
    if selection.empty:
        raise ConfigError(f"say what to {args.command}: --all, --since, --source-format"
                          + (", --status or --parser-version" if args.kind != ENRICH else " or --enrich-version"))
    settings = _connected_settings(args.data_dir)
    pool = open_pool(settings.database_url, max_size=2)
    sender = load_task_sender(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        run = open_run(args.kind, selection, uow_factory=lambda: PostgresUnitOfWork(pool))
        print(json.dumps({"run_id": run.run_id, "resumed": not run.created, "items": run.total,
                          "done": run.done, "version": run.version}), flush=True)
        if args.dry_run or run.total == 0:
            return 0
        progress = _reprocess_progress(args.command)
        try:
            final = feed(run, uow_factory=lambda: PostgresUnitOfWork(pool), sender=sender,
                         on_progress=progress, should_stop=stop.is_set, low_water=args.low_water)
        except KeyboardInterrupt:
            final = None
        with PostgresUnitOfWork(pool) as uow:
            total, done = uow.revisions.progress(run.run_id)
            outcomes = uow.revisions.outcomes(run.run_id)
        finished = done >= total
        summary = {"run_id": run.run_id, "items": total, "done": done, "outcomes": outcomes,
                   "items_per_s": round(final.rate, 2) if final else None,
                   "finished": finished}
        print(json.dumps(summary), flush=True)
        if not finished:
            print(f"copydesk: {args.command} run {run.run_id} stopped at {done}/{total}; "
                  "the same command resumes it", file=sys.stderr)
        return 0 if finished else 1
    finally:
        sender.close()
        pool.close()


def _reprocess_progress(command: str) -> Any:
    """A redrawn line on a terminal, a JSON line every 5 s otherwise."""
    last = [0.0]

    def show(progress: Any) -> None:
        import time

        line = (f"{command}: {progress.done}/{progress.total} done · "
                f"{progress.rate:.1f} items/s")
        if sys.stderr.isatty():
            print(f"\r{line}   ", end="", file=sys.stderr, flush=True)
        elif time.monotonic() - last[0] >= 5 or progress.done >= progress.total:
            last[0] = time.monotonic()
            print(json.dumps({"event": f"{command}_progress", "run_id": progress.run_id,
                              "done": progress.done, "items": progress.total,
                              "items_per_s": round(progress.rate, 2)}), file=sys.stderr, flush=True)

    return show


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _connected_settings(data_dir: Path | None) -> Settings:
    """Settings whose URLs name the servers: COPYDESK_* or those `copydesk up` runs."""
    database_url, broker_url = _server_urls(data_dir)
    _require(broker_url, "COPYDESK_BROKER_URL")
    return replace(_settings("cli", data_dir=data_dir), database_url=database_url,
                   broker_url=broker_url)


def _require(value: str, name: str) -> None:
    if not value:
        raise ConfigError(f"{name} is not set (or use `copydesk up`, which starts its own servers)")


if __name__ == "__main__":
    sys.exit(main())

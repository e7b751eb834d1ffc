"""Celery configuration built from copydesk's settings (shared by workers and sender)."""

from __future__ import annotations

from typing import Any

from services.config import Settings

INGEST_QUEUE = "ingest"
ENRICH_QUEUE = "enrich"

# Message header in which the sender carries the sender's structlog context
# (job_id above all), bound again by the worker before the task runs.
LOG_CONTEXT_HEADER = "copydesk_log_context"


def celery_config(settings: Settings) -> dict[str, Any]:
    return {
        "broker_url": settings.broker_url,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,  # keep trying through a Redis outage
        "broker_transport_options": {
            # A message a worker took but never acked (the worker died) goes back
            # to its queue once it is this old; must exceed the longest task.
            "visibility_timeout": settings.visibility_timeout,
            # Look for such messages every 5 s instead of kombu's ~100 s default.
            "unacked_restore_interval": 5,
            "unacked_restore_throttle": 1,
            "health_check_interval": 10,
        },
        "broker_pool_limit": 4,
        # JSON only: messages carry ids, never content, and never pickle.
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": settings.task_time_limit_seconds,
        # The soft limit raises inside the task a little before the hard kill.
        "task_soft_time_limit": max(1, int(settings.task_time_limit_seconds * 0.9)),
        "task_default_queue": INGEST_QUEUE,
        "task_routes": {
            "copydesk.ingest": {"queue": INGEST_QUEUE},
            "copydesk.ingest_batch": {"queue": INGEST_QUEUE},
            "copydesk.enrich": {"queue": ENRICH_QUEUE},
            "copydesk.reprocess": {"queue": INGEST_QUEUE},
        },
        # Publishing gives up quickly; the job row is the outbox and the
        # reconciler sends again.
        "task_publish_retry_policy": {
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.5,
            "interval_max": 1,
        },
        "worker_hijack_root_logger": False,
        "worker_concurrency": settings.concurrency,
        # A pool process whose resident memory passed this (KiB) after a task is
        # replaced; each file's own parse is bounded by services.budget.
        "worker_max_memory_per_child": settings.worker_max_memory_mb * 1024 or None,
        "worker_cancel_long_running_tasks_on_connection_loss": False,
        "worker_send_task_events": False,
    }

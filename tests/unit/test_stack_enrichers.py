"""CPU shared between stages (issue 12): enrichers per core, lower priority, models at start."""

from __future__ import annotations

import os

from services.config import Settings
from services.stack import worker_argv


def _fresh_interpreter(code: str) -> list[str]:
    """What ``code`` prints, split into words, run in a new interpreter: other tests of
    this session may have loaded models in this one."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "COPYDESK_LOG_FORMAT": "json"}).stdout.split()


def _concurrency(argv: list[str]) -> int:
    return int(argv[argv.index("--concurrency") + 1])


def test_copydesk_up_runs_one_enricher_process_per_core_by_default() -> None:
    settings = Settings.from_env({})
    assert _concurrency(worker_argv(settings, queue="enrich")) == (os.cpu_count() or 1)
    assert _concurrency(worker_argv(settings)) == (os.cpu_count() or 1)
    pinned = Settings.from_env({"COPYDESK_ENRICH_CONCURRENCY": "3", "COPYDESK_WORKER_CONCURRENCY": "1"})
    assert _concurrency(worker_argv(pinned, queue="enrich")) == 3
    assert _concurrency(worker_argv(pinned)) == 1
    assert worker_argv(pinned, queue="enrich")[worker_argv(pinned, queue="enrich").index("--queues") + 1] == "enrich"


def test_an_ingest_worker_process_loads_no_model_and_keeps_its_priority() -> None:
    code = ("import os; from services.config import Settings; from workers import resources; "
            "from services.pipeline.enrich import models; before = os.nice(0); "
            "resources.start_enricher(Settings.from_env({}), {'ingest'}); "
            "resources.start_enricher(Settings.from_env({}), {'ingest', 'enrich'}); "
            "print(os.nice(0) - before, len(models.loaded()))")
    out = _fresh_interpreter(code)
    assert out[-2:] == ["0", "0"]


def test_an_enricher_process_lowers_its_priority_and_loads_its_models_at_start() -> None:
    code = ("import os; from services.config import Settings; from workers import resources; "
            "from services.pipeline.enrich import models; "
            "resources.start_enricher(Settings.from_env({'COPYDESK_ENRICH_PROFILE': 'fast'}), {'enrich'}); "
            "print(os.nice(0), ','.join(models.loaded()))")
    out = _fresh_interpreter(code)
    assert int(out[-2]) == os.nice(0) + 5
    assert {"lingua", "vader"} <= set(out[-1].split(","))


def test_an_ingest_worker_process_enriching_inline_loads_its_models_at_start_and_keeps_its_priority() -> None:
    code = ("import os; from services.config import Settings; from workers import resources; "
            "from services.pipeline.enrich import models; before = os.nice(0); "
            "s = Settings.from_env({'COPYDESK_ENRICH_PROFILE': 'fast', 'COPYDESK_ENRICH_INLINE': '1'}); "
            "off = Settings.from_env({'COPYDESK_ENRICH_PROFILE': 'fast'}); "
            "assert not resources.enriches_inline(s); "
            "resources.start_enricher(s, {'ingest'}); "
            "print(os.nice(0) - before, resources.enriches_inline(s), resources.enriches_inline(off), "
            "','.join(models.loaded()))")
    out = _fresh_interpreter(code)
    assert out[-4:-1] == ["0", "True", "False"]
    assert {"lingua", "vader"} <= set(out[-1].split(","))



def test_copydesk_up_enriches_inline_when_every_core_has_an_ingest_process_unless_told() -> None:
    from services.stack import up_enriches_inline

    cores = os.cpu_count() or 1
    assert up_enriches_inline(Settings.from_env({}), {})  # one ingest process per core
    assert up_enriches_inline(Settings.from_env({}, worker_concurrency=cores + 1), {})
    if cores > 1:  # fewer ingest processes than cores: the enrichers use the others
        assert not up_enriches_inline(Settings.from_env({}, worker_concurrency=cores - 1), {})
    told = {"COPYDESK_ENRICH_INLINE": "0"}
    assert not up_enriches_inline(Settings.from_env(told), told)
    told = {"COPYDESK_ENRICH_INLINE": "yes"}
    assert up_enriches_inline(Settings.from_env(told, worker_concurrency=1), told)

"""A picture of the dashboard from a real run: `copydesk up`, a real Prometheus scraping
it, files dropped in waves, then every panel of ``deploy/monitoring/grafana-dashboard.json``
queried from Prometheus with the panel's own expression and drawn with matplotlib.

    python -m benchmarks.dashboard_shot [--out docs/dashboard.png] [--files 300]

Needs a ``prometheus`` binary (Debian: ``apt install prometheus``) and matplotlib
(``pip install matplotlib``); neither is a dependency of copydesk. The run takes a few
minutes: waves of HTML pages, text dumps and near-copies from the dev data, with a few
unreadable files among them so the failure panels have something to show.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "deploy" / "monitoring" / "grafana-dashboard.json"
PAGES = REPO.parent / "shared" / "data" / "article-extraction-benchmark-dev" / "html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def _corpus(count: int) -> list[tuple[str, bytes]]:
    rng = random.Random(13)
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(PAGES.glob("*.html.gz"))]
    dumps = [p.read_bytes() for p in sorted((REPO / "tests" / "fixtures" / "textdump").glob("*.txt"))]
    files: list[tuple[str, bytes]] = []
    for i in range(count):
        kind = rng.random()
        if kind < 0.03:
            files.append((f"broken-{i}.json", b'{"title": "half a record", "body": '))
        elif kind < 0.45 or not dumps:
            page = rng.choice(pages)
            files.append((f"page-{i}.html", page + f"<!-- copy {i} -->".encode()))
        else:
            files.append((f"dump-{i}.txt", rng.choice(dumps) + f"\n\nShare this story {i}\n".encode()))
    return files


def _drop(inbox: Path, files: list[tuple[str, bytes]]) -> None:
    for name, content in files:
        tmp = inbox / f".{name}.tmp"
        tmp.write_bytes(content)
        tmp.rename(inbox / name)


def _query_range(prom: str, expr: str, start: float, end: float, step: float) -> list[Any]:
    query = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prom}/api/v1/query_range?{query}", timeout=30) as response:
        result: list[Any] = json.load(response)["data"]["result"]
    return result


def _query(prom: str, expr: str, at: float) -> list[Any]:
    query = urllib.parse.urlencode({"query": expr, "time": at})
    with urllib.request.urlopen(f"{prom}/api/v1/query?{query}", timeout=30) as response:
        result: list[Any] = json.load(response)["data"]["result"]
    return result


def _label(template: str, metric: dict[str, str]) -> str:
    for key, value in metric.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def _render(prom: str, start: float, end: float, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dashboard = json.loads(DASHBOARD.read_text())
    panels = dashboard["panels"]
    fig = plt.figure(figsize=(16, 14), dpi=100)
    fig.suptitle(f"{dashboard['title']} — a {int(end - start)} s run of `copydesk up` "
                 "(Prometheus, panels of deploy/monitoring/grafana-dashboard.json)", fontsize=12)
    grid = fig.add_gridspec(36, 24, hspace=1.6, wspace=0.8)
    for panel in panels:
        pos = panel["gridPos"]
        ax = fig.add_subplot(grid[pos["y"]:pos["y"] + pos["h"], pos["x"]:pos["x"] + pos["w"]])
        ax.set_title(panel["title"], fontsize=9, loc="left")
        target = panel["targets"][0]
        if panel["type"] == "stat":
            series = _query(prom, target["expr"], end)
            value = float(series[0]["value"][1]) if series else 0.0
            unit = panel["fieldConfig"]["defaults"].get("unit", "")
            text = f"{value:.1f} /s" if unit == "reqps" else (f"{value:.0f} s" if unit == "s"
                                                               else f"{value:.0f}")
            ax.text(0.5, 0.4, text, ha="center", va="center", fontsize=18, weight="bold")
            ax.axis("off")
        elif panel["type"] == "table":
            series = _query(prom, target["expr"], end)
            rows = sorted(((s["metric"].get("status", ""), s["metric"].get("error_code", ""),
                            s["value"][1]) for s in series), key=lambda r: -float(r[2]))
            ax.axis("off")
            if rows:
                table = ax.table(cellText=[list(r) for r in rows[:6]],
                                 colLabels=["status", "error_code", "jobs"], loc="upper left")
                table.scale(1, 1.2)
        else:
            for target in panel["targets"]:
                for series in _query_range(prom, target["expr"], start, end, 2):
                    xs = [float(t) - start for t, _ in series["values"]]
                    ys = [float(v) for _, v in series["values"]]
                    ax.plot(xs, ys, label=_label(target.get("legendFormat", ""), series["metric"]))
            ax.tick_params(labelsize=7)
            ax.set_xlabel("seconds into the run", fontsize=7)
            unit = panel["fieldConfig"]["defaults"].get("unit", "")
            if unit in ("s", "reqps"):
                ax.set_ylabel({"s": "seconds", "reqps": "per second"}[unit], fontsize=7)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=6, loc="upper left")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "dashboard.png")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--waves", type=int, default=4)
    args = parser.parse_args(argv)
    if not shutil.which("prometheus"):
        raise SystemExit("needs a prometheus binary (Debian: apt install prometheus)")

    with tempfile.TemporaryDirectory(prefix="dashboard-shot-") as tmp:
        root = Path(tmp)
        inbox, data_dir = root / "inbox", root / "data"
        metrics_port, prom_port = _free_port(), _free_port()
        env = {**os.environ, "COPYDESK_LOG_FORMAT": "json", "COPYDESK_METRICS_PORT": str(metrics_port),
               "PYTHONPATH": str(REPO)}
        env.pop("COPYDESK_DATABASE_URL", None)
        env.pop("COPYDESK_BROKER_URL", None)
        log = (root / "up.log").open("wb")
        up = subprocess.Popen([sys.executable, "-m", "services.cli", "up", "--inbox", str(inbox),
                               "--data-dir", str(data_dir)], stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, env=env)
        config = root / "prometheus.yml"
        shutil.copy(REPO / "deploy" / "monitoring" / "alerts.yaml", root / "alerts.yaml")
        config.write_text(
            "global: {scrape_interval: 2s, evaluation_interval: 2s}\n"
            "rule_files: [alerts.yaml]\n"
            "scrape_configs:\n  - job_name: copydesk\n"
            f"    static_configs: [{{targets: ['127.0.0.1:{metrics_port}']}}]\n")
        prom_log = (root / "prometheus.log").open("wb")
        prom = subprocess.Popen(["prometheus", f"--config.file={config}",
                                 f"--storage.tsdb.path={root / 'tsdb'}",
                                 f"--web.listen-address=127.0.0.1:{prom_port}"],
                                stdout=prom_log, stderr=subprocess.STDOUT)
        prom_url = f"http://127.0.0.1:{prom_port}"
        try:
            _wait(lambda: b'"stack_ready"' in (root / "up.log").read_bytes(), 180, "copydesk up")
            _wait(lambda: bool(_query(prom_url, 'copydesk_up{server="postgres"}', time.time())),
                  60, "the first scrape")
            start = time.time() - 10
            files = _corpus(args.files)
            wave = max(1, len(files) // args.waves)
            for i in range(0, len(files), wave):
                _drop(inbox, files[i:i + wave])
                time.sleep(25)

            def finished() -> bool:
                series = _query(prom_url, 'copydesk_jobs{status=~"queued|running"}', time.time())
                waiting = _query(prom_url, "copydesk_unenriched_articles", time.time())
                return (sum(float(s["value"][1]) for s in series) == 0
                        and sum(float(s["value"][1]) for s in waiting) == 0)

            _wait(finished, 600, "every file to be processed and enriched")
            time.sleep(20)
            _render(prom_url, start, time.time(), args.out)
        finally:
            prom.send_signal(signal.SIGTERM)
            up.send_signal(signal.SIGTERM)
            prom.wait(timeout=30)
            up.wait(timeout=120)
            log.close()
            prom_log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

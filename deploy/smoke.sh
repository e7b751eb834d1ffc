#!/usr/bin/env bash
# Checks a running copydesk compose stack end to end, the way it will be used and abused:
# drops a corpus of distinct articles into ./inbox in three waves; between them scales the
# ingest workers up, kills one worker container with SIGKILL in the middle of its tasks,
# restarts Redis, scales the workers back down; then checks, through psql as
# copydesk_reader, that every file became exactly one job with a final status and no
# article was stored twice. Prints a table; exits 1 if anything was lost or doubled.
#
#   deploy/smoke.sh                                     # Docker Compose v2
#   COMPOSE=podman-compose ENGINE=podman deploy/smoke.sh
#   COMPOSE=../shared/compose-offline/compose.sh ENGINE=podman \
#     SCALE="../shared/compose-offline/up.sh --scale" deploy/smoke.sh
#
# Run it from the repository top (next to compose.yaml and .env) after `up`.
# Settings (environment): FILES (default 60), WORKERS_UP (3), WORKERS_DOWN (1),
# WAIT_SECONDS (900: redelivery of a killed task may wait for the reconciler),
# KILL_WAIT_SECONDS (120: how long to look for a worker container with a task running),
# KILL_TRIES (3: kills until one cuts off a running task),
# CORPUS (a directory of distinct article files to drop instead of the generated
# ones, e.g. `python -m benchmarks.mix_corpus DIR --prefix NAME`; each is dropped as
# RUN-NAME, and generated articles make up any shortfall), INBOX (./inbox),
# COMPOSE ("docker compose"), ENGINE (docker, or podman when COMPOSE names podman),
# SCALE ("$COMPOSE up -d --no-deps --scale").
#
# The container to kill is found by asking the workers which tasks they are running
# (celery inspect active, from inside a worker container); while none is, a few more
# articles are dropped (at most 3 x FILES in all). A kill counts once a task of the
# killed container is still `running` in Postgres after it (else it is tried again, up
# to KILL_TRIES kills). The table says how the last killed container's tasks stood at
# the kill and how they ended. Small generated articles are often done before the
# kill lands: CORPUS with real pages makes a cut-off task likely.
set -euo pipefail

COMPOSE=${COMPOSE:-docker compose}
case "$COMPOSE" in *podman* | *compose-offline*) ENGINE=${ENGINE:-podman} ;; *) ENGINE=${ENGINE:-docker} ;; esac
SCALE=${SCALE:-$COMPOSE up -d --no-deps --scale}
FILES=${FILES:-60}
WORKERS_UP=${WORKERS_UP:-3}
WORKERS_DOWN=${WORKERS_DOWN:-1}
WAIT_SECONDS=${WAIT_SECONDS:-900}
KILL_WAIT_SECONDS=${KILL_WAIT_SECONDS:-120}
KILL_TRIES=${KILL_TRIES:-3}
INBOX=${INBOX:-./inbox}
RUN=smoke-$(date +%Y%m%d%H%M%S)-$$
T0=$SECONDS

say() { printf 'smoke: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
dotenv() { [ -f .env ] && sed -n "s/^$1=//p" .env | tail -n 1 || true; }

READER_PASSWORD=${COPYDESK_READER_PASSWORD:-$(dotenv COPYDESK_READER_PASSWORD)}
sql() { # QUERY -> rows, fields separated by |
  if [ -n "$READER_PASSWORD" ]; then
    $COMPOSE exec -T -e PGPASSWORD="$READER_PASSWORD" postgres \
      psql -h 127.0.0.1 -U copydesk_reader -d copydesk -X -q -At -F '|' -v ON_ERROR_STOP=1 -c "$1"
  else
    $COMPOSE exec -T postgres psql -U copydesk_admin -d copydesk -X -q -At -F '|' \
      -v ON_ERROR_STOP=1 -c 'SET ROLE copydesk_reader' -c "$1"
  fi
}

CORPUS_FILES=()
if [ -n "${CORPUS:-}" ]; then
  [ -d "$CORPUS" ] || die "CORPUS=$CORPUS is not a directory"
  for f in "$CORPUS"/*; do [ -f "$f" ] && CORPUS_FILES+=("$f"); done
fi

dropped=0
drop() { # FIRST LAST: distinct articles, each written aside and renamed in
  local i
  for i in $(seq "$1" "$2"); do
    if [ "$i" -le "${#CORPUS_FILES[@]}" ]; then
      local src=${CORPUS_FILES[$((i - 1))]}
      local name=$RUN-$(printf %04d "$i")-$(basename "$src")
      cp "$src" "$INBOX/.$name.tmp"
    else
      local name=$RUN-$(printf %04d "$i").html
      generate "$i" >"$INBOX/.$name.tmp"
    fi
    mv "$INBOX/.$name.tmp" "$INBOX/$name"
    dropped=$i
  done
}

generate() { # N: a distinct article, long enough that a worker is seen working on it
  local i=$1 p
  printf '<html><head><title>Smoke article %s number %d</title></head><body><article>\n' "$RUN" "$i"
  printf '<h1>Smoke article %s number %d</h1>\n' "$RUN" "$i"
  for p in $(seq 1 40); do
    printf '<p>Paragraph %d of article %d in run %s. The council met on day %d to discuss item %d, ' "$p" "$i" "$RUN" "$((i % 28 + 1))" "$((i * 7 + p))"
    printf 'and residents raised %d questions about the budget line %d before the vote; ' "$((i + p))" "$((i * 13 + p))"
    printf 'the clerk read %d letters, %d of them about road %d and %d about school %d.</p>\n' \
      "$((i * 3 + p))" "$((p * 5 + i % 11))" "$((i * 17 + p * 3))" "$((p + i % 7))" "$((i * 19 + p))"
  done
  printf '</article></body></html>\n'
}

# The containers of SERVICE in this project (the engine's ps: podman-compose's takes no
# service names). Both engines label them with the project's directory and the service.
containers() {
  $ENGINE ps -q --no-trunc --filter "label=com.docker.compose.project.working_dir=$PWD" \
    --filter "label=com.docker.compose.service=$1"
}

# "HOST JOB_ID" for each ingest task running now, asked from inside a worker. A worker's
# hostname is its container's short id (%h in its node name ingest@%h). The reply comes
# as soon as every worker answered, so the kill follows within a fraction of a second.
running_tasks() { # WORKER_CONTAINER_IDS
  local ids probe
  ids=$(cut -c 1-12 <<<"$1")
  probe=$(head -n 1 <<<"$ids")
  [ -n "$probe" ] || return 0
  # shellcheck disable=SC2086 # one argument per worker
  $ENGINE exec "$probe" python -c '
import os, sys
from workers.app import app
nodes = ["ingest@" + host for host in sys.argv[1:]]
replies = app.control.inspect(destination=nodes, timeout=3, limit=len(nodes)).active() or {}
for node, tasks in replies.items():
    for task in tasks:
        if task.get("name") == "copydesk.ingest":
            print(node.split("@", 1)[1], *task.get("args") or ["?"])
sys.stdout.flush()
os._exit(0)  # now, not after closing the broker connection: the kill follows at once
' $ids 2>/dev/null || true
}

scale_workers() {
  say "scaling worker to $1"
  # shellcheck disable=SC2086 # SCALE is a command line
  $SCALE "worker=$1" worker >/dev/null
}

[ -f compose.yaml ] || die "run from the directory of compose.yaml"
[ -d "$INBOX" ] || die "no inbox at $INBOX"
sql 'SELECT 1' >/dev/null || die "cannot query Postgres as copydesk_reader through '$COMPOSE exec postgres'"

third=$((FILES / 3))
say "run $RUN: $FILES files"
drop 1 "$third"
scale_workers "$WORKERS_UP"

drop "$((third + 1))" "$((2 * third))"
# Kill a worker container while it runs a task: ask the workers what they run (while
# nothing runs, drop a few more articles), kill the busiest, and check in Postgres that a
# task of it is still `running` (its container is dead, so it was cut off). Tasks can be
# shorter than the ask: up to KILL_TRIES kills, the workers scaled back up between them.
kill_busy_worker() {
  local deadline=$((SECONDS + KILL_WAIT_SECONDS)) ids tasks host
  victim='' victim_jobs=''
  while [ -z "$victim" ]; do
    ids=$(containers worker)
    tasks=$(running_tasks "$ids")
    host=$(awk '{ print $1 }' <<<"$tasks" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
    if [ -n "$host" ]; then
      victim=$(grep "^$host" <<<"$ids" | head -n 1 || true)
      victim_jobs=$(awk -v h="$host" '$1 == h { print $2 }' <<<"$tasks" | paste -sd, -)
    fi
    [ -n "$victim" ] || [ $SECONDS -ge $deadline ] && break
    if [ "$dropped" -lt $((3 * FILES)) ]; then
      drop "$((dropped + 1))" "$((dropped + 2 * WORKERS_UP))"
    else
      sleep 1
    fi
  done
  if [ -z "$victim" ]; then
    say "no worker container was seen running a task within $KILL_WAIT_SECONDS s; killing one anyway"
    victim=$(containers worker | head -n 1)
  fi
  [ -n "$victim" ] || die "no worker container to kill"
  $ENGINE kill -s KILL "$victim" >/dev/null
  killed=$((killed + 1))
  at_kill='none seen' cut_off=0
  if [ -n "$victim_jobs" ]; then
    cut_off=$(sql "SELECT count(*) FROM api.jobs WHERE status = 'running'
                   AND job_id::text = ANY (string_to_array('$victim_jobs', ','))")
    at_kill="$cut_off of $(tr ',' '\n' <<<"$victim_jobs" | wc -l | tr -d ' ') still running"
  fi
  say "kill -s KILL worker container ${victim:0:12}: its tasks ${victim_jobs:-none seen}, $at_kill"
}

killed=0
for try in $(seq 1 "$KILL_TRIES"); do
  kill_busy_worker
  [ "$cut_off" -gt 0 ] || [ "$try" -ge "$KILL_TRIES" ] && break
  scale_workers "$WORKERS_UP" # the killed replica back
  [ "$dropped" -ge $((3 * FILES)) ] || drop "$((dropped + 1))" "$((dropped + 2 * WORKERS_UP))"
done

first=$((dropped + 1))
drop "$first" "$((first + FILES - 2 * third - 1))"
say "restarting redis"
$COMPOSE restart redis >/dev/null
redis_restarted=1
scale_workers "$WORKERS_UP" # brings the killed replica back if the engine did not
scale_workers "$WORKERS_DOWN"

final="'stored','duplicate','rejected','failed','split'"
say "waiting up to $WAIT_SECONDS s for every file to end"
deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  done_count=$(sql "SELECT count(*) FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '$RUN-%' AND status IN ($final)")
  [ "$done_count" -ge "$dropped" ] && break
  [ $SECONDS -lt $deadline ] || break
  sleep 3
done
elapsed=$((SECONDS - T0))

IFS='|' read -r jobs final_jobs names lost doubled stored duplicate other < <(sql "
WITH top AS (SELECT * FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '$RUN-%'),
     per_name AS (SELECT source_name, count(*) AS n, bool_and(status IN ($final)) AS ended FROM top GROUP BY 1)
SELECT (SELECT count(*) FROM top),
       (SELECT count(*) FROM top WHERE status IN ($final)),
       (SELECT count(*) FROM per_name),
       $dropped - (SELECT count(*) FROM per_name WHERE n = 1 AND ended),
       (SELECT count(*) FROM per_name WHERE n > 1),
       (SELECT count(*) FROM top WHERE status = 'stored'),
       (SELECT count(*) FROM top WHERE status = 'duplicate'),
       (SELECT count(*) FROM top WHERE status NOT IN ('stored', 'duplicate'))")
# Deliveries beyond the first: redeliveries after the kill, retries across the Redis restart.
again=$(sql "SELECT count(*) FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '$RUN-%' AND attempts > 1")
twice=$(sql "SELECT count(*) FROM (SELECT source_name FROM api.articles WHERE source_name LIKE '$RUN-%'
             GROUP BY source_name HAVING count(*) > 1) t")
twice_jobs=$(sql "SELECT count(*) FROM (SELECT job_id FROM api.articles WHERE source_name LIKE '$RUN-%'
                  GROUP BY job_id HAVING count(*) > 1) t")

victim_outcome=''
if [ -n "$victim_jobs" ]; then
  victim_outcome=$(sql "SELECT string_agg(status || ' after ' || attempts || ' deliveries', ', ' ORDER BY job_id)
                        FROM api.jobs WHERE job_id::text = ANY (string_to_array('$victim_jobs', ','))")
fi

printf '\n%-34s %s\n' "check ($RUN)" "result"
printf '%-34s %s\n' "files dropped" "$dropped"
printf '%-34s %s\n' "workers scaled" "1 -> $WORKERS_UP -> $WORKERS_DOWN"
printf '%-34s %s\n' "worker containers killed (SIGKILL)" "$killed"
printf '%-34s %s\n' "  last one's tasks, at the kill" "$at_kill"
printf '%-34s %s\n' "  last one's tasks, at the end" "${victim_outcome:-none seen}"
printf '%-34s %s\n' "jobs delivered more than once" "$again"
printf '%-34s %s\n' "redis restarted" "${redis_restarted:-0}"
printf '%-34s %s\n' "jobs (top level)" "$jobs"
printf '%-34s %s\n' "jobs with a final status" "$final_jobs"
printf '%-34s %s\n' "  stored / duplicate / other" "$stored / $duplicate / $other"
printf '%-34s %s\n' "lost (no job, or not ended)" "$lost"
printf '%-34s %s\n' "doubled (more than one job)" "$doubled"
printf '%-34s %s\n' "articles stored twice" "$((twice + twice_jobs))"
printf '%-34s %s s\n' "elapsed" "$elapsed"

if [ "$lost" = 0 ] && [ "$doubled" = 0 ] && [ "$((twice + twice_jobs))" = 0 ] && [ "$names" = "$dropped" ]; then
  echo "smoke: PASS"
else
  echo "smoke: FAIL"
  exit 1
fi
